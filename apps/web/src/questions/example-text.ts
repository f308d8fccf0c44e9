/** A setup of several lines on one line, as Python would read it: `t = make_counter(); t()`. */
export function setupText(setup: string): string {
  return setup
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');
}
