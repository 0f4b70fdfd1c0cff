/**
 * The article model: what the site knows about an article once its frontmatter is valid and
 * every name in it is resolved to a canonical entity with a slug.
 */
import { decodeHTML } from 'entities';
import type { ImageMetadata } from 'astro';
import { z } from 'astro/zod';
import { expandPermalinks, normalizeAlias } from './aliases.ts';
import { calendarParts, parseContentDate } from './dates.ts';
import type { FieldPath, ParsedMarkdown } from '../content/frontmatter.ts';
import type { ContentProblem } from '../content/problems.ts';
import type { SiteConfig } from '../../site.config.ts';
import { REGISTRY_KINDS, type EntityKind, type RegistryKind } from '../entity-kinds.ts';
import type { Registry } from '../content/registry.ts';
import { articleFrontmatterSchema, imageSchema, type ArticleFrontmatter } from '../schema.ts';
import { slugFromFileName, toSlug, unnamedFileProblem } from './slug.ts';
import { fieldName, validate } from '../content/validate.ts';

const entityRef = z.object({ name: z.string(), slug: z.string() });

/** An article as stored in the content collection and handed to pages. */
export const articleRecordSchema = z.object({
  /** Source file, relative to the content directory. */
  file: z.string(),
  /** URL path without the site base: `/2025/07/osh-water-deal/`. */
  path: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  date: z.date(),
  updated: z.date().optional(),
  /** Corrections, oldest first, as the frontmatter's `corrections` give them. */
  corrections: z.array(z.object({ date: z.date(), text: z.string() })),
  year: z.number(),
  month: z.number(),
  location: z.object({ text: z.string(), country: entityRef, place: entityRef.optional() }).optional(),
  organizations: z.array(entityRef),
  speakers: z.array(entityRef.extend({ role: z.string().optional() })),
  topics: z.array(entityRef),
  /** The bylines; the site's default byline when the frontmatter names none. */
  authors: z.array(entityRef),
  /**
   * `file`: the photo beside the article, as Astro's image pipeline reads it (src/content.config.ts
   * turns the loader's relative path into image metadata with `image()`); absent for a public/ or remote image.
   */
  image: imageSchema.extend({ file: z.custom<ImageMetadata>().optional() }).optional(),
  audio: z.string().optional(),
  draft: z.boolean(),
  /** Pinned by an editor as the home page's lead (`front-page.ts` says for how long). */
  featured: z.boolean(),
  lang: z.string().optional(),
  /** Old addresses from the frontmatter's `aliases`, normalised, in its order (`aliases.ts`). */
  aliases: z.array(z.string()),
  /** Old addresses the site's `legacyPermalinks` patterns give this article. */
  legacyAliases: z.array(z.string()),
  /** Minutes to read the body, from the reading-time remark plugin. */
  readingMinutes: z.number(),
  /** Names the body's rendered HTML in the build cache (`rendered-bodies.ts`). */
  bodyDigest: z.string(),
});

/**
 * The articles collection's schema, given how the photo beside an article becomes image metadata:
 * Astro's `image()` in the content layer (src/content.config.ts), or the publish engine's, which
 * records the same reference for the photo metadata the compiled pages resolved.
 */
export function articleEntrySchema<Image extends z.ZodType>(image: () => Image) {
  const recordImage = articleRecordSchema.shape.image.unwrap();
  return articleRecordSchema.extend({ image: recordImage.extend({ file: image().optional() }).optional() });
}

export type ArticleRecord = z.output<typeof articleRecordSchema>;
export type EntityRef = z.output<typeof entityRef>;
/** What the frontmatter gives; rendering the body adds the rest. */
export type ArticleFields = Omit<ArticleRecord, 'readingMinutes' | 'bodyDigest'>;

/** The site settings that shape the article model. */
export type ContentSettings = Pick<SiteConfig, 'timeZone' | 'defaultByline' | 'legacyPermalinks'>;

/** One registry per kind that has a registry file. */
export type Registries = Record<RegistryKind, Registry>;

/** Validates one parsed article and resolves its names; returns problems instead of throwing. */
export function buildArticle(
  file: string,
  parsed: ParsedMarkdown,
  registries: Registries,
  site: ContentSettings,
): { article?: ArticleFields; problems: ContentProblem[] } {
  const { timeZone } = site;
  if (parsed.problems.length) return { problems: parsed.problems };
  const validated = validate(articleFrontmatterSchema, parsed.data, file, parsed.locate);
  if (!validated.value) return { problems: validated.problems };
  const { value: fm, problems } = plainTextFields(validated.value, file, parsed.locate);
  if (problems.length) return { problems };

  const date = parseContentDate(fm.date, timeZone);
  const { year, month, day } = calendarParts(date, timeZone);
  const slug = fm.slug ?? slugFromFileName(file);
  if (!slug) problems.push(unnamedFileProblem(file, '2025-07-31-osh-water-deal.md'));
  // A name resolves through its kind's registry when the kind has one.
  const lookUp = (kind: EntityKind, name: string) =>
    (REGISTRY_KINDS as EntityKind[]).includes(kind) ? registries[kind as RegistryKind].resolve(name) : undefined;
  const canonical = (kind: EntityKind, name: string): EntityRef => {
    const record = lookUp(kind, name);
    return record ? { name: record.name, slug: record.slug } : { name: name.trim(), slug: toSlug(name) };
  };

  const article: ArticleFields = {
    file,
    path: `/${year}/${String(month).padStart(2, '0')}/${slug}/`,
    slug,
    title: fm.title,
    summary: fm.summary,
    date,
    updated: fm.updated ? parseContentDate(fm.updated, timeZone) : undefined,
    corrections: fm.corrections
      .map((correction) => ({ date: parseContentDate(correction.date, timeZone), text: correction.text }))
      .sort((a, b) => a.date.getTime() - b.date.getTime()),
    year,
    month,
    location: fm.location ? dateline(fm.location) : undefined,
    organizations: unique(fm.organizations.map((name) => canonical('organizations', name))),
    speakers: unique(
      fm.speakers.map((speaker) => {
        const { name, role } = typeof speaker === 'string' ? { name: speaker, role: undefined } : speaker;
        return { ...canonical('people', name), role: role ?? lookUp('people', name)?.role };
      }),
    ),
    topics: unique(fm.topics.map((name) => canonical('topics', name))),
    authors: unique((fm.authors.length ? fm.authors : [site.defaultByline]).map((name) => canonical('authors', name))),
    image: fm.image,
    audio: fm.audio,
    draft: fm.draft,
    featured: fm.featured,
    lang: fm.lang,
    aliases: fm.aliases.map(normalizeAlias),
    legacyAliases: expandPermalinks(site.legacyPermalinks ?? [], {
      year: String(year),
      month: String(month).padStart(2, '0'),
      day: String(day).padStart(2, '0'),
      slug,
    }),
  };
  problems.push(...namesWithoutSlug(article, file, parsed.locate));
  return problems.length ? { problems } : { article, problems };
}

/** Control characters other than tab and line breaks: no page shows them, and feeds (XML) may not hold them. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/;

/**
 * The frontmatter with HTML entities in its text decoded (`&ldquo;agilefall&rdquo;`, `We&#8217;ve`,
 * `&amp;`, as old CMS exports wrote them), since readers should see the characters; the text
 * stays plain text and is escaped on output like any other. A text that decodes to nothing, or
 * to a control character, is a problem.
 */
function plainTextFields(fm: ArticleFrontmatter, file: string, locate: ParsedMarkdown['locate']): { value: ArticleFrontmatter; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const plain = (text: string, path: FieldPath): string => {
    const decoded = decodeHTML(text).trim();
    const at = { severity: 'error' as const, file, field: fieldName(path), ...locate(path), found: `"${text}"` };
    if (!decoded) problems.push({ ...at, message: 'must not be empty.', expected: 'text a reader can see' });
    const control = CONTROL_CHARACTER.exec(decoded);
    if (control) {
      problems.push({
        ...at,
        message: `holds the control character U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, which no page can show.`,
        expected: 'letters, digits, punctuation and spaces',
        hint: 'Delete the invisible character (retype the text around it).',
      });
    }
    return decoded;
  };
  const names = (list: string[], field: string) => list.map((name, i) => plain(name, [field, i]));
  const value: ArticleFrontmatter = {
    ...fm,
    title: plain(fm.title, ['title']),
    summary: plain(fm.summary, ['summary']),
    location: fm.location === undefined ? undefined : plain(fm.location, ['location']),
    organizations: names(fm.organizations, 'organizations'),
    topics: names(fm.topics, 'topics'),
    authors: names(fm.authors, 'authors'),
    speakers: fm.speakers.map((speaker, i) =>
      typeof speaker === 'string'
        ? plain(speaker, ['speakers', i])
        : {
            name: plain(speaker.name, ['speakers', i, 'name']),
            role: speaker.role === undefined ? undefined : plain(speaker.role, ['speakers', i, 'role']),
          },
    ),
    corrections: fm.corrections.map((correction, i) => ({ ...correction, text: plain(correction.text, ['corrections', i, 'text']) })),
    image: fm.image && {
      ...fm.image,
      alt: plain(fm.image.alt, ['image', 'alt']),
      caption: fm.image.caption === undefined ? undefined : plain(fm.image.caption, ['image', 'caption']),
      credit: fm.image.credit === undefined ? undefined : plain(fm.image.credit, ['image', 'credit']),
    },
  };
  return { value, problems };
}

/** A name with no letters or digits (`—`, `???`, a dateline's empty place) would get a page at no address. */
function namesWithoutSlug(article: ArticleFields, file: string, locate: ParsedMarkdown['locate']): ContentProblem[] {
  const problem = (name: string, path: FieldPath): ContentProblem => ({
    severity: 'error',
    file,
    field: fieldName(path),
    ...locate(path),
    message: 'The name has no letters or digits, so its page would have no address.',
    expected: 'a name written in letters',
    found: `"${name}"`,
    hint: 'Write the name out, or remove it.',
  });
  const problems: ContentProblem[] = [];
  for (const field of ['organizations', 'speakers', 'topics', 'authors'] as const) {
    article[field].forEach((ref, i) => {
      if (!ref.slug) problems.push(problem(ref.name, [field, i]));
    });
  }
  const { location } = article;
  if (location && (!location.country.slug || (location.place && !location.place.slug))) {
    problems.push(problem(location.text, ['location']));
  }
  return problems;
}

/**
 * When the story last changed for a reader: its `updated` date, or a later correction's, else
 * its publication date. Structured data and the sitemap give it as the modification date.
 */
export function lastChanged(article: Pick<ArticleRecord, 'date' | 'updated' | 'corrections'>): Date {
  let latest = article.updated ?? article.date;
  for (const { date } of article.corrections) if (date > latest) latest = date;
  return latest;
}

/** "Osh, Kyrgyzstan" -> place Osh in country Kyrgyzstan; "Kyrgyzstan" -> the country alone. */
export function dateline(text: string): NonNullable<ArticleFields['location']> {
  const parts = text.split(',').map((p) => p.trim());
  const countryName = parts.pop()!;
  const placeName = parts.join(', ');
  const country = { name: countryName, slug: toSlug(countryName) };
  const place = placeName ? { name: placeName, slug: toSlug(placeName) } : undefined;
  return { text: datelineText(country, place), country, place };
}

/** The dateline as printed: "Osh, Kyrgyzstan", or the country alone. */
export function datelineText(country: EntityRef, place?: EntityRef): string {
  return place ? `${place.name}, ${country.name}` : country.name;
}

/** Drops repeats of one entity (a name listed twice, or a name and its alias). */
function unique<T extends EntityRef>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.slug) && seen.add(ref.slug));
}
