import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuiltSite } from '../support/build-site.ts';
import { fixtureSite, SCO_STORIES } from '../support/fixture.ts';

const SCO = '/organizations/shanghai-cooperation-organization/';
const MIDNIGHT = '/2025/08/midnight-filing/';

const built = fixtureSite();
const underNews = fixtureSite({ SITE_BASE: '/news/' });

/** Every internal link and asset of every page, with the page it is on. */
function internalLinks(target: BuiltSite, base: string) {
  return target.pages().flatMap((from) => {
    const $ = target.page(from);
    return (
      $('a[href], link[href], img[src], audio[src], form[action]')
        .map((_, el) => $(el).attr('href') ?? $(el).attr('src') ?? $(el).attr('action'))
        .get()
        // Internal: no scheme (https:, mailto:) and not a fragment of the same page.
        .filter((url) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(url))
        .map((url) => ({ from, url: url.split(/[?#]/)[0]!, base }))
    );
  });
}

describe('article pages', () => {
  it('is published at /<yyyy>/<mm>/<slug>/ with year and month in the site time zone', () => {
    expect(built.site.exists(MIDNIGHT)).toBe(true);
    expect(built.site.exists('/2025/07/midnight-filing/')).toBe(false);
  });

  it('shows headline, standfirst, dateline, dates, byline and reading time', () => {
    const $ = built.site.page(MIDNIGHT);
    expect($('h1').text()).toBe('Water talks run past midnight in Tashkent');
    expect($('.standfirst').text()).toBe('Negotiators agreed on reservoir releases just after midnight.');
    expect($('.story-header .dateline').text()).toBe('Tashkent, Uzbekistan');
    const times = $('.story-header time');
    expect(times.eq(0).attr('datetime')).toBe('2025-08-01T00:30:00+05:00');
    expect(times.eq(0).text()).toBe('1 August 2025, 00:30 Almaty time');
    expect(times.eq(1).text()).toBe('2 August 2025, 12:00 Almaty time');
    expect($('.byline a').attr('href')).toBe('/authors/staff-reporter/');
    expect($('.meta').text()).toContain('3 min read');
  });

  it('lists the people quoted, canonical through aliases, with roles and links', () => {
    const $ = built.site.page(MIDNIGHT);
    const quoted = $('.quoted li')
      .map((_, li) => [[$(li).find('a').text(), $(li).find('a').attr('href'), $(li).find('.role').text()]])
      .get();
    expect(quoted).toEqual([
      ['António Guterres', '/people/antonio-guterres/', 'Secretary-General of the United Nations'],
      ['Kassym-Jomart Tokayev', '/people/kassym-jomart-tokayev/', 'President of Kazakhstan'],
      ['Aziz Karimov', '/people/aziz-karimov/', 'Water engineer'],
    ]);
  });

  it('links organizations, place and topics', () => {
    const links = built.site
      .page(MIDNIGHT)('.story-footer a')
      .map((_, a) => built.site.page(MIDNIGHT)(a).attr('href'))
      .get();
    expect(links).toEqual(
      expect.arrayContaining([
        SCO,
        '/organizations/united-nations/',
        '/locations/uzbekistan/',
        '/locations/uzbekistan/tashkent/',
        '/topics/water/',
        '/topics/diplomacy/',
      ]),
    );
  });

  it('shows an audio player and the lead image with its alt text', () => {
    const $ = built.site.page(MIDNIGHT);
    expect($('audio[controls]').attr('src')).toBe('https://media.example.org/audio/midnight.mp3');
    expect($('figure.lead-image img').attr('alt')).toBe('A reservoir at dusk');
  });

  it('shows at least three related stories, never itself', () => {
    const related = built.site
      .page(MIDNIGHT)('.related a')
      .map((_, a) => built.site.page(MIDNIGHT)(a).attr('href'))
      .get();
    expect(related.length).toBeGreaterThanOrEqual(3);
    expect(related).not.toContain(MIDNIGHT);
  });

  it('shows the newsletter form posting to the configured address', () => {
    expect(built.site.page(MIDNIGHT)('.newsletter form').attr('method')).toBe('post');
  });
});

describe('entity pages', () => {
  it('paginates 20 a page and says truthfully which stories are shown', () => {
    expect(built.site.page(SCO)('.showing').text()).toBe(`Showing 1–20 of ${SCO_STORIES} stories`);
    expect(built.site.page(`${SCO}2/`)('.showing').text()).toBe(`Showing 21–40 of ${SCO_STORIES} stories`);
    expect(built.site.page(`${SCO}3/`)('.showing').text()).toBe(`Showing 41–${SCO_STORIES} of ${SCO_STORIES} stories`);
    expect(built.site.exists(`${SCO}4/`)).toBe(false);
    expect(built.site.page(SCO)('.story-list > li')).toHaveLength(20);
    expect(built.site.page(`${SCO}3/`)('.story-list > li')).toHaveLength(SCO_STORIES - 40);
  });

  it('lists stories newest first', () => {
    const $ = built.site.page(SCO);
    const dates = $('.story-list time')
      .map((_, t) => $(t).attr('datetime'))
      .get();
    expect(dates[0]).toBe('2025-08-01T00:30:00+05:00');
    expect([...dates].sort().reverse()).toEqual(dates);
    // The list's date style: the day in the site time zone, short month.
    expect($('.story-list time').first().text()).toBe('1 Aug 2025');
  });

  it('shows registry details', () => {
    const $ = built.site.page(SCO);
    expect($('h1').text()).toBe('Shanghai Cooperation Organization');
    expect($('.entity-description').text()).toBe('A regional security and economic bloc.');
    expect(built.site.page('/people/antonio-guterres/')('.entity-header .role').text()).toBe('Secretary-General of the United Nations');
  });

  it('has pages for countries, places, topics and authors', () => {
    for (const path of ['/locations/uzbekistan/', '/locations/uzbekistan/tashkent/', '/topics/trade/', '/authors/dana-serikova/']) {
      expect(built.site.exists(path), path).toBe(true);
    }
  });

  it('lists every entity with its story count', () => {
    const $ = built.site.page('/organizations/');
    const row = $('.entity-index li').filter((_, li) => $(li).find('a').attr('href') === SCO);
    expect(row.find('.count').text()).toBe(`${SCO_STORIES} stories`);
    for (const list of ['/people/', '/topics/', '/authors/', '/locations/']) expect(built.site.exists(list), list).toBe(true);
  });
});

describe('registry aliases in search', () => {
  it('are written to the search page’s alias map, not into story pages', () => {
    const map = JSON.parse(readFileSync(path.join(built.site.outDir, 'search/aliases.json'), 'utf8')) as Record<string, string>;
    expect(map).toMatchObject({ sco: 'Shanghai Cooperation Organization', un: 'United Nations' });
    expect(built.site.page('/search/')('#search-app').attr('data-aliases')).toBe('/search/aliases.json');
    expect(built.site.page(MIDNIGHT)('article').text()).not.toContain('Also known as');
  });
});

describe('archives, home and 404', () => {
  it('has year and month archives', () => {
    const year = built.site.page('/2025/');
    expect(year('.entity-index a').first().attr('href')).toBe('/2025/08/');
    expect(built.site.page('/2025/01/')('.story-list > li')).toHaveLength(30);
  });

  it('leads the home page with the newest story, follows with the next ones and names who is in the news', () => {
    const $ = built.site.page('/');
    expect($('.lead h2').text()).toBe('Border crossing reopens after overnight talks');
    expect($('.secondary a').first().attr('href')).toBe(MIDNIGHT);
    expect($('.latest .story-list > li').length).toBeGreaterThan(0);
    // Only the story of an hour ago is recent by the build's clock; the rest are dated 2025.
    expect(
      $('.in-the-news a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['/locations/kyrgyzstan/osh/']);
  });

  it('has a 404 page', () => {
    expect(built.site.page('/404.html')('h1').text()).toBe('Page not found');
  });
});

describe('markup written in frontmatter', () => {
  it('is shown as text wherever the field is rendered', () => {
    const pages = ['/2025/06/injection/', '/2025/06/', '/'].filter((p) => built.site.exists(p));
    expect(pages).toContain('/2025/06/injection/');
    for (const path of pages) {
      const $ = built.site.page(path);
      expect($('script:not([type="application/ld+json"])').length, path).toBe(0);
      expect($('img[onerror]').length, path).toBe(0);
    }
    const $ = built.site.page('/2025/06/injection/');
    expect($('h1').text()).toBe('<script>alert("title")</script> Summit opens');
    expect($('meta[name="description"]').attr('content')).toBe('<img src=x onerror=alert("summary")> Leaders arrive.');
    expect($('script[type="application/ld+json"]').first().html()).toContain('\\u003cscript>');
  });
});

describe('publishing rules', () => {
  it('never publishes drafts or future articles, nor links to them', () => {
    expect(built.site.exists('/2025/03/draft-story/')).toBe(false);
    expect(built.site.exists('/2999/01/future-story/')).toBe(false);
    expect(built.site.exists('/2999/')).toBe(false);
    for (const path of built.site.pages()) {
      const html = built.site.page(path).html();
      expect(html, path).not.toContain('Unfinished draft');
      expect(html, path).not.toContain('far future');
    }
  });

  it('ships no client-side JavaScript outside the search page', () => {
    for (const path of built.site.pages().filter((p) => p !== '/search/')) {
      expect(built.site.page(path)('script:not([type="application/ld+json"])').length, path).toBe(0);
    }
  });

  it('has one h1 per page and headings in order', () => {
    for (const path of built.site.pages()) {
      const $ = built.site.page(path);
      const levels = $('h1, h2, h3, h4, h5, h6')
        .map((_, h) => Number(h.tagName.slice(1)))
        .get();
      expect(
        levels.filter((l) => l === 1),
        path,
      ).toHaveLength(1);
      levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!, `${path} heading ${i}`).toBeLessThanOrEqual(1));
    }
  });

  it('has no broken internal link', () => {
    const broken = internalLinks(built.site, '/').filter(({ url }) => !built.site.exists(url));
    expect(broken).toEqual([]);
  });
});

describe('a site served under a sub-path', () => {
  it('prefixes every internal link with the base, and every link resolves', () => {
    const links = internalLinks(underNews.site, '/news/');
    expect(links.length).toBeGreaterThan(100);
    const outside = links.filter(({ url }) => !url.startsWith('/news/'));
    expect(outside).toEqual([]);
    const broken = links.filter(({ url }) => !underNews.site.exists(url.slice('/news'.length)));
    expect(broken).toEqual([]);
  });

  it('links pagination under the base', () => {
    expect(underNews.site.page(`${SCO}`)('a[rel=next]').attr('href')).toBe(`/news${SCO}2/`);
  });
});
