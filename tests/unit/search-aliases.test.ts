import { describe, expect, it } from 'vitest';
import { expandAliases } from '../../src/lib/model/search-aliases.ts';

const ALIASES = {
  sco: 'Shanghai Cooperation Organization',
  'shanghai cooperation organisation': 'Shanghai Cooperation Organization',
  un: 'United Nations',
};

describe('expandAliases', () => {
  it('reads an alias in the query, in any case, as the name it stands for', () => {
    expect(expandAliases('SCO', ALIASES)).toBe('Shanghai Cooperation Organization');
    expect(expandAliases('sco summit', ALIASES)).toBe('Shanghai Cooperation Organization summit');
    expect(expandAliases('UN and SCO', ALIASES)).toBe('United Nations and Shanghai Cooperation Organization');
  });

  it('matches whole words only', () => {
    expect(expandAliases('scope unless', ALIASES)).toBe('scope unless');
    expect(expandAliases('disco', ALIASES)).toBe('disco');
  });

  it('matches a longer alias before a shorter one, across any spacing', () => {
    expect(expandAliases('Shanghai  Cooperation Organisation', ALIASES)).toBe('Shanghai Cooperation Organization');
  });

  it('leaves a query with no alias as it is', () => {
    expect(expandAliases('water deal', ALIASES)).toBe('water deal');
    expect(expandAliases('SCO', {})).toBe('SCO');
  });
});
