import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTime, parseInstant } from '../../src/lib/build/clock.ts';

afterEach(() => vi.unstubAllEnvs());

describe('buildTime', () => {
  it('is the instant NEWSROOM_NOW gives, on every call', () => {
    vi.stubEnv('NEWSROOM_NOW', '2025-08-05T17:00:00+05:00');
    expect(buildTime().toISOString()).toBe('2025-08-05T12:00:00.000Z');
    expect(buildTime().getTime()).toBe(Date.parse('2025-08-05T12:00:00Z'));
  });

  it('is the real time without it', () => {
    vi.stubEnv('NEWSROOM_NOW', '');
    const before = Date.now();
    const now = buildTime().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a clock it cannot read', () => {
    vi.stubEnv('NEWSROOM_NOW', 'tomorrow');
    expect(() => buildTime()).toThrow('NEWSROOM_NOW: expected an instant in ISO 8601 with its offset, such as 2025-08-05T12:00:00Z; found "tomorrow".');
  });
});

describe('parseInstant', () => {
  it('reads ISO 8601 instants with an offset', () => {
    expect(parseInstant('2025-08-05T12:00Z', '--now').toISOString()).toBe('2025-08-05T12:00:00.000Z');
    expect(parseInstant('2025-08-05T12:00:00.250-03:00', '--now').toISOString()).toBe('2025-08-05T15:00:00.250Z');
  });

  it('refuses a time without an offset, which each machine would read in its own time zone, and impossible dates', () => {
    for (const text of ['2025-08-05T12:00', '2025-08-05', '2025-13-05T12:00Z', '05/08/2025 12:00Z']) {
      expect(() => parseInstant(text, '--now'), text).toThrow(/^--now: expected an instant/);
    }
  });
});
