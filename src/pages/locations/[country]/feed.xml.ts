/** /locations/<country>/feed.xml: a country's latest 20 stories. */
import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { entityFeed, entityFeedPaths } from '../../../lib/site/entity-feed.ts';
import { getNewsroom } from '../../../lib/site/newsroom.ts';

export const getStaticPaths = (async () => entityFeedPaths(await getNewsroom(), 'countries', (entity) => ({ country: entity.slug }))) satisfies GetStaticPaths;

export const GET: APIRoute<InferGetStaticPropsType<typeof getStaticPaths>> = ({ props }) => entityFeed(props.entity);
