import { describe, expect, it } from 'vitest';
import { ContentError, didYouMean, formatProblem, formatProblems } from '../../src/lib/content/problems.ts';

describe('formatProblem', () => {
  it('puts location, severity, field, expectation and hint on one line', () => {
    expect(
      formatProblem({
        severity: 'error',
        file: 'content/articles/a.md',
        line: 4,
        column: 1,
        field: 'date',
        message: 'has the wrong form.',
        expected: 'an ISO 8601 date',
        found: '"31.07.2025"',
        hint: 'Write 2025-07-31.',
      }),
    ).toBe('content/articles/a.md:4:1  error  date: has the wrong form. Expected an ISO 8601 date; found "31.07.2025". Write 2025-07-31.');
  });

  it('defaults the position to the top of the file', () => {
    expect(formatProblem({ severity: 'warning', file: 'a.md', message: 'Odd.' })).toBe('a.md:1:1  warning  Odd.');
  });
});

describe('formatProblems', () => {
  it('counts, and lists errors before warnings', () => {
    const text = formatProblems([
      { severity: 'warning', file: 'a.md', message: 'W.' },
      { severity: 'error', file: 'b.md', message: 'E.' },
    ]);
    expect(text.split('\n')).toEqual(['Content has 1 error and 1 warning:', '  b.md:1:1  error  E.', '  a.md:1:1  warning  W.']);
  });
});

describe('ContentError', () => {
  it('carries every problem and says nothing was published', () => {
    const error = new ContentError([{ severity: 'error', file: 'a.md', message: 'E.' }]);
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain('Nothing was published');
  });
});

describe('didYouMean', () => {
  const fields = ['title', 'summary', 'organizations', 'speakers'];

  it('suggests the nearest field for a typo', () => {
    expect(didYouMean('organisations', fields)).toBe('organizations');
    expect(didYouMean('Speaker', fields)).toBe('speakers');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(didYouMean('category', fields)).toBeUndefined();
  });
});
