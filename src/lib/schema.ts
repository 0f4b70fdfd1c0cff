/**
 * The content contract: what a writer may put in an article's frontmatter and in the registries.
 *
 * These zod schemas are the single source of truth. The Astro content collection
 * (`src/content.config.ts`) validates with them, and so does every script that reads content.
 * Each field carries a description for writers' tools. Unknown fields are rejected (strict
 * objects) so that a typo such as `organisations` fails loudly instead of being dropped.
 */
import { z } from 'astro/zod';
import { aliasProblem } from './model/aliases.ts';
import type { RegistryKind } from './entity-kinds.ts';

/** `2025-07-31`, `2025-07-31T09:30`, `2025-07-31T09:30:00+05:00`, `2025-07-31T04:30:00Z`. */
export const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

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

/**
 * A browser drops tabs and line breaks anywhere in a link, and spaces and control characters
 * around it, so `java\tscript:` and ` javascript:` would run as `javascript:`. Links holding such
 * characters are refused rather than cleaned: no real address contains them.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f]|^\s|\s$/;
/** `https://host…` or `http://host…` (any letter case), without invisible characters. */
const WEB_URL = /^[hH][tT][tT][pP][sS]?:\/\/[^\s/\\?#][^\u0000-\u001f\u007f-\u009f]*$/;
/** `/images/a.jpg`, never `//host/…` or `/\host/…`, which a browser reads as another host. */
const SITE_PATH = /^\/(?![/\\\s])[^\u0000-\u001f\u007f-\u009f]*$/;

/** Why a value is no acceptable link (what was expected and what to do), or undefined when it is one. */
export function webUrlProblem(value: string, options: { sitePath: boolean }): { expected: string; hint: string } | undefined {
  if (INVISIBLE.test(value)) {
    return { expected: expectedLink(options), hint: 'Remove the tab or line break from the address, and any space before or after it.' };
  }
  if (options.sitePath && SITE_PATH.test(value)) return undefined;
  if (WEB_URL.test(value) && URL.canParse(value)) return undefined;
  return {
    expected: expectedLink(options),
    hint:
      (options.sitePath ? 'Copy the full address from the browser, or give the path of a file under public/.' : 'Copy the full address from the browser.') +
      ' Other kinds of link (javascript:, data:, //host) are refused: they could run code or load from an unknown place.',
  };
}

function expectedLink({ sitePath }: { sitePath: boolean }): string {
  return sitePath
    ? 'an address starting with https:// or http://, or a path of this site starting with a single /, such as /images/photo.jpg'
    : 'an address starting with https:// or http://, such as https://example.org/';
}

/**
 * The one rule for every link a field holds, so that no field can carry `javascript:` or `data:`
 * into a page, a feed or structured data: `webUrl` for addresses on the web (http and https
 * only), `webUrlOrSitePath` where a file of the site (`/images/a.jpg`) may be meant instead.
 */
function urlRule(options: { sitePath: boolean }) {
  return z
    .string()
    .superRefine((value, context) => {
      const problem = webUrlProblem(value, options);
      if (problem) context.addIssue({ code: 'custom', message: `expected ${problem.expected}`, params: problem });
    })
    .meta({ pattern: options.sitePath ? `${WEB_URL.source}|${SITE_PATH.source}` : WEB_URL.source });
}
export const webUrl = urlRule({ sitePath: false });
export const webUrlOrSitePath = urlRule({ sitePath: true });

/**
 * A file beside the article, named relative to it: `osh-market.jpg`, `./osh-market.jpg`,
 * `photos/osh-market.jpg`, `../shared/map.png`. No scheme (`javascript:`), no leading slash or
 * backslash, no query or fragment: a browser never sees this name, the build reads the file.
 */
const FILE_BESIDE = /^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?![/\\])[^\\?#\u0000-\u001f\u007f-\u009f]+$/;

/** The formats the image pipeline reads (and serves SVG as it is); lower case, without the dot. */
export const IMAGE_FORMATS = ['jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'svg'] as const;

/** Where an image's file lives, from how `src` is written. */
export type ImageSource = { kind: 'beside'; path: string } | { kind: 'public'; path: string } | { kind: 'remote'; url: URL };

export function imageSource(src: string): ImageSource {
  if (src.startsWith('/')) return { kind: 'public', path: src };
  if (/^https?:/i.test(src)) return { kind: 'remote', url: new URL(src) };
  return { kind: 'beside', path: src };
}

/** The file-name extension of an image source (`jpg`), or undefined when its name has none (`https://cdn/p/123`). */
export function imageExtension(src: string): string | undefined {
  const name = (/^https?:/i.test(src) ? new URL(src).pathname : src.split(/[?#]/)[0]!).split('/').at(-1)!;
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
}

/**
 * An image's `src`: a file beside the article, a path under public/, or a web address (whose
 * host the content check compares with `imageHosts` in the site settings). Each in a format the
 * pipeline reads; a remote address without an extension is let through (many media servers
 * name photos by number) and its format is known only once fetched.
 */
export const imageSrc = z
  .string()
  .superRefine((value, context) => {
    const linkProblem = webUrlProblem(value, { sitePath: true });
    if (linkProblem && (INVISIBLE.test(value) || !FILE_BESIDE.test(value))) {
      context.addIssue({
        code: 'custom',
        message:
          'expected the name of an image file relative to the article (osh-market.jpg, ./photos/osh-market.jpg), a path under public/ (/images/photo.jpg) or an https:// address',
        params: {
          hint: INVISIBLE.test(value)
            ? linkProblem.hint
            : "Give the photo's file name, or its full address. Other kinds of link (javascript:, data:, //host) are refused: they could run code or load from an unknown place.",
        },
      });
      return;
    }
    const extension = imageExtension(value);
    const remote = /^https?:/i.test(value);
    if ((extension === undefined && !remote) || (extension !== undefined && !(IMAGE_FORMATS as readonly string[]).includes(extension))) {
      context.addIssue({
        code: 'custom',
        message: `expected an image file ending in ${IMAGE_FORMATS.map((f) => `.${f}`).join(', ')}`,
        params: { hint: 'Browsers cannot show TIFF, HEIC or BMP: export the photo as JPEG (or PNG for a graphic) and give that file.' },
      });
    }
  })
  .meta({ pattern: `${WEB_URL.source}|${SITE_PATH.source}|${FILE_BESIDE.source}` });

const name = text.describe('A name as readers should see it; registry aliases resolve to the canonical name.');

export const speakerSchema = z.union([
  name,
  z.strictObject({
    name,
    role: text.optional().describe('The role the person held when quoted, e.g. "Minister of Energy".'),
  }),
]);

export const imageSchema = z.strictObject({
  src: imageSrc.describe(
    'The image file: a name relative to the article (osh-market.jpg, beside the article file), a path under public/ such as /images/summit.jpg, or an https:// address on a host listed in imageHosts of the site settings. JPEG, PNG, WebP, AVIF, GIF or SVG.',
  ),
  alt: text.describe('Text alternative for readers who cannot see the image. Required.'),
  caption: text.optional().describe('Caption shown under the image.'),
  credit: text.optional().describe('Photographer or agency.'),
});

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const correctionSchema = z.strictObject({
  date: isoDateTime.describe('When the correction was made (ISO 8601); without an offset it is read in the site time zone.'),
  text: text.describe('What was wrong and what is right, e.g. "An earlier version misstated the dam\'s capacity."'),
});

const slugField = z.string().regex(SLUG_PATTERN, { error: 'expected lowercase ASCII letters, digits and single hyphens, e.g. "osh-water-deal"' });

export const articleFrontmatterSchema = z.strictObject({
  title: text.describe('Headline.'),
  summary: text.describe('Standfirst: one or two sentences shown under the headline, in lists and in search results.'),
  date: isoDateTime.describe(
    'Publication date or date-time (ISO 8601). Without an offset it is read in the site time zone. A future date schedules the article.',
  ),
  updated: isoDateTime.optional().describe('Date of the last substantive update or correction (ISO 8601).'),
  corrections: z.array(correctionSchema).default([]).describe('Corrections to the story, each { date, text }, shown at its end and in its feed item.'),
  location: z
    .string()
    // Every comma-separated part holds something besides spaces: "Osh, " has an empty country.
    .regex(/^[^,]*[^,\s][^,]*(,[^,]*[^,\s][^,]*)*$/, { error: 'expected "Place, Country" or "Country", each part filled in' })
    .optional()
    .describe('Dateline: "Place, Country" or "Country". The last comma-separated part is the country.'),
  organizations: z.array(name).default([]).describe('Organizations the story is about.'),
  speakers: z.array(speakerSchema).default([]).describe('People quoted: names, or { name, role } objects.'),
  topics: z.array(name).default([]).describe('Topics, e.g. "Energy" or "Digital policy".'),
  authors: z.array(name).default([]).describe("Bylines. None means the site's default byline."),
  image: imageSchema.optional().describe('Lead image with required alt text.'),
  audio: webUrlOrSitePath.optional().describe('URL of a spoken version, shown as an audio player.'),
  slug: slugField.optional().describe('Last part of the URL. Defaults to the file name without a leading YYYY-MM-DD-.'),
  draft: z.boolean().default(false).describe('Drafts are never published.'),
  featured: z
    .boolean()
    .default(false)
    .describe(
      "Pins the story as the home page's lead. When several are pinned the newest leads and the others open the secondary stories; a pin lapses once the story is older than the site's featuredDays.",
    ),
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

/**
 * A page of the newsroom itself (About, Contact, Corrections policy…) in `content/pages/`,
 * published at `/<slug>/`. Strict like an article's, so a typo fails loudly.
 */
export const pageFrontmatterSchema = z.strictObject({
  title: text.describe('The page title, e.g. "About us".'),
  summary: text.describe('One sentence on what the page is for: its description in search results and link previews.'),
  slug: slugField.optional().describe('The address: /<slug>/. Defaults to the file name.'),
  updated: isoDateTime.optional().describe('Date of the last substantive change (ISO 8601), shown on the page.'),
  footer: z.boolean().default(false).describe('Linked in the footer of every page.'),
  menu: z.boolean().default(false).describe('Linked in the masthead navigation, after the sections.'),
});

export type PageFrontmatter = z.output<typeof pageFrontmatterSchema>;
export type SpeakerInput = z.output<typeof speakerSchema>;

/** The one rule for a web address in a registry (a website, an author's links). */
/** Every address a registry gives (websites, profiles) is on the web. */
const registryUrl = webUrl;

const registryEntryFields = {
  name: text.describe('Canonical name.'),
  aliases: z.array(text).default([]).describe('Other names writers use; each resolves to this entry.'),
  slug: z
    .string()
    .regex(SLUG_PATTERN, { error: 'expected lowercase ASCII letters, digits and single hyphens' })
    .optional()
    .describe('URL slug; derived from the name when absent.'),
  description: text.optional().describe('One paragraph shown on the entity page.'),
};

const linkSchema = z
  .union([
    registryUrl,
    z.strictObject({
      label: text.optional().describe('Link text, e.g. "Mastodon"; the site name of the URL when absent.'),
      url: registryUrl,
    }),
  ])
  .transform((link) => (typeof link === 'string' ? { url: link } : link))
  .describe('A URL, or { label, url }.');

export const organizationEntrySchema = z.strictObject({
  ...registryEntryFields,
  url: registryUrl.optional().describe('Official website: an address starting with https:// or http://.'),
});
export const personEntrySchema = organizationEntrySchema.extend({
  role: text.optional().describe('Current role, shown on the person page.'),
});
export const topicEntrySchema = z.strictObject(registryEntryFields);
export const authorEntrySchema = z.strictObject({
  ...registryEntryFields,
  role: text.optional().describe('Role at the newsroom, e.g. "Central Asia correspondent", shown on the author page.'),
  bio: text.optional().describe('A short biography shown on the author page.'),
  photo: imageSchema.optional().describe('Portrait: { src, alt } like an article image; alt is required.'),
  email: z.email({ error: 'expected an email address' }).optional().describe('Address readers may write to.'),
  links: z.array(linkSchema).default([]).describe('Profiles and pages elsewhere: URLs, or { label, url }.'),
});

export type AuthorEntry = z.output<typeof authorEntrySchema>;
/** Any registry entry: the fields every registry has, and the optional ones of some. */
export type RegistryEntry = z.output<typeof topicEntrySchema> &
  Partial<Pick<z.output<typeof personEntrySchema>, 'url' | 'role'> & Pick<AuthorEntry, 'bio' | 'photo' | 'email' | 'links'>>;

/** The entry schema of each registry file, and what the file holds. */
export const registrySchemas = {
  organizations: { entry: organizationEntrySchema, holds: 'canonical organization names and their aliases.' },
  people: { entry: personEntrySchema, holds: 'canonical names, roles and aliases of people.' },
  topics: { entry: topicEntrySchema, holds: 'canonical topic names and their aliases.' },
  authors: { entry: authorEntrySchema, holds: 'canonical bylines, with role, biography, photo, email and links of each author.' },
} satisfies Record<RegistryKind, { entry: z.ZodType; holds: string }>;
