/**
 * Dates in the newsroom's time zone: reading frontmatter dates and showing dates to readers.
 * Every date a reader sees goes through here, so a story filed at 01:00 in Almaty is dated the
 * day it was filed there, whatever the zone of the machine that builds the site.
 */
import { tz } from '@date-fns/tz';
// One module each, rather than the date-fns index, which loads every function it has.
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

/** Reads an ISO 8601 date or date-time; one without an offset is taken to be in `timeZone`. */
export function parseContentDate(value: string, timeZone: string): Date {
  return new Date(parseISO(value.replace(' ', 'T'), { in: tz(timeZone) }).getTime());
}

/**
 * A formatter of dates in a zone that remembers what it wrote: one story's date is shown on a
 * dozen pages (lists, entity pages, related stories), and formatting in a zone is not cheap.
 */
function inZone(pattern: string): (date: Date, timeZone: string) => string {
  const written = new Map<string, string>();
  return (date, timeZone) => {
    const key = `${date.getTime()} ${timeZone}`;
    let text = written.get(key);
    if (text === undefined) written.set(key, (text = format(date, pattern, { in: tz(timeZone) })));
    return text;
  };
}

/*
 * The house style: two formats, and every date a reader sees is one of them (feeds keep RFC 822).
 *  - In lists (teasers, archives, entity pages, search results): day, short month, year,
 *    "19 Nov 2025"; a list shows when, the story says at what time.
 *  - On the article (its date, "Updated", "Scheduled"): day, month in full, year, the time and
 *    the zone it is in, "19 November 2025, 09:30 Almaty time". A story dated at midnight was
 *    given a day without a time (a bare date reads as midnight), so it shows the day alone.
 * Day first, as international news agencies write for readers in many countries; no weekday,
 * which adds length and no meaning once the day is there.
 */

/** "31 Jul 2025": a date in a list. */
export const formatListDate = inZone('d MMM yyyy');

const articleDay = inZone('d MMMM yyyy');
const articleTime = inZone('HH:mm');

/** "31 July 2025, 09:30 Almaty time": a date on the article page; the day alone at midnight. */
export function formatArticleDate(date: Date, timeZone: string): string {
  const day = articleDay(date, timeZone);
  const time = articleTime(date, timeZone);
  return time === '00:00' ? day : `${day}, ${time} ${zoneName(timeZone)}`;
}

/** How a reader names a zone: "Asia/Almaty" is "Almaty time", "America/New_York" "New York time"; UTC stays UTC. */
export function zoneName(timeZone: string): string {
  if (/^(Etc\/)?(UTC|GMT|Zulu|Universal)$/i.test(timeZone)) return 'UTC';
  return `${timeZone.slice(timeZone.lastIndexOf('/') + 1).replaceAll('_', ' ')} time`;
}

/** "July 2025", for archive headings. */
export function formatMonth(year: number, month: number): string {
  return format(new Date(Date.UTC(year, month - 1, 15)), 'MMMM yyyy', { in: tz('UTC') });
}

/** The date-time with its offset in `timeZone`, for `<time datetime>`: 2025-07-31T09:30:00+05:00. */
export const isoInZone = inZone("yyyy-MM-dd'T'HH:mm:ssxxx");

/** Year, month (1-12) and day of `date` as the newsroom's calendar shows it. */
export function calendarParts(date: Date, timeZone: string): { year: number; month: number; day: number } {
  const [year, month, day] = format(date, 'yyyy-MM-dd', { in: tz(timeZone) })
    .split('-')
    .map(Number);
  return { year: year!, month: month!, day: day! };
}

/** The minute of `date` in `timeZone`, as a writer types it in frontmatter: 2025-07-31T09:30. */
export function localDateTime(date: Date, timeZone: string): string {
  return format(date, "yyyy-MM-dd'T'HH:mm", { in: tz(timeZone) });
}
