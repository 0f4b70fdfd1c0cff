/** /search/aliases.json: every registry alias and the name it stands for, read by the search page (src/lib/model/search-aliases.ts). */
import { getNewsroom } from '../../lib/site/newsroom.ts';
import { aliasMap } from '../../lib/model/search-aliases.ts';

export async function GET() {
  const { entities } = await getNewsroom();
  return new Response(JSON.stringify(aliasMap(entities)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
}
