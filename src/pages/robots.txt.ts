/** /robots.txt: everything may be crawled; where the sitemaps are. */
import { absoluteUrl } from '../lib/model/urls.ts';

export function GET() {
  const lines = ['User-agent: *', 'Allow: /', '', `Sitemap: ${absoluteUrl('/sitemap-index.xml')}`, `Sitemap: ${absoluteUrl('/news-sitemap.xml')}`];
  return new Response(`${lines.join('\n')}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
