import { describe, expect, it } from 'vitest';
import { readingMinutes } from '../../src/lib/markdown/reading-time.ts';

describe('readingMinutes', () => {
  it('counts 230 words a minute, rounded', () => {
    expect(readingMinutes('word '.repeat(690))).toBe(3);
  });

  it('is at least one minute', () => {
    expect(readingMinutes('Short.')).toBe(1);
  });

  it('counts words in any script', () => {
    expect(readingMinutes('слово '.repeat(460))).toBe(2);
  });
});
