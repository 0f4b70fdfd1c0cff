/**
 * Old addresses of articles (Hugo's `aliases`): paths on this site where a story used to be, kept
 * working by a redirect page at each and a line in `_redirects`. They come from an article's
 * `aliases` field and from the archive-wide `legacyPermalinks` patterns of the site settings.
 * Aliases are site paths without the base, like article paths: `/2014/03/19/slug/`, `/old/x.html`.
 */

/** Addresses served as a file of their own; any other alias is a folder (`<alias>/index.html`). */
const PAGE_FILE = /\.html?$/i;
/** A last segment that names a file of another kind, which a static page cannot stand in for. */
const OTHER_FILE = /\.[a-z][a-z0-9]{0,4}$/i;

/** Why `value` is not an old address on this site, or undefined when it is one. */
export function aliasProblem(value: string): string | undefined {
  const alias = value.trim();
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(alias)) return 'expected a path on this site such as /2014/03/19/slug/, not a full web address';
  if (!alias.startsWith('/')) return 'expected a path from the site root, starting with /, such as /2014/03/19/slug/';
  if (/[?#]/.test(alias)) return 'expected a path without ? or #: a static page cannot answer to a query or a fragment';
  if (/\s/.test(alias)) return 'expected a path without spaces (write them as %20)';
  let decoded: string;
  try {
    decoded = decodeURI(alias);
  } catch {
    return 'has a broken percent escape (% must be followed by two hexadecimal digits)';
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return 'expected a path without . or .. segments';
  if (normalizeAlias(alias) === '/') return 'expected the old address of this story, not the home page';
  if (!decoded.endsWith('/') && !PAGE_FILE.test(decoded) && OTHER_FILE.test(decoded)) {
    return 'expected an address ending in / or .html: a static site cannot answer at another kind of file with a redirect page';
  }
  return undefined;
}

/**
 * The one spelling of an alias that redirect pages and link checks use: percent escapes decoded
 * (file names are written decoded), repeated slashes collapsed, `index.html` dropped and a final
 * slash added to folder addresses. Only for values `aliasProblem` accepts.
 */
export function normalizeAlias(value: string): string {
  let alias = decodeURI(value.trim()).replace(/\/{2,}/g, '/');
  alias = alias.replace(/\/index\.html?$/i, '/');
  if (!PAGE_FILE.test(alias) && !alias.endsWith('/')) alias += '/';
  return alias;
}

/** Where the redirect page of an alias goes inside the built site: `2014/03/19/slug/index.html`, `old/x.html`. */
export function aliasFile(alias: string): string {
  return PAGE_FILE.test(alias) ? alias.slice(1) : `${alias.slice(1)}index.html`;
}

export const PERMALINK_TOKENS = ['year', 'month', 'day', 'slug'] as const;
type PermalinkValues = Record<(typeof PERMALINK_TOKENS)[number], string>;

/**
 * An article's old addresses under the site's old permalink patterns (`/:year/:month/:day/:slug/`):
 * `:year` four digits, `:month` and `:day` two, `:slug` the article's slug. An unknown token or an
 * invalid result is a mistake in the site settings, so it throws instead of dropping the pattern.
 */
export function expandPermalinks(patterns: readonly string[], values: PermalinkValues): string[] {
  return patterns.map((pattern) => {
    const expanded = pattern.replace(/:([a-z]+)/g, (token, name: string) => {
      if (!(PERMALINK_TOKENS as readonly string[]).includes(name)) {
        throw new Error(`legacyPermalinks in src/site.config.ts: unknown token ${token} in ${pattern}; use ${PERMALINK_TOKENS.map((t) => `:${t}`).join(' ')}.`);
      }
      return values[name as keyof PermalinkValues];
    });
    const problem = aliasProblem(expanded);
    if (problem) throw new Error(`legacyPermalinks in src/site.config.ts: ${pattern} gives ${expanded}, which ${problem}.`);
    return normalizeAlias(expanded);
  });
}

/** What the alias checks and the redirects need of an article. */
export interface AliasedArticle {
  file: string;
  path: string;
  /** Normalised `aliases` of the frontmatter, in its order. */
  aliases: readonly string[];
  /** Old addresses from the site's `legacyPermalinks`. */
  legacyAliases: readonly string[];
}

export interface AliasClaim<T extends AliasedArticle> {
  article: T;
  /** Index in the article's `aliases`, or undefined for an address made by a pattern. */
  index?: number;
}

/**
 * Which article each old address leads to. An address written in an article's `aliases` wins
 * over one a pattern made for another article (the writer said where it belongs); `conflicts`
 * are the addresses two articles claim at one level, for the content check to report.
 */
export function aliasOwners<T extends AliasedArticle>(
  articles: readonly T[],
): { owners: Map<string, AliasClaim<T>>; conflicts: { alias: string; claim: AliasClaim<T>; owner: AliasClaim<T> }[] } {
  const owners = new Map<string, AliasClaim<T>>();
  const conflicts: { alias: string; claim: AliasClaim<T>; owner: AliasClaim<T> }[] = [];
  const claim = (alias: string, claim: AliasClaim<T>) => {
    if (alias === claim.article.path) return;
    const owner = owners.get(alias);
    if (!owner) owners.set(alias, claim);
    else if (owner.article !== claim.article && (owner.index === undefined) === (claim.index === undefined)) {
      conflicts.push({ alias, claim, owner });
    }
  };
  for (const article of articles) article.aliases.forEach((alias, index) => claim(alias, { article, index }));
  for (const article of articles) article.legacyAliases.forEach((alias) => claim(alias, { article }));
  return { owners, conflicts };
}
