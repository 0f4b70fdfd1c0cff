/** /feed.xml: the latest 50 stories. */
import rss from '@astrojs/rss';
import { feedOptions, SITE_FEED_SIZE } from '../lib/site/feeds.ts';
import { getNewsroom } from '../lib/site/newsroom.ts';
import { absoluteUrl } from '../lib/model/urls.ts';
import { siteConfig } from '../site.config.ts';

export async function GET() {
  const { articles } = await getNewsroom();
  const channel = { title: siteConfig.name, description: siteConfig.tagline, site: absoluteUrl('/'), lang: siteConfig.lang, timeZone: siteConfig.timeZone };
  return rss(feedOptions(channel, articles, SITE_FEED_SIZE, absoluteUrl));
}
