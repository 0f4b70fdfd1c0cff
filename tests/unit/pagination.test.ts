import { describe, expect, it } from 'vitest';
import { showingText } from '../../src/lib/model/pagination.ts';

describe('showingText', () => {
  it('states the range of a middle page', () => {
    expect(showingText(20, 39, 57)).toBe('Showing 21–40 of 57 stories');
  });

  it('states a short last page', () => {
    expect(showingText(40, 56, 57)).toBe('Showing 41–57 of 57 stories');
  });

  it('states a single story without a range', () => {
    expect(showingText(0, 0, 1)).toBe('Showing 1 of 1 story');
    expect(showingText(20, 20, 21)).toBe('Showing 21 of 21 stories');
  });

  it('says so when there is nothing', () => {
    expect(showingText(0, -1, 0)).toBe('No stories yet');
  });
});
