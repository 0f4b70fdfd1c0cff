/**
 * How files arrive from an old system: Windows line endings, HTML entities in headlines, a
 * `.markdown` file, a year of archive kept outside `articles/` and linked in, a story linked in
 * from a colleague's folder, a headline that swallowed a whole paragraph, and a draft someone
 * left half-done. Flawed: a file saved as Latin-1, a frontmatter never closed, an empty country
 * in a dateline, a name of punctuation only, a control character, a link with no text and a
 * symbolic link that loops.
 */
import type { ArchiveWriter } from './index.ts';

/** The long headline an old CMS export made by pasting the first paragraph into the title field. */
export const READING_LONG_TITLE =
  'Bishkek city council votes to close the Osh bazaar for three months of repairs after the March fire, ' +
  'traders protest outside the mayor’s office and ask for temporary stalls along Chui Avenue, while ' +
  'the council says the market will reopen in time for the harvest season and promises compensation to every trader who lost stock';

/** Paths of what the part writes, for the test that reads the build. */
export const READING = {
  crlf: '/2019/02/tashkent-metro-extension/',
  crlfTitle: 'Tashkent metro extension opens two new stations',
  entities: '/2019/06/agilefall-ministry-reform/',
  entitiesTitle: 'Why the ministry’s “agilefall” reform stalled, and what we’ve learnt',
  entitiesSummary: 'Staff & managers at the Ministry of Digital Development say the hybrid plan <b>never</b> had a budget.',
  markdown: '/2016/09/naryn-hydropower-cascade/',
  archive: ['/2014/03/osh-bazaar-fire/', '/2014/05/issyk-kul-tourism-season/', '/2014/11/bishkek-winter-heating/'],
  linkedFile: '/2015/08/dushanbe-book-fair/',
  longTitle: '/2018/04/bishkek-bazaar-closure/',
  brokenDraft: 'articles/2020/2020-01-15-half-done-budget-draft.md',
  /** Flawed files and the line each must be reported at. */
  flawed: {
    'articles/2017/2017-03-08-latin1-letters.md': 6,
    'articles/2017/2017-04-02-unclosed-frontmatter.md': 1,
    'articles/2017/2017-05-19-empty-country.md': 5,
    'articles/2017/2017-06-01-punctuation-topic.md': 7,
    'articles/2017/2017-07-14-bell-in-summary.md': 3,
    'articles/2017/2017-08-30-textless-link.md': 9,
    'articles/loop': 1,
  } as Record<string, number>,
};

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

export default function reading(w: ArchiveWriter): void {
  w.write(
    'articles/2019/2019-02-11-tashkent-metro-extension.md',
    crlf(`---
title: ${READING.crlfTitle}
summary: The Yunusobod line now reaches the northern districts; fares stay at 1,400 som.
date: 2019-02-11T10:00
location: Tashkent, Uzbekistan
topics: [Transport]
authors: [Dilnoza Yusupova]
---

The two stations opened on Monday morning after four years of work.

Commuters from the northern districts said the journey to the centre now takes twenty minutes.
`),
  );
  w.write(
    'articles/2019/2019-03-04-almaty-air-quality.md',
    crlf(`---
title: Almaty winter smog eases as more homes switch to gas
summary: Readings at the city's twelve stations fell by a third compared with last winter.
date: 2019-03-04
location: Almaty, Kazakhstan
topics: [Energy]
authors: [Dana Serikova]
---

The city's monitoring network recorded fewer days above the safe limit.
`),
  );
  w.write(
    'articles/2019/2019-06-20-agilefall-ministry-reform.md',
    `---
title: Why the ministry&#8217;s &ldquo;agilefall&rdquo; reform stalled, and what we&rsquo;ve learnt
summary: Staff &amp; managers at the Ministry of Digital Development say the hybrid plan &lt;b&gt;never&lt;/b&gt; had a budget.
date: 2019-06-20T09:00
location: Astana, Kazakhstan
topics: [Digital policy]
authors: [Aigerim Sadykova]
image: { src: "/images/digital-corridor.svg", alt: "A whiteboard with &ldquo;sprint 14&rdquo; written on it", credit: "&copy; Staff" }
---

Two years after the announcement, the reform's steering group has met three times.
`,
  );
  w.write(
    'articles/2016/2016-09-12-naryn-hydropower-cascade.markdown',
    `---
title: Work starts on the first dam of the Naryn cascade
summary: The lower Naryn plant is to deliver power by 2021, the energy ministry says.
date: 2016-09-12
location: Naryn, Kyrgyzstan
topics: [Energy]
authors: [Nurlan Abdrakhmanov]
---

Excavators arrived at the site on the river's lower course last week.
`,
  );

  // A year of archive kept where the old system left it, linked into the articles folder.
  const archive: [string, string, string, string][] = [
    [
      '2014-03-17-osh-bazaar-fire',
      'Fire destroys a row of stalls at the Osh bazaar',
      'Bishkek, Kyrgyzstan',
      'No one was hurt; traders counted their losses on Monday.',
    ],
    [
      '2014-05-30-issyk-kul-tourism-season',
      'Issyk-Kul resorts expect a record season',
      'Cholpon-Ata, Kyrgyzstan',
      'Bookings from Kazakhstan and Russia are up, hotel owners say.',
    ],
    [
      '2014-11-03-bishkek-winter-heating',
      'Bishkek heating plant enters winter with one boiler short',
      'Bishkek, Kyrgyzstan',
      'Engineers say the repaired boiler will be back by December.',
    ],
  ];
  for (const [name, title, location, summary] of archive) {
    // Old stories split their text with headings that begin with a year, and `## * * *` breaks.
    w.write(
      `archive-2014/${name.slice(5, 7)}/${name}.md`,
      `---\ntitle: ${title}\nsummary: ${summary}\ndate: ${name.slice(0, 10)}\nlocation: ${location}\ntopics: [Archive]\nauthors: [Desk Reporter]\n---\n\n${summary} The story was filed from the newsroom's old system.\n\n## 2013 in numbers\n\nThe figures came from the city.\n\n## * * *\n\nMore to follow.\n\n##\n`,
    );
  }
  w.symlink('../archive-2014', 'articles/2014');

  // One story kept in a colleague's folder and linked into the archive.
  w.write(
    'shared/2015-08-21-dushanbe-book-fair.md',
    `---
title: Dushanbe book fair draws publishers from eleven countries
summary: Tajik, Persian and Russian titles fill the halls of the national library.
date: 2015-08-21
location: Dushanbe, Tajikistan
topics: [Culture]
authors: [Firuza Rahimova]
---

The fair runs until Sunday.
`,
  );
  w.symlink('../../shared/2015-08-21-dushanbe-book-fair.md', 'articles/2015/2015-08-21-dushanbe-book-fair.md');

  w.write(
    'articles/2018/2018-04-09-bishkek-bazaar-closure.md',
    `---
title: "${READING_LONG_TITLE}"
summary: The Osh bazaar closes for repairs; traders want stalls nearby.
date: 2018-04-09
location: Bishkek, Kyrgyzstan
topics: [Trade]
authors: [Desk Reporter]
---

The vote passed by twenty-one to nine.
`,
  );

  // Half done and forgotten: the date was never filled in properly.
  w.write(
    READING.brokenDraft,
    `---
title: Budget draft (notes, do not publish)
summary: TODO
date: 2020-01-XX
draft: true
---

Numbers to check with the finance desk.
`,
  );

  if (!w.flawed) return;

  w.write(
    'articles/2017/2017-03-08-latin1-letters.md',
    Buffer.from(
      `---
title: Letters from the Talas valley
summary: A teacher writes about the new school year.
date: 2017-03-08
location: Talas, Kyrgyzstan
authors: [\xd6mirbek Tashiev]
---

The school opened on the first of September.
`,
      'latin1',
    ),
  );
  w.write(
    'articles/2017/2017-04-02-unclosed-frontmatter.md',
    `---
title: Wheat prices climb before the harvest
summary: Bakers in Tashkent raise the price of a loaf.
date: 2017-04-02

Millers blame the dry spring.

---

Bread queues were short on Tuesday.
`,
  );
  w.write(
    'articles/2017/2017-05-19-empty-country.md',
    `---
title: Osh mayor opens a new footbridge
summary: The bridge crosses the Ak-Buura river near the university.
date: 2017-05-19
location: "Osh, "
---

The bridge took a year to build.
`,
  );
  w.write(
    'articles/2017/2017-06-01-punctuation-topic.md',
    `---
title: Bishkek parliament passes the budget
summary: The vote came after a night of debate.
date: 2017-06-01
location: Bishkek, Kyrgyzstan
topics:
  - "???"
---

The budget passed on the third reading.
`,
  );
  w.write(
    'articles/2017/2017-07-14-bell-in-summary.md',
    `---
title: Almaty bells ring for the city's anniversary
summary: "The cathedral rang its bells&#7; at noon."
date: 2017-07-14
location: Almaty, Kazakhstan
---

Crowds gathered in Panfilov Park.
`,
  );
  w.write(
    'articles/2017/2017-08-30-textless-link.md',
    `---
title: Osh bazaar reopens after the repairs
summary: Traders are back in the rebuilt rows.
date: 2017-08-30
location: Osh, Kyrgyzstan
---

The bazaar reopened on Wednesday.
See [our report on the fire](/2014/03/osh-bazaar-fire/) and [ ](https://example.org/photos).
`,
  );
  w.symlink('.', 'articles/loop');
}
