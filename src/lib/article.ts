/**
 * The article model: what the site knows about an article once its frontmatter is valid and
 * every name in it is resolved to a canonical entity with a slug.
 */
import { z } from 'astro/zod';
import { expandPermalinks, normalizeAlias } from './aliases.ts';
import { calendarParts, parseContentDate } from './dates.ts';
import type { ParsedMarkdown } from './frontmatter.ts';
import type { ContentProblem } from './problems.ts';
import type { SiteConfig } from '../site.config.ts';
import type { Registry } from './registry.ts';
import { articleFrontmatterSchema, imageSchema } from './schema.ts';
import { slugFromFileName, toSlug } from './slug.ts';
import { validate } from './validate.ts';

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
  year: z.number(),
  month: z.number(),
  location: z
    .object({ text: z.string(), country: entityRef, place: entityRef.optional() })
    .optional(),
  organizations: z.array(entityRef),
  speakers: z.array(entityRef.extend({ role: z.string().optional() })),
  topics: z.array(entityRef),
  /** The bylines; the site's default byline when the frontmatter names none. */
  authors: z.array(entityRef),
  image: imageSchema.optional(),
  audio: z.string().optional(),
  draft: z.boolean(),
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

export type ArticleRecord = z.output<typeof articleRecordSchema>;
export type EntityRef = z.output<typeof entityRef>;
/** What the frontmatter gives; rendering the body adds the rest. */
export type ArticleFields = Omit<ArticleRecord, 'readingMinutes' | 'bodyDigest'>;

/** The site settings that shape the article model. */
export type ContentSettings = Pick<SiteConfig, 'timeZone' | 'defaultByline' | 'legacyPermalinks'>;

export interface Registries {
  organizations: Registry;
  people: Registry;
}

/** Validates one parsed article and resolves its names; returns problems instead of throwing. */
export function buildArticle(
  file: string,
  parsed: ParsedMarkdown,
  registries: Registries,
  site: ContentSettings,
): { article?: ArticleFields; problems: ContentProblem[] } {
  const { timeZone } = site;
  if (parsed.problems.length) return { problems: parsed.problems };
  const { value: fm, problems } = validate(articleFrontmatterSchema, parsed.data, file, parsed.locate);
  if (!fm) return { problems };

  const date = parseContentDate(fm.date, timeZone);
  const { year, month, day } = calendarParts(date, timeZone);
  const slug = fm.slug ?? slugFromFileName(file);
  const canonical = (registry: Registry, name: string): EntityRef => {
    const record = registry.resolve(name);
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
    year,
    month,
    location: fm.location ? dateline(fm.location) : undefined,
    organizations: unique(fm.organizations.map((name) => canonical(registries.organizations, name))),
    speakers: unique(
      fm.speakers.map((speaker) => {
        const { name, role } = typeof speaker === 'string' ? { name: speaker, role: undefined } : speaker;
        const record = registries.people.resolve(name);
        const ref = canonical(registries.people, name);
        return { ...ref, role: role ?? record?.role };
      }),
    ),
    topics: unique(fm.topics.map((name) => ({ name: name.trim(), slug: toSlug(name) }))),
    authors: unique((fm.authors.length ? fm.authors : [site.defaultByline]).map((name) => ({ name: name.trim(), slug: toSlug(name) }))),
    image: fm.image,
    audio: fm.audio,
    draft: fm.draft,
    lang: fm.lang,
    aliases: fm.aliases.map(normalizeAlias),
    legacyAliases: expandPermalinks(site.legacyPermalinks ?? [], {
      year: String(year),
      month: String(month).padStart(2, '0'),
      day: String(day).padStart(2, '0'),
      slug,
    }),
  };
  return { article, problems };
}

/** "Osh, Kyrgyzstan" -> place Osh in country Kyrgyzstan; "Kyrgyzstan" -> the country alone. */
export function dateline(text: string): NonNullable<ArticleFields['location']> {
  const parts = text.split(',').map((p) => p.trim());
  const country = parts.pop()!;
  const place = parts.join(', ');
  return {
    text: parts.length ? `${place}, ${country}` : country,
    country: { name: country, slug: toSlug(country) },
    place: place ? { name: place, slug: toSlug(place) } : undefined,
  };
}

/** Drops repeats of one entity (a name listed twice, or a name and its alias). */
function unique<T extends EntityRef>(refs: T[]): T[] {
  const seen = new Set<string>();
  return refs.filter((ref) => !seen.has(ref.slug) && seen.add(ref.slug));
}
