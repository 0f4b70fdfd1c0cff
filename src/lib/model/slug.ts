/**
 * URL slugs: lowercase ASCII with words joined by hyphens, transliterated from any script
 * (`António Guterres` -> `antonio-guterres`, `Токаев` -> `tokaev`, `Қазақстан` -> `qazaqstan`).
 */
import { slugify } from 'transliteration';
import type { ContentProblem } from '../content/problems.ts';

/**
 * Letters of Kazakh, Kyrgyz and Tajik that the generic table spells awkwardly, and the
 * apostrophe-like marks of Uzbek Latin (`Oʻzbekiston`), which must not split a word.
 */
const REGIONAL_LETTERS: [string, string][] = [
  ['Қ', 'Q'],
  ['қ', 'q'],
  ['Ғ', 'Gh'],
  ['ғ', 'gh'],
  ['Ң', 'Ng'],
  ['ң', 'ng'],
  ['Ө', 'O'],
  ['ө', 'o'],
  ['Ұ', 'U'],
  ['ұ', 'u'],
  ['Ү', 'U'],
  ['ү', 'u'],
  ['Һ', 'H'],
  ['һ', 'h'],
  ['І', 'I'],
  ['і', 'i'],
  ['Ә', 'A'],
  ['ә', 'a'],
  ['Ҳ', 'H'],
  ['ҳ', 'h'],
  ['Ҷ', 'J'],
  ['ҷ', 'j'],
  ['Ӣ', 'I'],
  ['ӣ', 'i'],
  ['Ӯ', 'U'],
  ['ӯ', 'u'],
  ['ʻ', ''],
  ['ʼ', ''],
  ['‘', ''],
  ['’', ''],
  ["'", ''],
  ['`', ''],
];

/** Names recur across thousands of articles; transliteration is the costly part, so each is done once. */
const slugs = new Map<string, string>();

/**
 * A slug for `text`; empty when `text` has no letters or digits (`—`, `???`), which callers
 * report as a problem rather than publishing a page at a made-up address.
 */
export function toSlug(text: string): string {
  let slug = slugs.get(text);
  if (slug === undefined) {
    slug = slugify(text, { lowercase: true, separator: '-', replace: REGIONAL_LETTERS })
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '');
    slugs.set(text, slug);
  }
  return slug;
}

/** The slug of an article file name: `2025-07-31-osh-water-deal.md` (or `.markdown`) -> `osh-water-deal`. */
export function slugFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*\//, '')
    .replace(/\.(md|markdown)$/i, '')
    .replace(/^\d{4}-\d{2}-\d{2}-/, '');
  return toSlug(base);
}

/** The problem of a file whose name has nothing to make an address from, and no `slug` field; `example` is a good file name. */
export function unnamedFileProblem(file: string, example: string): ContentProblem {
  return {
    severity: 'error',
    file,
    line: 1,
    column: 1,
    field: 'slug',
    message: 'The file name has no letters or digits to make the address from.',
    found: `"${file.replace(/^.*\//, '')}"`,
    hint: `Rename the file after its title (e.g. ${example}), or add a "slug".`,
  };
}
