/**
 * The story HTML policy through the real Markdown pipeline (`createBodyRenderer`): what is kept,
 * what is dropped, the repairs that keep the published page valid, and the content check's
 * warnings about what publishing removes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { headersFor, parseHeadersFile } from '../../src/lib/site/headers-file.ts';
import { bodyHtmlProblems } from '../../src/lib/content/body-html.ts';
import { bodyReferences } from '../../src/lib/content/body-links.ts';
import { checkContent } from '../../src/lib/content/content-check.ts';
import { createBodyRenderer } from '../../src/lib/markdown/markdown.ts';
import { codeDigest } from '../../src/lib/build/code-digest.ts';
import { EMBED_PROVIDERS, PAGE_IDS } from '../../src/lib/markdown/sanitize-policy.ts';
import { siteConfig } from '../../src/site.config.ts';

const renderer = await createBodyRenderer();
const render = async (body: string) => (await renderer.render(body)).code;
const dom = async (body: string) => load(await render(body), null, false);

const temp = mkdtempSync(path.join(tmpdir(), 'story-html-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('what publishing drops', () => {
  it('drops a script with its content', async () => {
    const html = await render('Before.\n\n<script>alert("owned")</script>\n\nAfter <script src="https://evil.example/x.js"></script>.');
    expect(html).not.toMatch(/<script|alert|evil\.example/);
    expect(html).toContain('<p>Before.</p>');
  });

  it('drops event handlers and keeps the element', async () => {
    const html = await render(
      '<p onclick="steal()" onmouseover="steal()">Click <b onload=x()>here</b></p>\n\n<img src="/images/a.png" alt="A map" onerror="steal()">',
    );
    expect(html).not.toMatch(/on(click|mouseover|load|error)|steal/);
    expect(html).toContain('<p>Click <b>here</b></p>');
    expect(html).toContain('alt="A map"');
  });

  it('drops javascript: and vbscript: links however they are spelled, and keeps the link text', async () => {
    const html = await render(
      '[one](javascript:alert(1)) <a href="JavaScript:alert(2)">two</a> <a href="jav&#x09;ascript:alert(3)">three</a> <a href=" vbscript:msgbox(4)">four</a>',
    );
    expect(html).not.toMatch(/script:|alert|msgbox/i);
    expect(html).toBe('<p><a>one</a> <a>two</a> <a>three</a> <a>four</a></p>');
  });

  it('drops an image with a data: address', async () => {
    const html = await render('A chart: ![Chart](data:image/png;base64,iVBORw0KGgo=) and <img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">');
    expect(html).not.toMatch(/<img|data:/);
  });

  it('drops inline styles and presentational attributes, and unwraps <font> and <center> keeping their text', async () => {
    const html = await render('<center><font face="Arial" color="red" size="4">Breaking</font></center>\n\n<p style="color:red" align="right">Styled</p>');
    expect(html).not.toMatch(/style=|align=|color=|face=|<font|<center/);
    expect(html).toContain('Breaking');
    expect(html).toContain('<p>Styled</p>');
  });

  it('drops <style>, forms, object, embed and applet', async () => {
    const html = await render(
      '<style>body{display:none}</style>\n\n<form action="https://evil.example/"><input name="card"><button>Pay</button></form>\n\n<object data="x.swf"></object><embed src="x.swf"><applet code="x"></applet>',
    );
    expect(html).not.toMatch(/<style|display:none|<form|<input|<button|<object|<embed|<applet|evil/);
  });
});

describe('what publishing keeps', () => {
  it('keeps tables with head, body, caption, colspan and rowspan, in a keyboard-scrollable region', async () => {
    const $ = await dom(
      '<table><caption>Water quotas</caption><thead><tr><th scope="col">Country</th><th colspan="2">Share</th></tr></thead><tbody><tr><td rowspan="2">Kazakhstan</td><td>40%</td><td>41%</td></tr></tbody></table>',
    );
    const region = $('section.table-scroll');
    expect(region.attr('tabindex')).toBe('0');
    expect(region.attr('aria-label')).toBe('Water quotas');
    expect(region.find('> table > caption').text()).toBe('Water quotas');
    expect($('th[colspan="2"]').text()).toBe('Share');
    expect($('th[scope="col"]').text()).toBe('Country');
    expect($('td[rowspan="2"]').text()).toBe('Kazakhstan');
    expect($('thead tr')).toHaveLength(1);
    expect($('tbody tr')).toHaveLength(1);
  });

  it('keeps GFM footnotes, with links that reach their notes and back', async () => {
    const $ = await dom('The deal was signed.[^deal]\n\n[^deal]: Ministry statement, 3 July.');
    const ref = $('sup a[data-footnote-ref]');
    const note = $(ref.attr('href')!);
    expect(note.is('li')).toBe(true);
    expect(note.text()).toContain('Ministry statement, 3 July.');
    expect($(note.find('a[data-footnote-backref]').attr('href')!).is(ref)).toBe(true);
    expect($('section.footnotes h2.sr-only').attr('id')).toBe(ref.attr('aria-describedby'));
  });

  it('keeps task lists with their disabled checkboxes', async () => {
    const html = await render('- [x] Call the ministry\n- [ ] Check the figures');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> Call the ministry</li>');
    expect(html).toContain('<input type="checkbox" disabled> Check the figures');
  });

  it('keeps figures, definitions, details, code with its language and text-level markup', async () => {
    const html = await render(
      [
        '<figure><img src="/images/dam.jpg" alt="The dam" width="800" height="450"><figcaption>The Rogun dam.</figcaption></figure>',
        '<dl><dt>GWh</dt><dd>Gigawatt-hours</dd></dl>',
        '<details><summary>Methodology</summary><p>We counted.</p></details>',
        '```python\nprint("hi")\n```',
        'H<sub>2</sub>O, 10<sup>3</sup>, <abbr title="Shanghai Cooperation Organization">SCO</abbr>, <kbd>Ctrl</kbd>, <mark>new</mark>, <q>quoted</q>, <cite>Izvestia</cite>, <del>old</del> <ins>new</ins> <s>gone</s>, <span lang="ru" dir="ltr">Привет</span>',
        '---',
      ].join('\n\n'),
    );
    for (const part of [
      '<figure><img src="/images/dam.jpg" alt="The dam" width="800" height="450" loading="lazy"><figcaption>The Rogun dam.</figcaption></figure>',
      '<dl><dt>GWh</dt><dd>Gigawatt-hours</dd></dl>',
      '<details><summary>Methodology</summary><p>We counted.</p></details>',
      '<pre><code class="language-python">print("hi")\n</code></pre>',
      '<abbr title="Shanghai Cooperation Organization">SCO</abbr>',
      '<kbd>Ctrl</kbd>',
      '<sub>2</sub>',
      '<sup>3</sup>',
      '<mark>new</mark>',
      '<q>quoted</q>',
      '<cite>Izvestia</cite>',
      '<del>old</del> <ins>new</ins> <s>gone</s>',
      '<span lang="ru" dir="ltr">Привет</span>',
      '<hr>',
    ]) {
      expect(html).toContain(part);
    }
  });

  it('keeps http(s), mailto and site-relative links', async () => {
    const html = await render('[a](https://example.org/x) [b](http://example.org/) [c](mailto:desk@example.org) [d](/2025/07/story/) [e](#notes)');
    expect(html).toContain('href="https://example.org/x"');
    expect(html).toContain('href="http://example.org/"');
    expect(html).toContain('href="mailto:desk@example.org"');
    expect(html).toContain('href="/2025/07/story/"');
    expect(html).toContain('href="#notes"');
  });
});

describe('embeds', () => {
  it('keeps a YouTube iframe as a lazy, titled, sandboxed no-cookie embed', async () => {
    const $ = await dom(
      '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?start=30" frameborder="0" style="border:0" allowfullscreen></iframe>',
    );
    const frame = $('iframe');
    expect(frame.attr('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30');
    expect(frame.attr('loading')).toBe('lazy');
    expect(frame.attr('title')).toBe('Embedded video from YouTube');
    expect(frame.attr('referrerpolicy')).toBe('strict-origin-when-cross-origin');
    expect(frame.attr('sandbox')).toContain('allow-scripts');
    expect(frame.attr('sandbox')).not.toContain('allow-top-navigation');
    expect(frame.attr('class')).toBe('embed embed-video');
    expect(frame.attr('style')).toBeUndefined();
    expect(frame.attr('frameborder')).toBeUndefined();
  });

  it('keeps the title an embed was written with, and a chart’s height within bounds', async () => {
    const $ = await dom(
      '<iframe title="Flood map of the Syr Darya" src="https://www.openstreetmap.org/export/embed.html?bbox=68.1,40.2,69.5,41.0&layer=mapnik" height="5000"></iframe>',
    );
    expect($('iframe').attr('title')).toBe('Flood map of the Syr Darya');
    expect($('iframe').attr('height')).toBe('1200');
  });

  it('drops an unknown iframe, leaving a link to its page', async () => {
    const html = await render('<iframe src="https://tracker.example.com/widget?id=7" title="Poll"></iframe>\n\n<iframe src="javascript:alert(1)"></iframe>');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('<a href="https://tracker.example.com/widget?id=7">Poll</a>');
    expect(html).not.toContain('javascript');
  });

  it('drops an iframe whose host only looks like an allowed one', async () => {
    const html = await render('<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe><iframe src="https://player.vimeo.com/other/1"></iframe>');
    expect(html).not.toContain('<iframe');
  });

  it('allows exactly the published embed hosts in the Content-Security-Policy frame-src of public/_headers', () => {
    const csp = headersFor(parseHeadersFile(readFileSync('public/_headers', 'utf8')), '/2025/07/story/')['Content-Security-Policy']!;
    const frameSrc = csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .find(([name]) => name === 'frame-src')!
      .slice(1);
    expect(new Set(frameSrc)).toEqual(new Set(EMBED_PROVIDERS.map((p) => `https://${p.publishedHost}`)));
  });
});

describe('ids, alignment and validity', () => {
  it('gives headings ids that begin with a letter, none to an empty heading, and unique ones to repeated headings', async () => {
    const html = await render('## 1. Making video accessible\n\n##\n\n## Findings\n\n## Findings\n\n## Main\n\n## 2024');
    expect(html).toContain('<h2 id="section-1-making-video-accessible">1. Making video accessible</h2>');
    expect(html).toContain('<h2 id="findings">Findings</h2>');
    expect(html).toContain('<h2 id="findings-1">Findings</h2>');
    expect(html).toContain('<h2 id="main-1">Main</h2>'); // "main" is the page's own <main>
    expect(html).toContain('<h2 id="section-2024">2024</h2>');
    expect(html).not.toContain('id=""');
    expect(html).not.toMatch(/<h2[^>]*><\/h2>/);
  });

  it('reserves every id the page templates use', () => {
    const templates = readdirSync('src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.astro'));
    const ids = templates.flatMap((f) => [...readFileSync(path.join('src', f), 'utf8').matchAll(/\sid="([^"{]+)"/g)].map((m) => m[1]!));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(PAGE_IDS, id).toContain(id);
  });

  it('aligns GFM table columns with classes, never the deprecated align attribute', async () => {
    const html = await render('| Country | Share | Change |\n|:--|:-:|--:|\n| Kazakhstan | 40% | +1 |');
    expect(html).not.toContain('align=');
    expect(html).toContain('<th class="align-left">Country</th>');
    expect(html).toContain('<td class="align-center">40%</td>');
    expect(html).toContain('<td class="align-right">+1</td>');
  });

  const validator = new HtmlValidate(new StaticConfigLoader(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8'))));
  const page = (body: string) =>
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<title>A story</title>\n</head>\n<body>\n<main id="main">\n<h1>A story</h1>\n${body}\n</main>\n</body>\n</html>\n`;

  /** Bodies as old CMSes and hurried hands left them. */
  const NASTY: [string, string][] = [
    ['stray end tags and a <p> in a <span>', '<div><span><p>Para in span</p></span></div></div></div>\n\n</span>Text after</p>'],
    [
      '<center>, <font> and a styled table',
      '<center><font size="5"><b>HEADLINE</b></font></center>\n<table border="1" style="width:100%" cellpadding="3"><tr><td bgcolor="#eee" width="30%" align="center" valign="top">A</td><td nowrap>B</td></tr></table>',
    ],
    [
      'list items and definitions outside lists',
      '<li>orphan one</li><li>orphan two</li>\n\n<dd>a definition</dd>\n\n<ul><p>not an item</p><li>item</li></ul>\n\n<dl><p>stray</p><dt>T</dt></dl>',
    ],
    [
      'blocks inside headings, links, pre and inline elements',
      '<h2><div>Block</div> in heading</h2>\n<pre><div>div in pre</div></pre>\n<em><ul><li>list in em</li></ul></em>\n<h3><img src="/x.png" alt=""></h3>',
    ],
    [
      'figures, details and tables out of order',
      '<figure><figcaption>One</figcaption><img src="/a.png" alt="A"><figcaption>Two</figcaption><p>x</p></figure>\n<details><p>No summary</p></details>\n<details><p>Late</p><summary>S</summary><summary>S2</summary></details>\n<table><tr><td>x</td></tr><caption>Late caption</caption><caption>Second</caption></table>\n<figcaption>Lost caption</figcaption>',
    ],
    [
      'duplicate and invalid ids, old anchors, bad attribute values',
      '<p id="x">a</p><p id="x">b</p><a name="top"></a><a href="#top">Top</a>\n<p id="">empty id</p><p id="has space">space</p>\n<p dir="sideways">d</p><img src="/a.png" alt="a" width="100%" height="auto">\n<ol start="x" type="Q"><li value="v">i</li></ol>\n<td>cell outside a table</td><tr><th>row outside</th></tr>',
    ],
    [
      'empty links, images without alt, comments and trailing spaces',
      '<a href="https://example.org/"></a> <a href="/x/"><img src="/y.png"></a>   \n<!-- editor: check this -->\ntext with trailing spaces   \nmore\n\n```\ncode with trailing spaces   \n```',
    ],
    [
      'forms, scripts, frames and media',
      '<form><label>Name <input type="text"></label><select><option>a</option></select><textarea>t</textarea><button>Go</button></form><script>x()</script><noscript>no</noscript><svg><circle/></svg><video src="/v.mp4"></video><audio src="/a.mp3"></audio><iframe src="https://example.com"></iframe><marquee>wow</marquee><blink>!</blink>',
    ],
    [
      'two tables with the same caption, headings that repeat page ids',
      '<table><caption>Results</caption><tr><td>1</td></tr></table>\n\n<table><caption>Results</caption><tr><td>2</td></tr></table>\n\n## Related heading\n\n<h2 id="main">Writer id</h2>\n\n## Main',
    ],
    [
      'Markdown with everything',
      '# Title\n\n## 1. First\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo\n\nText[^1] with <br> a break<br/>and <span style="x">span</span>.\n\n> quote\n\n[^1]: Note.\n\n<iframe src="https://player.vimeo.com/video/1"></iframe>\n<p><iframe src="https://datawrapper.dwcdn.net/AbC12/1/" height="abc"></iframe></p>',
    ],
  ];

  it.each(NASTY)('publishes valid HTML whatever the body: %s', async (_, body) => {
    const report = validator.validateStringSync(page(await render(body)));
    const messages = report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message} (line ${m.line})`));
    expect(messages, await render(body)).toEqual([]);
  });
});

describe('content check warnings', () => {
  const warnings = (body: string, bodyLine = 1) => bodyHtmlProblems('a.md', body, bodyLine, bodyReferences(body, bodyLine));

  it('names each thing publishing removes, with its line in the file', () => {
    const body = [
      'Intro.', // 10
      '',
      '<script>track()</script>', // 12
      '',
      '<p style="color:red" onclick="x()">Red</p>', // 14
      '',
      '[bad](javascript:alert(1))', // 16
      '',
      '<iframe src="https://polls.example.com/p/1"></iframe>', // 18
      '',
      '<font face="Arial">Old</font> and <p style="margin:0">more</p>', // 20
    ].join('\n');
    const found = warnings(body, 10).map((p) => `${p.line}: ${p.message}`);
    expect(found).toEqual([
      '12: The <script> element on line 12 is removed when the story is published, with everything inside it.',
      '14: The style attribute on lines 14 and 20 is removed when the story is published.',
      '14: The onclick attribute on line 14 is removed when the story is published.',
      '16: The link address javascript:alert(1) on line 16 is removed when the story is published.',
      '18: The iframe from polls.example.com on line 18 is not an allowed embed; it is replaced by a link to its address when the story is published.',
      '20: The <font> element on line 20 is removed when the story is published; its text is kept.',
    ]);
    expect(warnings(body, 10).every((p) => p.severity === 'warning' && p.file === 'a.md')).toBe(true);
    expect(warnings(body, 10).find((p) => p.message.includes('iframe'))!.hint).toContain('YouTube (video), Vimeo (video), SoundCloud (audio)');
  });

  it('says nothing about what is kept, and skips plain Markdown bodies', () => {
    expect(
      warnings(
        '<table><tr><td align="center">1</td></tr></table>\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n\n- [x] done\n\n[a](https://example.org) <br>',
      ),
    ).toEqual([]);
    expect(warnings('Just *Markdown* with [a link](/2025/07/x/).\n\n## 1. Heading')).toEqual([]);
  });

  it('reports lines of the article file through npm run check’s loader', async () => {
    const dir = path.join(temp, 'content');
    mkdirSync(path.join(dir, 'articles'), { recursive: true });
    writeFileSync(
      path.join(dir, 'articles', '2025-07-01-raw.md'),
      '---\ntitle: Raw HTML story\nsummary: A story with raw HTML.\ndate: 2025-07-01\n---\n\nFirst paragraph.\n\n<img src="/images/x.png" alt="A photo" onerror="steal()">\n',
    );
    const problems = await checkContent(dir, { site: siteConfig, publicDir: path.join(temp, 'public'), now: new Date('2025-08-01') });
    const warning = problems.find((p) => p.message.includes('onerror'));
    expect(warning).toMatchObject({ severity: 'warning', line: 9, message: 'The onerror attribute on line 9 is removed when the story is published.' });
    expect(warning!.file).toContain('2025-07-01-raw.md');
  });
});

describe('codeDigest', () => {
  it('changes when a module the pipeline imports, or a locked package it uses, changes', () => {
    const dir = path.join(temp, 'pipeline', 'src', 'lib', 'markdown');
    mkdirSync(dir, { recursive: true });
    const lock = (version: string, other = '1.0.0') =>
      JSON.stringify({
        packages: {
          'node_modules/lib-a': { version, dependencies: { 'lib-b': '1' } },
          'node_modules/lib-b': { version: '1.0.0' },
          'node_modules/other': { version: other },
        },
      });
    const digest = () => codeDigest(path.join(dir, 'entry.ts'));
    writeFileSync(path.join(temp, 'pipeline', 'package-lock.json'), lock('1.0.0'));
    writeFileSync(path.join(dir, 'entry.ts'), "import { a } from 'lib-a';\nimport { b } from './plugin.ts';\n");
    writeFileSync(path.join(dir, 'plugin.ts'), 'export const b = 1;\n');
    const first = digest();
    expect(digest()).toBe(first);
    writeFileSync(path.join(dir, 'plugin.ts'), 'export const b = 2;\n');
    const second = digest();
    expect(second).not.toBe(first);
    writeFileSync(path.join(temp, 'pipeline', 'package-lock.json'), lock('1.0.1'));
    const third = digest();
    expect(third).not.toBe(second);
    writeFileSync(path.join(temp, 'pipeline', 'package-lock.json'), lock('1.0.1', '9.9.9'));
    expect(digest()).toBe(third); // a package the pipeline does not use
  });
});
