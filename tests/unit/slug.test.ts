import { describe, expect, it } from 'vitest';
import { slugFromFileName, toSlug } from '../../src/lib/model/slug.ts';

describe('toSlug', () => {
  it('drops diacritics', () => {
    expect(toSlug('António Guterres')).toBe('antonio-guterres');
  });

  it('transliterates Cyrillic', () => {
    expect(toSlug('Токаев')).toBe('tokaev');
    expect(toSlug('Ташкент')).toBe('tashkent');
  });

  it('spells Kazakh and Tajik letters as the regional Latin alphabets do', () => {
    expect(toSlug('Қазақстан')).toBe('qazaqstan');
    expect(toSlug('Ҳукумат')).toBe('hukumat');
  });

  it('keeps Uzbek words whole across the ʻ mark', () => {
    expect(toSlug('Oʻzbekiston')).toBe('ozbekiston');
    expect(toSlug("O'zbekiston")).toBe('ozbekiston');
  });

  it('joins words with single hyphens and lowercases', () => {
    expect(toSlug('  Ministry of Digital Development, Innovation -- and Aerospace  ')).toBe('ministry-of-digital-development-innovation-and-aerospace');
  });

  it('is empty for text with no letters or digits, never a made-up word', () => {
    expect(toSlug('!!!')).toBe('');
    expect(toSlug('—')).toBe('');
    expect(toSlug('')).toBe('');
  });
});

describe('slugFromFileName', () => {
  it('drops a .markdown extension in any letter case', () => {
    expect(slugFromFileName('articles/2014/2014-03-02-bazaar-fire.markdown')).toBe('bazaar-fire');
    expect(slugFromFileName('articles/2014/Bazaar-Fire.MD')).toBe('bazaar-fire');
  });

  it('drops the folder, the extension and a leading date', () => {
    expect(slugFromFileName('content/articles/2025/07/2025-07-31-Osh-water-deal.md')).toBe('osh-water-deal');
  });

  it('keeps a name without a date', () => {
    expect(slugFromFileName('summit-opens.md')).toBe('summit-opens');
  });
});
