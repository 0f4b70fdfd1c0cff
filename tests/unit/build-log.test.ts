import { describe, expect, it } from 'vitest';
import { BuildLogFilter, routeLine } from '../../src/lib/build-log.ts';

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

describe('BuildLogFilter', () => {
  it('hides route lines unless verbose, and counts them either way', () => {
    const lines = ['08:23:17   ├─ /a/index.html (+2ms)', '08:23:17   ├─ /b/index.html (cached)', '08:23:18 [ERROR] broken'];
    const quiet = new BuildLogFilter(false);
    expect(lines.filter((line) => quiet.keep(line))).toEqual(['08:23:18 [ERROR] broken']);
    expect(quiet.pages).toEqual({ rendered: 1, copied: 1 });
    const verbose = new BuildLogFilter(true);
    expect(lines.filter((line) => verbose.keep(line))).toEqual(lines);
  });
});
