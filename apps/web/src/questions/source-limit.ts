/** The API's limit on a submitted module and on a draft (SourceRequestDto's MAX_SOURCE_LENGTH). */
export const MAX_SOURCE_LENGTH = 65_536;

/** Why code cannot be sent, in words; undefined when it can. */
export function sourceProblem(source: string): string | undefined {
  if (source.length <= MAX_SOURCE_LENGTH) return undefined;
  const n = (value: number) => value.toLocaleString('en-US');
  return `Your code is ${n(source.length)} characters long; the limit is ${n(MAX_SOURCE_LENGTH)}. Remove what was pasted by mistake and try again: nothing was run.`;
}
