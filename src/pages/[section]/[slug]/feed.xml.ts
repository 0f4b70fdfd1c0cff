/** /organizations/<slug>/feed.xml, /people/…, /topics/…, /authors/…: an entity's latest 20 stories. */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { entityFeed, entityFeedPaths } from '../../../lib/site/entity-feed.ts';
import { LISTED_KINDS, sectionParam } from '../../../lib/entity-kinds.ts';
import { getNewsroom } from '../../../lib/site/newsroom.ts';

export const getStaticPaths = (async () => {
  const newsroom = await getNewsroom();
  return LISTED_KINDS.flatMap((kind) => entityFeedPaths(newsroom, kind, (entity) => ({ section: sectionParam(kind), slug: entity.slug })));
}) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) => entityFeed(props.entity);
