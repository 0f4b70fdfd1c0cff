/**
 * Links as an archive moved from an older site leaves them: stories that keep their old addresses
 * (`aliases`, in the old `/yyyy/mm/dd/slug/` scheme and as `.html` files), bodies that link to
 * those old addresses, to other stories' Markdown files (relative, from another folder, by bare
 * file name, in raw HTML, as reference links) and by relative addresses (`../../02/x/`).
 *
 * Flawed: an old address a second story also claims, a relative link and a file link to nothing.
 */
import type { ArchiveWriter } from './index.ts';

export const LINKS_DIR = 'articles/moved-site';

export default function links(w: ArchiveWriter): void {
  w.write(
    `${LINKS_DIR}/2014/2014-03-19-kara-suu-bazaar-fire.md`,
    `---
title: Fire sweeps through Kara-Suu bazaar
summary: A night fire destroyed more than two hundred stalls at the border market near Osh.
date: 2014-03-19T07:40
location: Kara-Suu, Kyrgyzstan
topics: [Trade]
authors: [Nurlan Abdyrakhmanov]
aliases:
  - /2014/03/19/kara-suu-bazaar-fire/
  - /old/news/bazaar-fire.html
---

Fire crews worked until dawn to contain a blaze that started in the clothing rows of the Kara-Suu
bazaar, one of the largest wholesale markets in the region.

Traders said the fire spread quickly through wooden stalls. No one was hurt, officials said.
`,
  );

  w.write(
    `${LINKS_DIR}/2014/2014-03-27-kara-suu-traders-compensation.md`,
    `---
title: Kara-Suu traders promised compensation after bazaar fire
summary: The regional administration said it would pay stallholders part of their losses.
date: 2014-03-27
location: Osh, Kyrgyzstan
topics: [Trade]
authors: [Nurlan Abdyrakhmanov]
aliases: [/2014/03/27/kara-suu-traders-compensation]
---

A week after [the fire](/2014/03/19/kara-suu-bazaar-fire/), the administration met traders.

## Compensation

Each stallholder will receive up to a third of the declared value of lost goods. See our
[earlier report](2014-03-19-kara-suu-bazaar-fire.md) for what was lost.
`,
  );

  w.write(
    `${LINKS_DIR}/2015/2015-02-18-agile-workshop-bishkek-ministries.md`,
    `---
title: Ministries try "agile" methods at a Bishkek workshop
summary: Civil servants from four ministries spent two days on short planning cycles.
date: 2015-02-18T16:00
location: Bishkek, Kyrgyzstan
topics: [Governance]
authors: [Aida Musina]
aliases:
  - /2015/02/18/agile-workshop-bishkek-ministries
  - /blog/agile-workshop/index.html
---

Organisers compared the approach with the way the Osh administration handled
[last year's market compensation](../2014/2014-03-27-kara-suu-traders-compensation.md#compensation),
and with the cleanup after [the bazaar fire](../../../2014/03/kara-suu-bazaar-fire/).
`,
  );

  w.write(
    `${LINKS_DIR}/2015/2015-03-05-agile-workshop-follow-up.md`,
    `---
title: A month on, ministries report on their agile pilots
summary: Two of four ministries kept the weekly planning meetings started at a February workshop.
date: 2015-03-05
location: Bishkek, Kyrgyzstan
topics: [Governance]
authors: [Aida Musina]
---

Four weeks after [the workshop](2015-02-18-agile-workshop-bishkek-ministries.md), two ministries
kept the new meetings. ([Our first report](../../02/agile-workshop-bishkek-ministries/) has the background;
the [old blog post](/blog/agile-workshop/) is still linked from ministry sites.)

<p>One participant compared it with <a href="2014-03-19-kara-suu-bazaar-fire.md">the Kara-Suu fire response</a>,
as reported at the time on <a href="/old/news/bazaar-fire.html">our old site</a>.</p>
`,
  );

  w.write(
    `${LINKS_DIR}/2016/2016-06-01-kara-suu-bazaar-rebuilt.md`,
    `---
title: Kara-Suu bazaar reopens in new brick halls
summary: Two years after the fire, traders moved into halls built with a development bank loan.
date: 2016-06-01
location: Kara-Suu, Kyrgyzstan
topics: [Trade]
authors: [Nurlan Abdyrakhmanov]
---

The new halls replace the wooden rows lost in the [2014 fire][fire]. Traders who received
[compensation](/2014/03/27/kara-suu-traders-compensation/) were offered stalls first; officials
said they had learned from the [planning workshop](/2015/02/18/agile-workshop-bishkek-ministries/).

[fire]: ../2014/2014-03-19-kara-suu-bazaar-fire.md
`,
  );

  if (!w.flawed) return;
  w.write(
    `${LINKS_DIR}/2014/2014-03-21-kara-suu-fire-photos.md`,
    `---
title: "In pictures: the morning after the Kara-Suu fire"
summary: Traders sift through what is left of their stalls.
date: 2014-03-21
location: Kara-Suu, Kyrgyzstan
topics: [Trade]
aliases:
  - /old/news/bazaar-fire.html
---

Photographs from the market. Read [the next day's story](../kara-suu-fire-day-two/) and
[the inquiry](2014-03-30-kara-suu-fire-inquiry.md).
`,
  );
}
