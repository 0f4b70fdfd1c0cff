/**
 * Writes a deterministic synthetic newsroom in the content contract: registries with aliases,
 * and N articles with realistic distributions (a few organizations and people in most stories,
 * a long tail of rare ones, several hundred speakers, aliases in use, several years of dates,
 * bodies of 300-1,500 words with headings, lists, quotes and links to earlier stories).
 * The same seed always gives the same corpus.
 *
 *   node scripts/generate-corpus.ts DIR N [--seed 7] [--photos 50]
 *
 * `--photos K` gives every story a lead photo beside it: K distinct camera-size JPEGs
 * (4,000 px, about 3.5 MB each) written once under DIR/photos/ and hard-linked into each
 * article's folder, so 1,000 stories cost K photos of disk and K photos of processing.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { calendarParts, parseContentDate } from '../src/lib/model/dates.ts';
import { toSlug } from '../src/lib/model/slug.ts';
import { siteConfig } from '../src/site.config.ts';
import { syntheticPhoto } from './lib/photo.ts';
import { random } from './lib/random.ts';

const PLACES = [
  'Astana, Kazakhstan',
  'Almaty, Kazakhstan',
  'Shymkent, Kazakhstan',
  'Tashkent, Uzbekistan',
  'Samarkand, Uzbekistan',
  'Nukus, Uzbekistan',
  'Bishkek, Kyrgyzstan',
  'Osh, Kyrgyzstan',
  'Dushanbe, Tajikistan',
  'Khujand, Tajikistan',
  'Ashgabat, Turkmenistan',
  'Baku, Azerbaijan',
  'Beijing, China',
  'Moscow, Russia',
  'Kabul, Afghanistan',
  'Kazakhstan',
];
const ORGANIZATIONS: [string, string[]][] = [
  ['Shanghai Cooperation Organization', ['SCO', 'Shanghai Cooperation Organisation']],
  ['United Nations', ['UN']],
  ['Eurasian Economic Union', ['EAEU']],
  ['Asian Development Bank', ['ADB']],
  ['Collective Security Treaty Organization', ['CSTO']],
  ['Organization of Turkic States', ['OTS']],
  ['World Bank', []],
  ['European Union', ['EU']],
  ['International Monetary Fund', ['IMF']],
  ['Commonwealth of Independent States', ['CIS']],
  ['Asian Infrastructure Investment Bank', ['AIIB']],
  ['Organization for Security and Co-operation in Europe', ['OSCE']],
  ['World Health Organization', ['WHO']],
  ['International Fund for Saving the Aral Sea', ['IFAS']],
  ['Astana Hub', []],
];
const MINISTRIES = [
  'Energy',
  'Digital Development',
  'Water Resources',
  'Transport',
  'Foreign Affairs',
  'Finance',
  'Health',
  'Education',
  'Agriculture',
  'Emergencies',
];
const COUNTRIES = ['Kazakhstan', 'Uzbekistan', 'Kyrgyzstan', 'Tajikistan', 'Turkmenistan'];
const FIRST = [
  'Aida',
  'Bagdat',
  'Kubanych',
  'Akmal',
  'Bauyrzhan',
  'Dilnoza',
  'Gulnara',
  'Timur',
  'Rustam',
  'Zarina',
  'Nurlan',
  'Aigerim',
  'Farrukh',
  'Saodat',
  'Erlan',
  'Madina',
  'Jamshid',
  'Stéphane',
  'Olga',
  'Chen',
  'Priya',
  'Aziz',
  'Kamila',
  'Sherzod',
];
const LAST = [
  'Musin',
  'Shatemirov',
  'Arifdzhanov',
  'Imandosov',
  'Azizov',
  'Karimova',
  'Nazarbekova',
  'Rahimov',
  'Sadykova',
  'Petrova',
  'Wei',
  'Sharma',
  'Yusupov',
  'Abenov',
  'Ismailova',
  'Kurbanov',
  'Omarova',
  'Beketov',
  'Oʻrinboyev',
  'Tölegenov',
];
const ROLES = [
  'Minister of Energy',
  'Deputy Chairperson',
  'Secretary-General',
  'Spokesperson',
  'Director of Innovation',
  'Chief Economist',
  'Ambassador',
  'Deputy Prime Minister',
  'Senior Analyst',
  'Head of the Water Agency',
];
const TOPICS = [
  'Digital policy',
  'Security',
  'Trade',
  'Energy',
  'Climate',
  'Diplomacy',
  'Startups',
  'Telecommunications',
  'Transport',
  'Health',
  'Education',
  'Water',
];
const AUTHORS = ['Dana Serikova', 'Ilya Markov', 'Shahnoza Alieva', 'Tom Hale', 'Nodira Usmonova', 'Erlan Ömirbek', 'Kate Lindqvist'];
const WORDS = (
  'cooperation regional infrastructure investment agreement summit delegation ministers forum framework corridor pipeline network ' +
  'connectivity border customs tariff transit logistics railway highway water reservoir energy grid solar hydropower export import ' +
  'currency inflation budget reform startup accelerator venture platform government services digital identity cybersecurity data ' +
  'centre cloud broadband mobile subscribers students exchange university research clinic vaccine drought harvest wheat cotton gas ' +
  'uranium mining copper tourism visa irrigation canal glacier monitoring tender contract loan grant observers'
).split(' ');

const CYRILLIC: Record<string, string> = {
  Aida: 'Аида',
  Nurlan: 'Нурлан',
  Timur: 'Тимур',
  Rustam: 'Рустам',
  Musin: 'Мусин',
  Azizov: 'Азизов',
  Abenov: 'Абенов',
  Beketov: 'Бекетов',
  Yusupov: 'Юсупов',
  Rahimov: 'Рахимов',
};

export interface GeneratedCorpus {
  articles: number;
  organizations: number;
  people: number;
}

/** Where `writeCorpusPhotos` keeps the distinct photos (outside articles/, so never read as content). */
const photoFile = (dir: string, n: number) => path.join(dir, 'photos', `photo-${String(n).padStart(3, '0')}.jpg`);

/** Writes `count` distinct camera-size photos for `generateCorpus(…, { photos: count })`. */
export async function writeCorpusPhotos(dir: string, count: number, seed = 7): Promise<void> {
  mkdirSync(path.join(dir, 'photos'), { recursive: true });
  for (let n = 0; n < count; n++) writeFileSync(photoFile(dir, n), await syntheticPhoto(seed * 1000 + n));
}

export function generateCorpus(dir: string, count: number, seed = 7, options: { photos?: number } = {}): GeneratedCorpus {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  /** Zipf-like: low indexes far more often, a long tail of rare ones. */
  const zipf = <T>(list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(list.length * rnd() ** 2.2))]!;
  const several = <T>(list: readonly T[], lo: number, hi: number, draw: (l: readonly T[]) => T): T[] => {
    const want = lo + Math.floor(rnd() * (hi - lo + 1));
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < want && tries < want * 10; tries++) chosen.add(draw(list));
    return [...chosen];
  };
  const sentence = (length = 10 + Math.floor(rnd() * 14)) => {
    const words = Array.from({ length }, () => pick(WORDS));
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => sentence()).join(' ');
  const yaml = (text: string) => JSON.stringify(text);

  const organizations = [
    ...ORGANIZATIONS.map(([name, aliases]) => ({ name, aliases })),
    ...COUNTRIES.flatMap((country) => MINISTRIES.map((m) => ({ name: `Ministry of ${m} of ${country}`, aliases: [] as string[] }))),
  ];
  const people = Array.from({ length: 400 }, (_, i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!;
    const name = `${first} ${last}`;
    const cyrillic = CYRILLIC[first] && CYRILLIC[last] ? [`${CYRILLIC[first]} ${CYRILLIC[last]}`] : [];
    return { name, role: ROLES[i % ROLES.length]!, aliases: cyrillic };
  });
  // Unique names and slugs only: the registry refuses two entries with one page.
  const uniquePeople = [...new Map(people.map((p) => [toSlug(p.name), p])).values()];

  // Everything but the photos `writeCorpusPhotos` made for this corpus.
  for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
    if (!(options.photos && entry === 'photos')) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
  mkdirSync(path.join(dir, 'articles'), { recursive: true });
  writeFileSync(
    path.join(dir, 'organizations.yaml'),
    organizations.map((o) => `- name: ${yaml(o.name)}\n  aliases: [${o.aliases.map(yaml).join(', ')}]\n`).join(''),
  );
  writeFileSync(
    path.join(dir, 'people.yaml'),
    uniquePeople.map((p) => `- name: ${yaml(p.name)}\n  role: ${yaml(p.role)}\n  aliases: [${p.aliases.map(yaml).join(', ')}]\n`).join(''),
  );

  const start = Date.UTC(2019, 0, 1);
  const span = Date.UTC(2025, 10, 20) - start;
  const written: string[] = [];
  for (let i = 0; i < count; i++) {
    const date = `${new Date(start + Math.floor(rnd() * span)).toISOString().slice(0, 16)}:00+05:00`;
    // The URL's year and month, worked out as the site does, so links between stories resolve.
    const parts = calendarParts(parseContentDate(date, siteConfig.timeZone), siteConfig.timeZone);
    const [year, month] = [String(parts.year), String(parts.month).padStart(2, '0')];
    const place = zipf(PLACES);
    const orgs = several(organizations, 1, 4, zipf);
    const speakers = several(uniquePeople, 0, 3, zipf);
    const topics = several(TOPICS, 1, 3, zipf);
    const authors = rnd() < 0.1 ? [] : several(AUTHORS, 1, 2, pick);
    const orgName = (o: { name: string; aliases: string[] }) => (o.aliases.length && rnd() < 0.3 ? pick(o.aliases) : o.name);
    const title = `${orgs[0]!.name} ${pick(['discusses', 'agrees on', 'launches', 'reviews', 'debates', 'signs'])} ${pick(WORDS)} ${pick(WORDS)} in ${place.split(',')[0]}`;
    const slug = `${toSlug(title).split('-').slice(0, 8).join('-')}-${i}`;
    const body: string[] = [`${place.split(',')[0]!.toUpperCase()} — ${paragraph()}`];
    const targetWords = 300 + Math.floor(rnd() * 1200);
    let words = body[0]!.split(' ').length;
    for (const speaker of speakers) {
      body.push(`> “${sentence()} ${sentence()}” said ${speaker.role.toLowerCase()} ${speaker.name.split(' ').at(-1)}.`);
    }
    if (written.length && rnd() < 0.5) body.push(`Earlier: [${sentence().slice(0, 60)}](${pick(written)}).`);
    while (words < targetWords) {
      if (rnd() < 0.25) body.push(`## ${sentence().split(' ').slice(0, 5).join(' ').replace(/\.$/, '')}`);
      if (rnd() < 0.15) body.push(Array.from({ length: 3 }, () => `- ${sentence()}`).join('\n'));
      const text = paragraph();
      body.push(text);
      words += text.split(' ').length;
    }
    const frontmatter = [
      '---',
      `title: ${yaml(title)}`,
      `summary: ${yaml(sentence(8 + Math.floor(rnd() * 5)))}`,
      `date: ${date}`,
      `location: ${yaml(place)}`,
      `organizations: [${orgs.map(orgName).map(yaml).join(', ')}]`,
      speakers.length ? `speakers:\n${speakers.map((s) => `  - name: ${yaml(s.name)}\n    role: ${yaml(s.role)}`).join('\n')}` : 'speakers: []',
      `topics: [${topics.map(yaml).join(', ')}]`,
      ...(authors.length ? [`authors: [${authors.map(yaml).join(', ')}]`] : []),
      ...(options.photos ? [`image:\n  src: photo-${String(i % options.photos).padStart(3, '0')}.jpg\n  alt: ${yaml(`Scene in ${place}`)}`] : []),
      '---',
    ];
    const file = path.join(dir, 'articles', year, month, `${slug}.md`);
    mkdirSync(path.dirname(file), { recursive: true });
    if (options.photos) {
      // One name per distinct photo: its copies in several folders are one source to the image pipeline.
      const beside = path.join(path.dirname(file), path.basename(photoFile(dir, i % options.photos)));
      if (!existsSync(beside)) linkSync(photoFile(dir, i % options.photos), beside);
    }
    writeFileSync(file, `${frontmatter.join('\n')}\n\n${body.join('\n\n')}\n`);
    written.push(`/${year}/${month}/${slug}/`);
  }
  return { articles: count, organizations: organizations.length, people: uniquePeople.length };
}

if (import.meta.main) {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { seed: { type: 'string', default: '7' }, photos: { type: 'string' } },
  });
  const [dir, count] = positionals;
  const photos = values.photos === undefined ? undefined : Number(values.photos);
  if (!dir || !count || !Number.isInteger(Number(count)) || (photos !== undefined && !(Number.isInteger(photos) && photos > 0))) {
    console.error('usage: node scripts/generate-corpus.ts DIR N [--seed S] [--photos K]');
    process.exit(2);
  }
  if (photos) await writeCorpusPhotos(path.resolve(dir), photos, Number(values.seed));
  const made = generateCorpus(path.resolve(dir), Number(count), Number(values.seed), { photos });
  console.log(
    `Wrote ${made.articles} articles, ${made.organizations} organizations and ${made.people} people to ${dir}${photos ? `, with ${photos} distinct photos` : ''}`,
  );
}
