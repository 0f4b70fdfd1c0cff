/**
 * What `npm run build` shows of Astro's output: everything but the line Astro prints for every
 * page it writes and every photo size it makes (hundreds on a small site), which a person
 * reading a CI log does not need (the build prints their counts);
 * `--verbose` shows them too. Warnings and errors are never route lines, so they always show.
 */

/** Astro's colours, which it adds when the output is a terminal. */
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Whether `line` is Astro's line for one written page, `09:41:03   ├─ /2025/07/x/index.html (+3ms)`,
 * and if so whether the page was rendered or copied from the previous build ("(cached)" when it
 * was left in the output folder, "(restored)" when copied from the cache).
 */
export function routeLine(line: string): 'rendered' | 'copied' | undefined {
  const text = line.replace(ANSI, '');
  if (!/^(\d\d:\d\d:\d\d )?\s+[├└]─ \//.test(text)) return undefined;
  return /\((cached|restored)\)\s*$/.test(text) ? 'copied' : 'rendered';
}

/**
 * Whether `line` is Astro's line for one processed photo size,
 * `09:41:49   ▶ /_astro/osh.CDu66ZfF_1cMxy5.jpg (before: 3328kB, after: 43kB) (+145ms) (75/78)`,
 * and if so whether it was made now or taken from the cache ("(reused cache entry)").
 */
export function imageLine(line: string): 'made' | 'reused' | undefined {
  const text = line.replace(ANSI, '');
  if (!/^(\d\d:\d\d:\d\d )?\s+▶ \//.test(text)) return undefined;
  return /\((reused|revalidated) cache entry\)/.test(text) ? 'reused' : 'made';
}

/** Counts the route and photo lines it is shown and says which lines to print. */
export class BuildLogFilter {
  readonly pages = { rendered: 0, copied: 0 };
  readonly images = { made: 0, reused: 0 };
  private readonly verbose: boolean;

  constructor(verbose: boolean) {
    this.verbose = verbose;
  }

  /** Whether to print `line`. */
  keep(line: string): boolean {
    const route = routeLine(line);
    if (route) this.pages[route]++;
    const image = route ? undefined : imageLine(line);
    if (image) this.images[image]++;
    return this.verbose || (!route && !image);
  }
}
