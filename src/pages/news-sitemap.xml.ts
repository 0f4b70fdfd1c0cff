/** /news-sitemap.xml: the stories of the last two days, for news search engines. */
import { buildTime } from '../lib/build/clock.ts';
import { getNewsroom } from '../lib/site/newsroom.ts';
import { newsSitemap } from '../lib/site/news-sitemap.ts';
import { absoluteUrl } from '../lib/model/urls.ts';
import { siteConfig } from '../site.config.ts';

export async function GET() {
  const { articles } = await getNewsroom();
  const xml = newsSitemap(articles, { name: siteConfig.name, lang: siteConfig.lang }, buildTime(), absoluteUrl);
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}
