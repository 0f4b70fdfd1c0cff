import { describe, expect, it } from 'vitest';
import { BuildLogFilter, imageLine, routeLine } from '../../src/lib/build/build-log.ts';

describe('routeLine', () => {
  it('recognizes Astro’s line per written page, rendered or copied, in colour or not', () => {
    expect(routeLine('08:23:17   ├─ /feed.xml (+29ms) ')).toBe('rendered');
    expect(routeLine('08:23:17   └─ /2025/07/x/index.html (+3ms)')).toBe('rendered');
    expect(routeLine('\x1b[2m08:23:17\x1b[22m   \x1b[34m├─\x1b[39m /2025/07/x/index.html \x1b[32m(restored)\x1b[39m')).toBe('copied');
    expect(routeLine('08:23:17   ├─ /index.html (cached)')).toBe('copied');
  });

  it('leaves every other line alone', () => {
    expect(routeLine('08:23:16 [WARN] [newsroom-articles] Content has 1 warning:')).toBeUndefined();
    expect(routeLine('  content/articles/x.md:4:1  warning  date: dated ahead')).toBeUndefined();
    expect(routeLine(' generating static routes ')).toBeUndefined();
    expect(routeLine('08:23:18 ✓ Completed in 1.20s.')).toBeUndefined();
  });
});

describe('imageLine', () => {
  it('recognizes Astro’s line per photo size, made now or reused from the cache', () => {
    expect(imageLine('09:41:49   ▶ /_astro/osh.CDu66ZfF_1cMxy5.jpg (before: 3328kB, after: 43kB) (+145ms) (75/78)')).toBe('made');
    expect(imageLine('\x1b[2m09:41:49\x1b[22m   ▶ /_astro/osh.CDu66ZfF_1cMxy5.avif (reused cache entry) (+2ms) (3/78)')).toBe('reused');
    expect(imageLine(' generating optimized images ')).toBeUndefined();
    expect(imageLine('08:23:17   ├─ /a/index.html (+2ms)')).toBeUndefined();
  });
});

describe('BuildLogFilter', () => {
  it('hides photo lines unless verbose, and counts them', () => {
    const lines = ['09:41:49   ▶ /_astro/a.jpg (before: 3328kB, after: 43kB) (+145ms) (1/2)', '09:41:49   ▶ /_astro/b.avif (reused cache entry) (+1ms) (2/2)'];
    const quiet = new BuildLogFilter(false);
    expect(lines.filter((line) => quiet.keep(line))).toEqual([]);
    expect(quiet.images).toEqual({ made: 1, reused: 1 });
    expect(lines.filter((line) => new BuildLogFilter(true).keep(line))).toEqual(lines);
  });

  it('hides route lines unless verbose, and counts them either way', () => {
    const lines = ['08:23:17   ├─ /a/index.html (+2ms)', '08:23:17   ├─ /b/index.html (cached)', '08:23:18 [ERROR] broken'];
    const quiet = new BuildLogFilter(false);
    expect(lines.filter((line) => quiet.keep(line))).toEqual(['08:23:18 [ERROR] broken']);
    expect(quiet.pages).toEqual({ rendered: 1, copied: 1 });
    const verbose = new BuildLogFilter(true);
    expect(lines.filter((line) => verbose.keep(line))).toEqual(lines);
  });
});
