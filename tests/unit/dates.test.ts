import { describe, expect, it } from 'vitest';
import { calendarParts, formatLongDate, formatMonth, isoInZone, parseContentDate } from '../../src/lib/dates.ts';

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

describe('formatLongDate', () => {
  it('shows the weekday and date in the site time zone, not the machine’s', () => {
    const lateEveningUtc = new Date('2025-07-31T20:00:00Z');
    expect(formatLongDate(lateEveningUtc, ALMATY)).toBe('Friday, Aug 1, 2025');
    expect(formatLongDate(lateEveningUtc, 'UTC')).toBe('Thursday, Jul 31, 2025');
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
