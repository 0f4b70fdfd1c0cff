/**
 * Pagination of lists of stories: page size, and the sentence that tells a reader truthfully
 * which part of the list they are looking at.
 */
export const PAGE_SIZE = 20;

/**
 * "Showing 21–40 of 57 stories" for 0-based inclusive `start`..`end` of `total` items.
 */
export function showingText(start: number, end: number, total: number, noun = 'stories'): string {
  if (total === 0) return `No ${noun} yet`;
  if (start === end) return `Showing ${start + 1} of ${total} ${total === 1 ? singular(noun) : noun}`;
  return `Showing ${start + 1}–${end + 1} of ${total} ${noun}`;
}

function singular(noun: string): string {
  return noun.endsWith('ies') ? `${noun.slice(0, -3)}y` : noun.replace(/s$/, '');
}
