/**
 * The messy archive: a newsroom's existing Markdown as years of many hands left it (raw HTML,
 * entities, names spelt two ways, old links, CRLF, symbolic links, broken drafts), written here
 * for the tests. Each concern writes its own articles in a `*.part.ts` file beside this one (its
 * default export receives the writer); plain stories fill the archive up to `MIN_ARTICLES`.
 *
 * `flawed: false` (the default) writes only what a production build must accept, so the archive
 * builds and verifies; `flawed: true` adds what must be rejected, for the content check's tests.
 */
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const MIN_ARTICLES = 200;

export interface ArchiveWriter {
  /** The content directory being written. */
  dir: string;
  /** Whether to add content that must be rejected. */
  flawed: boolean;
  /** Writes a file (text as UTF-8, or raw bytes) at a path relative to the content directory. */
  write(file: string, content: string | Uint8Array): void;
  /** Makes `file` a symbolic link to `target` (a path relative to the link's folder, or absolute). */
  symlink(target: string, file: string): void;
}

export type ArchivePart = (writer: ArchiveWriter) => void;

const partsDir = import.meta.dirname;

/** Writes the archive into a new temporary folder and returns its path. */
export async function writeMessyArchive(options: { flawed?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'messy-archive-'));
  let articles = 0;
  const writer: ArchiveWriter = {
    dir,
    flawed: options.flawed ?? false,
    write(file, content) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
      if (/^articles\/.*\.(md|markdown)$/i.test(file)) articles++;
    },
    symlink(target, file) {
      const link = path.join(dir, file);
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(target, link);
    },
  };
  const parts = readdirSync(partsDir)
    .filter((f) => f.endsWith('.part.ts'))
    .sort();
  for (const file of parts) {
    const part = (await import(path.join(partsDir, file))) as { default: ArchivePart };
    part.default(writer);
  }
  for (let i = 0; articles < MIN_ARTICLES; i++) writer.write(...fillerStory(i));
  return dir;
}

const PLACES = ['Astana, Kazakhstan', 'Tashkent, Uzbekistan', 'Bishkek, Kyrgyzstan', 'Dushanbe, Tajikistan', 'Almaty, Kazakhstan'];
const TOPICS = ['Energy', 'Water', 'Trade', 'Diplomacy', 'Transport'];

/** A plain story as a reporter files it, varied enough to fill archives, years and entity pages. */
function fillerStory(i: number): [string, string] {
  const day = new Date(Date.UTC(2016 + (i % 9), i % 12, 1 + (i % 27)));
  const date = day.toISOString().slice(0, 10);
  const place = PLACES[i % PLACES.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  return [
    `articles/${date.slice(0, 4)}/${date}-dispatch-${i}.md`,
    `---
title: "Dispatch ${i}: ${topic.toLowerCase()} talks in ${place.split(',')[0]}"
summary: Officials met in ${place.split(',')[0]} to discuss ${topic.toLowerCase()} for the ${i}th time this decade.
date: ${date}
location: ${place}
topics: [${topic}]
authors: [Desk Reporter]
---

Officials met again on ${date}. ${'They spoke about the plans for the season ahead, and about the costs. '.repeat(1 + (i % 5))}
`,
  ];
}
