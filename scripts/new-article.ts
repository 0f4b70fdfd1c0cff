/**
 * npm run new -- "Headline here" [--location "Osh, Kyrgyzstan"] [--topic Water ...] [--author Name ...] [--date 2025-07-31T09:30]
 *
 * Creates content/articles/<yyyy>/<mm>/<slug>.md (in CONTENT_DIR when set) with every frontmatter
 * field present: the required ones filled, the optional ones as commented examples. The new
 * article starts as a draft. Prints its path and the URL it will have; never overwrites a file.
 * Run in a terminal without arguments, it asks for each value; under CI, flags only.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { resolveContentDir } from '../src/lib/content/content-root.ts';
import { calendarParts, localDateTime, parseContentDate } from '../src/lib/model/dates.ts';
import { articleFrontmatterSchema } from '../src/lib/schema.ts';
import { toSlug } from '../src/lib/model/slug.ts';
import { absoluteUrl } from '../src/lib/model/urls.ts';
import { siteConfig } from '../src/site.config.ts';

const USAGE = 'usage: npm run new -- "Headline" [--location "Place, Country"] [--topic T ...] [--author A ...] [--date YYYY-MM-DDTHH:mm]';

interface NewArticle {
  title: string;
  location?: string;
  topics: string[];
  authors: string[];
  date: string;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    location: { type: 'string' },
    topic: { type: 'string', multiple: true, default: [] },
    author: { type: 'string', multiple: true, default: [] },
    date: { type: 'string' },
  },
});

const interactive = positionals.length === 0 && process.stdin.isTTY && !process.env.CI;
if (positionals.length === 0 && !interactive) fail(USAGE, 2);
const answers = interactive
  ? await ask()
  : { title: positionals.join(' '), location: values.location, topics: values.topic, authors: values.author, date: values.date ?? now() };
const article = validated(answers);

const date = parseContentDate(article.date, siteConfig.timeZone);
const { year, month } = calendarParts(date, siteConfig.timeZone);
const slug = toSlug(article.title);
if (!slug) fail(`The headline "${article.title}" has no letters or digits to make a file name and address from; write it in words.`, 2);
const mm = String(month).padStart(2, '0');
const file = path.join(resolveContentDir(), 'articles', String(year), mm, `${slug}.md`);
if (existsSync(file)) fail(`${path.relative(process.cwd(), file)} already exists; nothing was written. Choose another headline, or edit that file.`, 1);

mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, render(article), { flag: 'wx' });
console.log(`Created ${path.relative(process.cwd(), file)}`);
console.log(`It will be published at ${absoluteUrl(`/${year}/${mm}/${slug}/`)} once you remove "draft: true".`);
console.log('Check it with: npm run check');

/** The current minute in the newsroom's time zone. */
function now(): string {
  return localDateTime(new Date(), siteConfig.timeZone);
}

async function ask(): Promise<NewArticle> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const list = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  try {
    const title = (await prompt.question('Headline: ')).trim();
    const location = (await prompt.question('Dateline ("Place, Country", or Enter for none): ')).trim();
    const topics = list(await prompt.question('Topics, separated by commas: '));
    const authors = list(await prompt.question(`Authors, separated by commas (Enter for "${siteConfig.defaultByline}"): `));
    const date = (await prompt.question(`Date and time (Enter for now, ${now()}): `)).trim() || now();
    return { title, location: location || undefined, topics, authors, date };
  } finally {
    prompt.close();
  }
}

/** Checks the values with the article schema, so a new file is never born invalid. */
function validated(input: NewArticle): NewArticle {
  const result = articleFrontmatterSchema.safeParse({
    title: input.title,
    summary: 'placeholder',
    date: input.date,
    ...(input.location ? { location: input.location } : {}),
    topics: input.topics,
    authors: input.authors,
  });
  if (!result.success) {
    fail(result.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('\n'), 2);
  }
  return input;
}

function render(article: NewArticle): string {
  const yaml = (text: string) => JSON.stringify(text);
  const list = (items: string[]) => `[${items.map(yaml).join(', ')}]`;
  return `---
title: ${yaml(article.title)}
# The standfirst: one or two sentences, under 160 characters.
summary: "What happened, where, and why it matters."
# Without an offset the time is ${siteConfig.timeZone} time. A future date schedules the story.
date: ${article.date}
# updated: ${article.date}        # when the story is corrected or updated
${article.location ? `location: ${yaml(article.location)}` : '# location: "Osh, Kyrgyzstan"     # the dateline: "Place, Country" or "Country"'}
organizations: []                 # e.g. [SCO, United Nations]: names or registry aliases
speakers: []                      # the people quoted, e.g.
#   - name: Aida Musina
#     role: Minister of Energy
topics: ${list(article.topics)}
authors: ${list(article.authors)}${article.authors.length ? '' : `     # none: "${siteConfig.defaultByline}"`}
# image:
#   src: /images/your-photo.jpg    # a file under public/, or a full URL
#   alt: What the picture shows    # required with an image
#   caption: A caption
#   credit: Photographer / Agency
# audio: https://media.example.org/audio/your-story.mp3
# slug: a-shorter-url             # default: from the headline
# lang: ru                        # when the story is not in ${siteConfig.lang}
# featured: true                  # lead the home page for ${siteConfig.front.featuredDays} days, even when newer stories come
draft: true                       # delete this line (or set false) to publish
---

Write the story here. Attribute every quote to a person listed under speakers.
`;
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
