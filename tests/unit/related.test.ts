import { describe, expect, it } from 'vitest';
import { relatedIndex } from '../../src/lib/model/related.ts';

// Ranks are positions in a newest-first list: rank 0 is the newest article.
const options = { count: 3, postingWindow: 1000 };

describe('relatedIndex', () => {
  it('ranks a shared rare entity above a shared common one', () => {
    const related = relatedIndex(
      [{ entities: ['people/rare', 'topics/common'] }, { entities: ['topics/common'] }, { entities: ['topics/common'] }, { entities: ['people/rare'] }],
      options,
    );
    expect(related(0)[0]).toBe(3);
  });

  it('ranks more shared entities higher', () => {
    const related = relatedIndex([{ entities: ['a', 'b', 'x'] }, { entities: ['a', 'y'] }, { entities: ['a', 'b', 'z'] }, { entities: ['q'] }], options);
    expect(related(0).slice(0, 2)).toEqual([2, 1]);
  });

  it('breaks ties by recency', () => {
    const related = relatedIndex([{ entities: ['t'] }, { entities: ['t'] }, { entities: ['t'] }, { entities: ['t'] }], options);
    expect(related(2)).toEqual([0, 1, 3]);
  });

  it('never returns the article itself', () => {
    const related = relatedIndex([{ entities: ['t'] }, { entities: ['t'] }], options);
    expect(related(1)).toEqual([0]);
  });

  it('makes up the block to three with the latest stories when too few share anything', () => {
    const related = relatedIndex([{ entities: ['a'] }, { entities: ['b'] }, { entities: ['c'] }, { entities: ['d'] }, { entities: ['d'] }], options);
    expect(related(4)).toEqual([3, 0, 1]);
  });

  it('scores only the postings nearest in time for very common entities', () => {
    const articles = Array.from({ length: 50 }, () => ({ entities: ['topics/common'] }));
    const related = relatedIndex(articles, { count: 3, postingWindow: 10 });
    // Article 40's window is ranks 35..44: ties go to the newest within the window, not to rank 0.
    expect(related(40)).toEqual([35, 36, 37]);
  });

  it('is deterministic', () => {
    const articles = Array.from({ length: 30 }, (_, i) => ({ entities: [`t/${i % 4}`, `p/${i % 7}`] }));
    expect(relatedIndex(articles, options)(5)).toEqual(relatedIndex(articles, options)(5));
  });
});
