/** Points to the hundredth: float noise (0.1 + 0.2) never reaches a grade, and 1.33 of a report question is kept. */
export const roundPoints = (points: number): number => Math.round(points * 100) / 100
