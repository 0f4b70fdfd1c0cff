/**
 * Stories as an old CMS exported them: HTML tables with inline styles, <font> and <center>,
 * <br> line breaks, a tracking <script>, an image with onerror=, a javascript: link, embeds
 * (one allowed YouTube video, one unknown poll widget), footnotes, code and numbered headings.
 * All of it must build: the policy publishes what is safe and drops the rest
 * (tests/integration/messy-html.test.ts).
 */
import type { ArchivePart } from './index.ts';

/** Site paths of the stories below, for the tests. */
export const HTML_STORIES = {
  tram: '/2011/03/almaty-tram-closes/',
  water: '/2013/06/syr-darya-water-figures/',
  rogun: '/2016/10/rogun-dam-ceremony-video/',
  customs: '/2018/01/customs-code-explained/',
  accessible: '/2019/05/making-video-accessible/',
} as const;

const html: ArchivePart = (w) => {
  w.write(
    'articles/2011/2011-03-14-almaty-tram-closes.md',
    `---
title: Almaty's trams make their last run after 74 years
summary: The city retired its last tram line on Sunday; buses take over the routes from Monday.
date: 2011-03-14T18:40
location: Almaty, Kazakhstan
topics: [Transport]
authors: [Archive Desk]
---
<center><font face="Verdana" size="4" color="#990000"><b>ALMATY</b></font></center>
<p style="text-align:justify">Hundreds of residents lined Gogol Street on Sunday evening to watch the last tram
of the city's network roll into the depot.<br>
"My grandfather drove these cars," said one pensioner, holding a 1960s ticket.<br/>
The city says buses will run on all former tram routes from Monday.</p>

<table border="1" cellpadding="4" cellspacing="0" style="width:100%;border-collapse:collapse" bgcolor="#ffffff">
<tr><th bgcolor="#cccccc" align="left">Line</th><th bgcolor="#cccccc">Opened</th><th bgcolor="#cccccc" width="20%">Length, km</th></tr>
<tr><td>No. 4</td><td align="center">1937</td><td align="right">11.2</td></tr>
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
<tr><td>No. 6</td><td align="center">1959</td><td align="right" style="color:red">9.8</td></tr>
</table>

<font size="2" color="gray">Photo archive: city transport department.</font>

The depot will become a museum, the akimat said.[^depot]

[^depot]: Akimat of Almaty, press release of 12 March 2011.
`,
  );

  w.write(
    'articles/2013/2013-06-02-syr-darya-water-figures.md',
    `---
title: "Water sharing on the Syr Darya: the figures"
summary: How much water each country drew from the river last season, and how that compares with the quotas.
date: 2013-06-02
location: Tashkent, Uzbekistan
topics: [Water]
authors: [Archive Desk]
---
Quotas agreed in 1992 still govern the river. Here is what each country drew.

| Country | Quota, km³ | Drawn, km³ | Change |
|:--------|:----------:|-----------:|-------:|
| Uzbekistan | 10.5 | 10.9 | +4% |
| Kazakhstan | 9.1 | 8.7 | −4% |
| Tajikistan | 2.0 | 2.1 | +5% |
| Kyrgyzstan | 0.3 | 0.3 | 0% |

<figure><img src="/images/amu-darya.svg" alt="Map of the river basins" width="640" height="400"><figcaption>The basins of the Syr Darya and Amu Darya.</figcaption></figure>

<dl>
<dt>km³</dt><dd>cubic kilometres: a thousand billion litres</dd>
<dt>Quota</dt><dd>the share fixed by the 1992 agreement</dd>
</dl>

<details><summary>How we counted</summary>
<p>Figures are the basin commission's, rounded to a tenth.</p>
</details>
`,
  );

  w.write(
    'articles/2016/2016-10-29-rogun-dam-ceremony-video.md',
    `---
title: "Video: the Rogun dam ceremony"
summary: Watch the moment the river was diverted at Rogun, and vote in our reader poll.
date: 2016-10-29T11:00
location: Dushanbe, Tajikistan
topics: [Energy]
authors: [Archive Desk]
---
The river was diverted at noon, in front of officials and hundreds of builders.

<iframe width="560" height="315" src="https://www.youtube.com/embed/aBcDeFgHiJk" frameborder="0" allowfullscreen></iframe>

<img src="/images/mountain-railway.svg" alt="The valley below the dam" onerror="this.src='http://stats.example.net/px.gif'">

<div align="center"><iframe src="https://polls.oldcms.example.com/widget?poll=4411" width="300" height="250" scrolling="no"></iframe></div>

<p><span style="font-size:11px"><p>Video: state television.</p></span></p>
</div></div>
`,
  );

  w.write(
    'articles/2018/2018-01-09-customs-code-explained.md',
    `---
title: The new customs code, explained
summary: What changes for traders on 1 January, with the forms and the declaration format the service now accepts.
date: 2018-01-09
location: Bishkek, Kyrgyzstan
topics: [Trade]
authors: [Archive Desk]
---
Traders must now file declarations electronically. <a href="javascript:void(window.open('http://forms.example.net/'))">Open the form</a> or read on.

A declaration is a short XML file:

\`\`\`xml
<declaration version="2">
  <item code="0902" weight="12.5"/>
</declaration>
\`\`\`

The service's validator accepts <code>&lt;item&gt;</code> lines up to 1,000 a file.

1. Register on the portal.
2. Sign the declaration.
3. Pay the fee.

- [x] Register
- [ ] Sign
`,
  );

  w.write(
    'articles/2019/2019-05-20-making-video-accessible.md',
    `---
title: Broadcasters promise subtitles on every evening bulletin
summary: The national broadcasters agreed on three steps to make their video accessible by next year.
date: 2019-05-20
location: Astana, Kazakhstan
topics: [Media]
authors: [Archive Desk]
---
The broadcasters signed a joint pledge on Monday.

## 1. Making video accessible

Subtitles will come first, on the evening news.

##

## 2. Sign language

A signer will appear on the main bulletin.

## 2. Sign language

<h2>Timeline</h2>

<p>By <time datetime="2020-01-01">January 2020</time>, all three steps.</p>
`,
  );
};

export default html;
