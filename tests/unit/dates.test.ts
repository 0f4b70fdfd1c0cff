import { describe, expect, it } from 'vitest';
import { calendarParts, formatArticleDate, formatListDate, formatMonth, isoInZone, parseContentDate, zoneName } from '../../src/lib/model/dates.ts';

const ALMATY = 'Asia/Almaty'; // UTC+5
const TASHKENT = 'Asia/Tashkent';

describe('parseContentDate', () => {
  it('reads a date-time without an offset in the site time zone', () => {
    expect(parseContentDate('2025-07-31T09:30', ALMATY).toISOString()).toBe('2025-07-31T04:30:00.000Z');
  });

  it('reads a bare date as midnight in the site time zone', () => {
    expect(parseContentDate('2025-07-31', ALMATY).toISOString()).toBe('2025-07-30T19:00:00.000Z');
  });

  it('honours an explicit offset', () => {
    expect(parseContentDate('2025-07-31T09:30:00+03:00', ALMATY).toISOString()).toBe('2025-07-31T06:30:00.000Z');
    expect(parseContentDate('2025-07-31T09:30:00Z', ALMATY).toISOString()).toBe('2025-07-31T09:30:00.000Z');
  });

  it('accepts a space between date and time', () => {
    expect(parseContentDate('2025-07-31 09:30', ALMATY).toISOString()).toBe('2025-07-31T04:30:00.000Z');
  });
});

describe('formatListDate', () => {
  it('writes day, short month and year, on the day of the site time zone', () => {
    const lateEveningUtc = new Date('2025-07-31T20:00:00Z');
    expect(formatListDate(lateEveningUtc, ALMATY)).toBe('1 Aug 2025');
    expect(formatListDate(lateEveningUtc, 'UTC')).toBe('31 Jul 2025');
    expect(formatListDate(new Date('2025-11-19T04:30:00Z'), ALMATY)).toBe('19 Nov 2025');
  });

  it('follows summer time in a zone that has it, and not in one that does not', () => {
    // London is on GMT until 30 March 2025 and an hour ahead after it; Reykjavik keeps GMT all year.
    expect(formatListDate(new Date('2025-03-29T23:30:00Z'), 'Europe/London')).toBe('29 Mar 2025');
    expect(formatListDate(new Date('2025-06-29T23:30:00Z'), 'Europe/London')).toBe('30 Jun 2025');
    expect(formatListDate(new Date('2025-06-29T23:30:00Z'), 'Atlantic/Reykjavik')).toBe('29 Jun 2025');
  });
});

describe('formatArticleDate', () => {
  it('writes the day in full, the time and the zone it is in', () => {
    const filed = parseContentDate('2025-11-19T09:30', ALMATY);
    expect(formatArticleDate(filed, ALMATY)).toBe('19 November 2025, 09:30 Almaty time');
    expect(formatArticleDate(filed, 'Asia/Kolkata')).toBe('19 November 2025, 10:00 Kolkata time');
    expect(formatArticleDate(filed, 'UTC')).toBe('19 November 2025, 04:30 UTC');
  });

  it('moves with summer time in a zone that has it, and stays put in one without', () => {
    const winter = new Date('2025-01-15T12:00:00Z');
    const summer = new Date('2025-07-15T12:00:00Z');
    expect(formatArticleDate(winter, 'America/New_York')).toBe('15 January 2025, 07:00 New York time');
    expect(formatArticleDate(summer, 'America/New_York')).toBe('15 July 2025, 08:00 New York time');
    expect(formatArticleDate(winter, ALMATY)).toBe('15 January 2025, 17:00 Almaty time');
    expect(formatArticleDate(summer, ALMATY)).toBe('15 July 2025, 17:00 Almaty time');
  });

  it('shows the day alone for a story given a date without a time', () => {
    expect(formatArticleDate(parseContentDate('2025-07-31', ALMATY), ALMATY)).toBe('31 July 2025');
  });

  it('dates a story by the calendar of the site time zone, not the machine’s', () => {
    expect(formatArticleDate(new Date('2025-07-31T20:00:00Z'), ALMATY)).toBe('1 August 2025, 01:00 Almaty time');
  });
});

describe('zoneName', () => {
  it('names a zone by its city, and UTC as UTC', () => {
    expect(zoneName('Asia/Almaty')).toBe('Almaty time');
    expect(zoneName('America/Argentina/Buenos_Aires')).toBe('Buenos Aires time');
    expect(zoneName('UTC')).toBe('UTC');
    expect(zoneName('Etc/UTC')).toBe('UTC');
  });
});

describe('calendarParts', () => {
  it('puts a story filed just after midnight local time in the new month', () => {
    const date = parseContentDate('2025-08-01T00:30', TASHKENT);
    expect(date.toISOString()).toBe('2025-07-31T19:30:00.000Z');
    expect(calendarParts(date, TASHKENT)).toEqual({ year: 2025, month: 8, day: 1 });
  });
});

describe('isoInZone', () => {
  it('writes the local time with its offset', () => {
    expect(isoInZone(new Date('2025-07-31T04:30:00Z'), ALMATY)).toBe('2025-07-31T09:30:00+05:00');
  });
});

describe('formatMonth', () => {
  it('names the month', () => {
    expect(formatMonth(2025, 11)).toBe('November 2025');
  });
});
