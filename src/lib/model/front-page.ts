/**
 * What the home page shows, chosen as an editor would lay out a front:
 *
 * - the lead: the newest story an editor pinned (`featured: true`) within the last
 *   `featuredDays` of its date, else the newest story. A pin older than that lapses, so a
 *   forgotten one does not stay on top for ever;
 * - the secondary stories: the other live pins (newest first), then the newest stories;
 * - the sections (desks) of the site's settings, each with its newest stories not shown above
 *   (a section with none left is left out);
 * - the river: the newest stories shown nowhere above;
 * - "In the news": the organizations, people and places named most in the `inTheNewsDays` up to
 *   `now` (the build's clock, not the newest story), empty when no story falls in them.
 *
 * `now` makes the page depend on time: `up-to-date.ts` adds the instants at which a pin lapses or
 * a story leaves the "In the news" window to the build's next timed change.
 */
import type { FrontPageSettings, FrontSection } from '../../site.config.ts';
import type { EntityKind } from '../entity-kinds.ts';
import { entityKeys, type Entity, type IndexedArticle, type Newsroom } from './indexes.ts';
import { toSlug } from './slug.ts';

const DAY_MS = 86_400_000;
export const SECONDARY_STORIES = 3;
export const SECTION_STORIES = 4;
export const RIVER_STORIES = 10;
const IN_THE_NEWS_LIMIT = 10;
/** The kinds "In the news" names: who and where, not topics, countries or bylines. */
const IN_THE_NEWS_KINDS: readonly EntityKind[] = ['organizations', 'people', 'places'];

interface FrontPage<T extends IndexedArticle> {
  lead?: T;
  secondary: T[];
  sections: { title: string; entity: Entity<T>; articles: T[] }[];
  river: T[];
  inTheNews: Entity<T>[];
}

/** Whether a story's pin still holds at `now`: pinned, and not older than `featuredDays`. */
function isPinned(article: Pick<IndexedArticle['data'], 'featured' | 'date'>, featuredDays: number, now: Date): boolean {
  return article.featured && now.getTime() < article.date.getTime() + featuredDays * DAY_MS;
}

/**
 * The instants after which a published story changes the home page with no edit: it leaves the
 * "In the news" window, and its pin lapses. `up-to-date.ts` rebuilds the site then.
 */
export function frontPageChanges(article: { date: Date; featured?: boolean }, settings: Pick<FrontPageSettings, 'featuredDays' | 'inTheNewsDays'>): number[] {
  const time = article.date.getTime();
  return [time + settings.inTheNewsDays * DAY_MS, ...(article.featured ? [time + settings.featuredDays * DAY_MS] : [])];
}

export function frontPage<T extends IndexedArticle>(newsroom: Newsroom<T>, settings: FrontPageSettings, now: Date): FrontPage<T> {
  const { articles } = newsroom;
  const shown = new Set<T>();
  const take = (candidates: Iterable<T>, limit: number) => {
    const taken: T[] = [];
    for (const article of candidates) {
      if (taken.length === limit) break;
      if (shown.has(article)) continue;
      shown.add(article);
      taken.push(article);
    }
    return taken;
  };

  const pinned = articles.filter((article) => isPinned(article.data, settings.featuredDays, now));
  const [lead] = take([...pinned, ...articles], 1);
  const secondary = take([...pinned, ...articles], SECONDARY_STORIES);
  const sections = settings.sections.flatMap((section) => {
    const entity = sectionEntity(newsroom, section);
    const stories = entity ? take(entity.articles, SECTION_STORIES) : [];
    return entity && stories.length ? [{ title: section.title, entity, articles: stories }] : [];
  });
  const river = take(articles, RIVER_STORIES);
  return { lead, secondary, sections, river, inTheNews: inTheNews(newsroom, settings.inTheNewsDays, now) };
}

/** The topic or country a section shows, found by its slug or by a name or alias in any letter case. */
function sectionEntity<T extends IndexedArticle>(newsroom: Newsroom<T>, section: FrontSection): Entity<T> | undefined {
  const [kind, name] = section.topic !== undefined ? (['topics', section.topic] as const) : (['countries', section.country] as const);
  const entities = newsroom.entities[kind];
  const wanted = name.trim().toLowerCase();
  return (
    entities.get(toSlug(name)) ??
    [...entities.values()].find((entity) => entity.name.toLowerCase() === wanted || entity.record?.aliases.some((alias) => alias.toLowerCase() === wanted))
  );
}

/**
 * The entities named most in the `days` up to `now`, most named first; a tie goes to the one
 * named most recently, then to the name. Stories dated after `now` (previews) do not count.
 */
function inTheNews<T extends IndexedArticle>(newsroom: Newsroom<T>, days: number, now: Date): Entity<T>[] {
  const since = now.getTime() - days * DAY_MS;
  const tally = new Map<Entity<T>, { count: number; latest: number }>();
  for (const article of newsroom.articles) {
    const time = article.data.date.getTime();
    if (time > now.getTime()) continue;
    // Exclusive, so the story is out at the very instant `frontPageChanges` gives.
    if (time <= since) break;
    for (const { kind, key } of entityKeys(article.data)) {
      if (!IN_THE_NEWS_KINDS.includes(kind)) continue;
      const entity = newsroom.entities[kind].get(key)!;
      const seen = tally.get(entity) ?? { count: 0, latest: time };
      tally.set(entity, { count: seen.count + 1, latest: seen.latest });
    }
  }
  return [...tally]
    .sort(([a, x], [b, y]) => y.count - x.count || y.latest - x.latest || a.name.localeCompare(b.name))
    .slice(0, IN_THE_NEWS_LIMIT)
    .map(([entity]) => entity);
}
