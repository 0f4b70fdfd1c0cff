/**
 * A newsroom content directory written for the integration tests: enough articles naming one
 * organization (through an alias) for three pages of it, plus articles that test time zones,
 * drafts, scheduling, speakers, audio and images.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildSite, type BuiltSite } from './build-site.ts';

/** How many articles name the Shanghai Cooperation Organization (46: pages of 20, 20 and 6). */
export const SCO_STORIES = 46;

/** Bulletins that also name the United Nations (every third one). */
export const UN_BULLETINS = 15;

/** How many articles mention the word "pipeline": exactly one page of search results. */
export const PIPELINE_STORIES = 10;

export function writeFixture(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-fixture-'));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  write(
    'organizations.yaml',
    `- name: Shanghai Cooperation Organization
  aliases: [SCO]
  description: A regional security and economic bloc.
  url: https://example.org/sco
- name: United Nations
  aliases: [UN]
`,
  );
  write(
    'people.yaml',
    `- name: António Guterres
  aliases: [Guterres]
  role: Secretary-General of the United Nations
- name: Kassym-Jomart Tokayev
  aliases: [Токаев]
  role: President of Kazakhstan
`,
  );

  // Bulk: one a day from 2 January 2025, half from Astana, half from Tashkent.
  for (let i = 0; i < SCO_STORIES - 1; i++) {
    const day = new Date(Date.UTC(2025, 0, 2 + i));
    const date = day.toISOString().slice(0, 10);
    const place = i % 2 ? 'Tashkent, Uzbekistan' : 'Astana, Kazakhstan';
    write(
      `articles/bulk/${date}-bulletin-${i}.md`,
      `---
title: "Bulletin ${i}: SCO delegates meet"
summary: Delegates discussed item ${i}.
date: ${date}T10:00
location: ${place}
organizations: [SCO${i % 3 ? '' : ', United Nations'}]
topics: [${i % 3 ? 'Trade' : 'Energy'}]
authors: [Dana Serikova]
---

Delegates met for the ${i}th time.${i < PIPELINE_STORIES ? ' The pipeline tender was discussed.' : ''}
`,
    );
  }

  write(
    'articles/2025/08/2025-08-01-midnight-filing.md',
    `---
title: Water talks run past midnight in Tashkent
summary: Negotiators agreed on reservoir releases just after midnight.
date: 2025-08-01T00:30
updated: 2025-08-02T12:00
location: Tashkent, Uzbekistan
organizations: [Shanghai Cooperation Organization, UN]
speakers:
  - Guterres
  - name: Токаев
  - name: Aziz Karimov
    role: Water engineer
topics: [Water, Diplomacy]
audio: https://media.example.org/audio/midnight.mp3
image:
  src: /images/amu-darya.svg
  alt: A reservoir at dusk
  caption: The Charvak reservoir.
  credit: Staff photo
---

Guterres welcomed the agreement. Tokayev said the region had waited long enough.

## What was agreed

${'The negotiators agreed on a schedule of releases for the summer months. '.repeat(60)}
`,
  );
  // Filed an hour before the fixture is written: the only story new enough for the news sitemap.
  write(
    'articles/fresh/breaking-story.md',
    `---
title: Border crossing reopens after overnight talks
summary: Traders queued at dawn as the crossing reopened.
date: ${new Date(Date.now() - 3_600_000).toISOString()}
location: Osh, Kyrgyzstan
topics: [Trade]
---
The crossing reopened.
`,
  );
  // Markup in a headline and standfirst: valid content (the check warns), shown as text.
  write(
    'articles/2025/06/injection.md',
    `---
title: <script>alert("title")</script> Summit opens
summary: <img src=x onerror=alert("summary")> Leaders arrive.
date: 2025-06-15T10:00
---
Leaders arrived.
`,
  );
  write(
    'articles/2025/03/draft-story.md',
    `---
title: Unfinished draft about the SCO
summary: Not ready.
date: 2025-03-01
organizations: [SCO]
draft: true
---
Draft.
`,
  );
  write(
    'articles/2999/01/future-story.md',
    `---
title: A story from the far future
summary: Scheduled.
date: 2999-01-01T09:00
organizations: [SCO]
---
Later.
`,
  );
  return dir;
}

/**
 * Writes the fixture newsroom and builds it once for the calling test file (in `beforeAll`),
 * removing both afterwards. Read `.site` inside tests.
 */
export function fixtureSite(env: Record<string, string> = {}): { site: BuiltSite; contentDir: string } {
  const handle = {} as { site: BuiltSite; contentDir: string };
  beforeAll(() => {
    handle.contentDir = writeFixture();
    handle.site = buildSite(handle.contentDir, env);
    if (handle.site.status !== 0) throw new Error(`build failed:\n${handle.site.output}`);
  }, 600_000);
  afterAll(() => {
    rmSync(handle.contentDir, { recursive: true, force: true });
    if (handle.site) rmSync(path.dirname(handle.site.outDir), { recursive: true, force: true });
  });
  return handle;
}
