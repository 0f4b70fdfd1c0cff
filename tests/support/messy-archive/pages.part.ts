/**
 * The newsroom's own pages as an old site left them, and corrected stories: an About page saved
 * on Windows (byte-order mark, CRLF) with an entity in its title, a Contact page kept in a shared
 * folder and linked in, a `.markdown` privacy notice in a subfolder with its own slug, and three
 * stories corrected in the forms writers use (a date alone, a flow list, a correction after the
 * update). Flawed: a page at the topics section's address, a page with a misspelt field and a
 * page saved as Latin-1.
 */
import type { ArchiveWriter } from './index.ts';

export const PAGES = {
  about: '/about/',
  aboutTitle: 'About Steppe Dispatch & its desks',
  contact: '/contact/',
  privacy: '/privacy/',
  /** A story corrected after its update: modified at the correction. */
  corrected: '/2013/04/kambarata-dam-financing/',
  correctedModified: '2013-04-12T04:00:00.000Z',
  flowList: '/2013/06/bishkek-trolleybus-fares/',
  dateOnly: '/2013/09/karakol-ski-season/',
  /** Flawed files and the line each must be reported at. */
  flawed: {
    'pages/topics.md': 1,
    'pages/team.md': 4,
    'pages/imprint.md': 3,
  } as Record<string, number>,
};

export default function pages(w: ArchiveWriter): void {
  w.write(
    'pages/about.md',
    '\uFEFF---\r\ntitle: About Steppe Dispatch &amp; its desks\r\nsummary: Who we are, where we report from and how we correct mistakes.\r\nfooter: true\r\nmenu: true\r\n---\r\n\r\nWe have reported from Central Asia since 2009, from desks in Almaty, Bishkek and Tashkent.\r\n\r\n## Corrections\r\n\r\nWe correct our mistakes at the end of each story; see [how to reach us](/contact/).\r\n',
  );
  w.write(
    'shared/contact-page.md',
    '---\ntitle: Contact\nsummary: Tips, corrections and questions.\nfooter: true\n---\n\nWrite to tips@news.example.org, or call the Almaty desk on weekdays.\n',
  );
  w.symlink('../shared/contact-page.md', 'pages/contact.md');
  w.write(
    'pages/legal/privacy-notice.markdown',
    '---\ntitle: Privacy\nsummary: What we know about readers.\nslug: privacy\nupdated: 2019-03-01\nfooter: true\n---\n\nNo cookies, no trackers. Server logs are kept for 14 days.\n',
  );

  w.write(
    'articles/2013/2013-04-10-kambarata-dam-financing.md',
    `---
title: Kyrgyzstan seeks new partners for the Kambarata dam
summary: After talks with Moscow stalled, Bishkek is courting lenders in the Gulf and in China.
date: 2013-04-10T09:00
updated: 2013-04-11T12:00
location: Bishkek, Kyrgyzstan
topics: [Energy]
corrections:
  - date: 2013-04-12T10:00
    text: An earlier version put the dam&rsquo;s planned capacity at 1,900 megawatts. It is 1,860 megawatts.
---

The government said on Wednesday that it would look beyond Moscow for the money to build the Kambarata-1 dam on the Naryn river.
`,
  );
  w.write(
    'articles/2013/2013-06-03-bishkek-trolleybus-fares.md',
    `---
title: Bishkek raises trolleybus fares for the first time in five years
summary: The city says the extra som will pay for forty new trolleybuses.
date: 2013-06-03
location: Bishkek, Kyrgyzstan
topics: [Transport]
corrections: [{ date: 2013-06-04, text: "The fare rises to 10 som, not 12." }, { date: 2013-06-05T08:30, text: "The new trolleybuses come from Belarus." }]
---

Fares on the city's trolleybuses rise on Monday, the mayor's office said.
`,
  );
  w.write(
    'articles/2013/2013-09-20-karakol-ski-season.md',
    `---
title: Karakol ski base opens early after September snow
summary: The slopes above Issyk-Kul open a month ahead of schedule.
date: 2013-09-20
location: Karakol, Kyrgyzstan
topics: [Tourism]
corrections:
  - date: 2013-09-21
    text: The base is 7 km from Karakol, not 17.
---

Snow fell early on the slopes above Karakol this year.
`,
  );

  if (!w.flawed) return;
  w.write('pages/topics.md', '---\ntitle: Our topics\nsummary: What we cover.\n---\n\nWater, energy and trade.\n');
  w.write('pages/team.md', '---\ntitle: The team\nsummary: Who works here.\nfootr: true\n---\n\nTen reporters and two editors.\n');
  w.write(
    'pages/imprint.md',
    new Uint8Array([...Buffer.from('---\ntitle: Imprint\nsummary: Steppe Dispatch LLP, Almaty, '), 0xc4, ...Buffer.from('stana.\n---\n\nText.\n')]),
  );
}
