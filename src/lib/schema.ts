/**
 * The content contract: what a writer may put in an article's frontmatter and in the registries.
 *
 * These zod schemas are the single source of truth. The Astro content collection
 * (`src/content.config.ts`) validates with them, and so does every script that reads content.
 * Each field carries a description for writers' tools. Unknown fields are rejected (strict
 * objects) so that a typo such as `organisations` fails loudly instead of being dropped.
 */
import { z } from 'astro/zod';
import { aliasProblem } from './aliases.ts';

/** `2025-07-31`, `2025-07-31T09:30`, `2025-07-31T09:30:00+05:00`, `2025-07-31T04:30:00Z`. */
export const ISO_DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when the calendar parts name a real day and time (no 31 June, no 25:00). */
export function isRealDateTime(value: string): boolean {
  const m = ISO_DATE_PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const probe = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month! - 1 &&
    probe.getUTCDate() === day &&
    probe.getUTCHours() === hour &&
    probe.getUTCMinutes() === minute
  );
}

const text = z.string().trim().min(1, { error: 'must not be empty' });

const isoDateTime = z
  .string()
  .regex(ISO_DATE_PATTERN, {
    error: 'expected an ISO 8601 date or date-time such as 2025-07-31 or 2025-07-31T09:30:00+05:00',
    abort: true,
  })
  .refine(isRealDateTime, { error: 'is not a real calendar date or time' });

const name = text.describe('A name as readers should see it; registry aliases resolve to the canonical name.');

export const speakerSchema = z.union([
  name,
  z.strictObject({
    name,
    role: text.optional().describe('The role the person held when quoted, e.g. "Minister of Energy".'),
  }),
]);

export const imageSchema = z.strictObject({
  src: text.describe('Image URL, or a path under public/ such as /images/summit.jpg.'),
  alt: text.describe('Text alternative for readers who cannot see the image. Required.'),
  caption: text.optional().describe('Caption shown under the image.'),
  credit: text.optional().describe('Photographer or agency.'),
});

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const articleFrontmatterSchema = z.strictObject({
  title: text.describe('Headline.'),
  summary: text.describe('Standfirst: one or two sentences shown under the headline, in lists and in search results.'),
  date: isoDateTime.describe(
    'Publication date or date-time (ISO 8601). Without an offset it is read in the site time zone. A future date schedules the article.',
  ),
  updated: isoDateTime.optional().describe('Date of the last substantive update or correction (ISO 8601).'),
  location: z
    .string()
    .regex(/^[^,]*\S[^,]*(,[^,]*\S[^,]*)*$/, { error: 'expected "Place, Country" or "Country"' })
    .optional()
    .describe('Dateline: "Place, Country" or "Country". The last comma-separated part is the country.'),
  organizations: z.array(name).default([]).describe('Organizations the story is about.'),
  speakers: z.array(speakerSchema).default([]).describe('People quoted: names, or { name, role } objects.'),
  topics: z.array(name).default([]).describe('Topics, e.g. "Energy" or "Digital policy".'),
  authors: z.array(name).default([]).describe("Bylines. None means the site's default byline."),
  image: imageSchema.optional().describe('Lead image with required alt text.'),
  audio: z
    .string()
    .regex(/^(https?:\/\/|\/)\S+$/, { error: 'expected an http(s) URL or a path starting with /' })
    .optional()
    .describe('URL of a spoken version, shown as an audio player.'),
  slug: z
    .string()
    .regex(SLUG_PATTERN, { error: 'expected lowercase ASCII letters, digits and single hyphens, e.g. "osh-water-deal"' })
    .optional()
    .describe('Last part of the URL. Defaults to the file name without a leading YYYY-MM-DD-.'),
  draft: z.boolean().default(false).describe('Drafts are never published.'),
  lang: z
    .string()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a BCP 47 language tag such as "ru" or "uz-Latn"' })
    .optional()
    .describe('Language of the article when it differs from the site language (BCP 47).'),
  aliases: z
    .array(
      z.string().superRefine((value, context) => {
        const problem = aliasProblem(value);
        if (problem) context.addIssue({ code: 'custom', message: problem, input: value });
      }),
    )
    .default([])
    .describe('Old addresses of this story on this site, e.g. /2014/03/19/slug/ or /old/slug.html; each redirects here.'),
});

export type ArticleFrontmatter = z.output<typeof articleFrontmatterSchema>;
export type SpeakerInput = z.output<typeof speakerSchema>;

const registryEntryFields = {
  name: text.describe('Canonical name.'),
  aliases: z.array(text).default([]).describe('Other names writers use; each resolves to this entry.'),
  slug: z
    .string()
    .regex(SLUG_PATTERN, { error: 'expected lowercase ASCII letters, digits and single hyphens' })
    .optional()
    .describe('URL slug; derived from the name when absent.'),
  description: text.optional().describe('One paragraph shown on the entity page.'),
  url: z.url({ error: 'expected an absolute URL' }).optional().describe('Official website.'),
};

export const organizationEntrySchema = z.strictObject(registryEntryFields);
export const personEntrySchema = z.strictObject({
  ...registryEntryFields,
  role: text.optional().describe('Current role, shown on the person page.'),
});

export type OrganizationEntry = z.output<typeof organizationEntrySchema>;
export type PersonEntry = z.output<typeof personEntrySchema>;
export type RegistryEntry = OrganizationEntry & { role?: string };
