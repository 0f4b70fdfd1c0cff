/**
 * Hostile text: what a compromised account, a pasted comment or an old CMS export can leave in an
 * archive. Every frontmatter field and both registries hold markup that would run if a page, feed
 * or search result ever interpreted it; one story's body holds the classic HTML payloads. All of
 * it is valid text, so the archive publishes it (as text, or sanitized). Links that could run
 * code are refused by the schema: they are written only into the flawed archive.
 *
 * Every payload sets `window.__pwned` or opens a dialog, or loads from `evil.example`, so the
 * browser test can see whether any of it ran.
 */
import type { ArchiveWriter } from './index.ts';

/** Text payloads, each one able to run if it reached a page as markup. */
export const PAYLOADS = {
  script: '<script>window.__pwned=1</script>',
  img: '<img src=x onerror="window.__pwned=1">',
  svg: '<svg onload=alert(1)>',
  breakOut: '"><script>window.__pwned=1</script>',
  jsonLdBreakOut: '</script><script>window.__pwned=1</script>',
} as const;

/** The story whose body holds the classic HTML payloads (raw HTML in Markdown). */
export const BODY_PAYLOAD_STORY = '/2023/06/reader-comments-restored/';

/** Stories whose frontmatter holds payloads. */
export const FIELD_PAYLOAD_STORIES = ['/2023/05/osh-water-council-vote/', '/2023/07/border-market-reopens/', '/2023/08/rail-tender-complaint/'];

/** Files of the flawed archive, each with a link the schema must refuse, and the field that holds it. */
export const UNSAFE_LINKS: { file: string; field: string; value: string }[] = [
  { file: 'articles/2023/2023-09-02-audio-link-from-old-cms.md', field: 'audio', value: 'javascript:window.__pwned=1' },
  { file: 'articles/2023/2023-09-03-photo-link-with-tab.md', field: 'image.src', value: 'java\tscript:window.__pwned=1' },
  { file: 'articles/2023/2023-09-04-photo-link-leading-space.md', field: 'image.src', value: ' javascript:window.__pwned=1' },
  { file: 'articles/2023/2023-09-05-photo-protocol-relative.md', field: 'image.src', value: '//evil.example/photo.jpg' },
  { file: 'articles/2023/2023-09-06-audio-data-url.md', field: 'audio', value: 'data:audio/mpeg;base64,SUQz' },
  { file: 'organizations.yaml', field: 'url', value: 'javascript:window.__pwned=1' },
  { file: 'people.yaml', field: 'url', value: 'data:text/html,<script>window.__pwned=1</script>' },
];

/** A YAML single-quoted scalar: nothing inside is special but the quote itself. */
const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** A YAML double-quoted scalar, for values with tabs or other characters only escapes can write. */
const dq = (text: string) => JSON.stringify(text);

export default function security(w: ArchiveWriter): void {
  w.write(
    'organizations.yaml',
    `# Kept by the desk since 2019; a few entries came over from the old CMS.
- name: Osh Water Users' Association
  aliases: [OWUA, 'Osh WUA ${PAYLOADS.img}']
  description: ${q(`Farmers' association that shares out irrigation water around Osh. ${PAYLOADS.script}`)}
  url: ${q('https://owua.example.org/?ref="><script>window.__pwned=1</script>')}
- name: ${q(`Ferghana Traders ${PAYLOADS.svg}`)}
  description: ${q(`Market traders' union of the Ferghana valley ${PAYLOADS.breakOut}`)}
  url: https://traders.example.org/
- name: Kyrgyz Railways
  aliases: [KTJ]
  description: ${q(`The state railway company. ${PAYLOADS.jsonLdBreakOut}`)}
${w.flawed ? `- name: Old CMS Import Office\n  url: ${q('javascript:window.__pwned=1')}\n` : ''}`,
  );
  w.write(
    'people.yaml',
    `- name: Nurlan Abdyrakhmanov
  aliases: [N. Abdyrakhmanov]
  role: ${q(`Deputy Mayor of Osh <b onmouseover="window.__pwned=1">(acting)</b>`)}
  description: ${q(`Oversees water and roads. ${PAYLOADS.img}`)}
  url: https://osh.example.gov.kg/people/abdyrakhmanov
- name: ${q(`Gulnara Tashieva ${PAYLOADS.script}`)}
  description: Spokeswoman of the traders' union.
${w.flawed ? `- name: Comment Importer\n  url: ${q('data:text/html,<script>window.__pwned=1</script>')}\n` : ''}`,
  );

  w.write(
    'articles/2023/2023-05-18-osh-water-council-vote.md',
    `---
title: ${q(`Osh council votes on water quotas ${PAYLOADS.script}`)}
summary: ${q(`Councillors split over summer quotas <img src=x onerror="window.__pwned=1"> as farmers wait.`)}
date: 2023-05-18T16:40
location: ${q(`Osh <img src=x onerror=alert(1)>, Kyrgyzstan`)}
organizations: [OWUA, ${q(`Osh City Council ${PAYLOADS.breakOut}`)}]
speakers:
  - name: N. Abdyrakhmanov
    role: ${q(`Deputy Mayor ${PAYLOADS.svg}`)}
  - ${q(`Aziza Mamatova <iframe src="javascript:window.__pwned=1"></iframe>`)}
topics: [Water, ${q(`Irrigation ${PAYLOADS.img}`)}]
authors: [${q(`Bakyt Osmonov <a href="javascript:window.__pwned=1">(desk)</a>`)}]
image:
  src: /images/amu-darya.svg
  alt: ${q(`Irrigation canal outside Osh ${PAYLOADS.breakOut}`)}
  caption: ${q(`The main canal in May. ${PAYLOADS.script}`)}
  credit: ${q(`Staff <img src=x onerror=alert(document.domain)>`)}
audio: ${q('https://media.example.org/audio/osh-council.mp3?ref="><script>window.__pwned=1</script>')}
---

The city council of Osh voted 14 to 11 on Thursday to keep last summer's water quotas, after a
debate that ran past the evening prayer. Deputy Mayor Abdyrakhmanov said the canals could carry no
more than last year.

Aziza Mamatova, who farms cotton near Kara-Suu, said the vote left small farms short again.
`,
  );

  w.write(
    'articles/2023/2023-07-03-border-market-reopens.md',
    `---
title: ${q(`Border market reopens ${PAYLOADS.jsonLdBreakOut}`)}
summary: ${q(`Traders return to Dostuk after two years; "we lost everything" & more ${PAYLOADS.svg}`)}
date: 2023-07-03
location: ${q(`Dostuk ${PAYLOADS.script}, Kyrgyzstan`)}
organizations: [${q(`Ferghana Traders ${PAYLOADS.svg}`)}]
speakers: [${q(`Gulnara Tashieva ${PAYLOADS.script}`)}]
topics: [Trade, ${q(`Borders ${PAYLOADS.jsonLdBreakOut}`)}]
authors: [Bakyt Osmonov]
slug: border-market-reopens
---

The market at Dostuk opened its gates again on Monday morning, two years after it closed. Gulnara
Tashieva, for the traders' union, said most stalls had found their old owners.
`,
  );

  w.write(
    'articles/2023/2023-08-21-rail-tender-complaint.md',
    `---
title: Rail tender challenged by losing bidder
summary: ${q(`A bidder says the tender for the Jalal-Abad line was rigged. ${PAYLOADS.breakOut}`)}
date: 2023-08-21T11:05+06:00
location: Jalal-Abad, Kyrgyzstan
organizations: [KTJ]
speakers:
  - name: ${q(`Erlan Sydykov ${PAYLOADS.img}`)}
    role: ${q(`Director <script>window.__pwned=1</script>`)}
topics: [Transport]
authors: [${q(`Desk ${PAYLOADS.breakOut}`)}]
image: { src: /images/mountain-railway.svg, alt: ${q(`A train in the mountains ${PAYLOADS.svg}`)} }
---

Erlan Sydykov, whose company lost the tender for the Jalal-Abad line, filed a complaint with the
procurement office on Monday. Kyrgyz Railways said the tender followed the rules.
`,
  );

  // As an old CMS export leaves reader comments: raw HTML, some of it hostile.
  w.write(
    'articles/2023/2023-06-12-reader-comments-restored.md',
    `---
title: Reader comments from the old site restored
summary: Comments readers left on the old site are back under the stories they were written for.
date: 2023-06-12
location: Bishkek, Kyrgyzstan
topics: [Digital policy]
authors: [Bakyt Osmonov]
---

The comments readers left on our old site between 2014 and 2019 are back. We restored them as the
old system stored them; a few were attempts to break into readers' browsers.

<script>window.__pwned=1</script>

<p>A comment with a picture: <img src="/images/amu-darya.svg" alt="The river" onload="window.__pwned=1" onerror="window.__pwned=1"></p>

<p><a href="javascript:window.__pwned=1">A link that runs code</a> and <a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">one that opens a page</a>.</p>

<svg onload="window.__pwned=1"><circle r="1"></circle></svg>

<iframe src="javascript:window.__pwned=1" title="Old widget"></iframe>

<iframe src="data:text/html,&lt;script&gt;parent.__pwned=1&lt;/script&gt;" title="Old poll"></iframe>

<object data="javascript:window.__pwned=1" type="text/html" aria-label="Old player"></object>

<meta http-equiv="refresh" content="0;url=https://evil.example/phish">

<base href="https://evil.example/">

<form action="https://evil.example/collect" method="post"><button type="submit">Subscribe to replies</button></form>

<iframe src="https://evil.example/embed/video" title="A video from an unknown host"></iframe>

In Markdown, a [link that runs code](javascript:window.__pwned=1) and a picture whose address runs code:
![A chart of comments per year](javascript:window.__pwned=1)

Most comments were kinder. One reader wrote in 2016: "Thank you for covering the water talks."
`,
  );

  if (!w.flawed) return;
  const unsafeArticle = (link: (typeof UNSAFE_LINKS)[number], i: number) => {
    const field = link.field === 'audio' ? `audio: ${dq(link.value)}` : `image:\n  src: ${dq(link.value)}\n  alt: A photo`;
    return `---
title: Story ${i + 1} with an unsafe link from the old CMS
summary: The link below must be refused.
date: 2023-09-0${i + 2}
${field}
---

Text of the story.
`;
  };
  UNSAFE_LINKS.filter((link) => link.file.startsWith('articles/')).forEach((link, i) => w.write(link.file, unsafeArticle(link, i)));
  w.write(
    'articles/2023/2023-09-07-slug-with-markup.md',
    `---
title: A story whose slug holds markup
summary: The slug below must be refused.
date: 2023-09-07
slug: ${q(`osh${PAYLOADS.breakOut}`)}
---

Text of the story.
`,
  );
}
