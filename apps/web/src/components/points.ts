/** Points as a person writes them: at most two decimals (2.666667 -> 2.67, 4 -> 4). */
export function formatPoints(points: number | null | undefined): string {
  return points === null || points === undefined ? '–' : String(Math.round(points * 100) / 100);
}

/** "3 / 5": earned points against the maximum, both rounded like the CSV. */
export function pointsOf(points: number | null | undefined, max: number | null | undefined): string {
  return `${formatPoints(points)} / ${formatPoints(max)}`;
}
