/** The middle value of a non-empty list (the upper of the two middle ones when its length is even). */
export const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
