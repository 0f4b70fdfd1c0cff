import { describe, expect, it } from 'vitest';
import { outputFileOf, planRender, type BuildManifest, type SitePath } from '../../src/lib/build/render-plan.ts';

const ARTICLE = 'src/pages/[year]/[month]/[slug].astro';
const HOME = 'src/pages/index.astro';
const FEED = 'src/pages/[section]/[slug]/feed.xml.ts';

const path = (pathname: string, component = ARTICLE, cacheKey: string | undefined = `key:${pathname}`, type = 'page'): SitePath => ({
  pathname,
  component,
  type,
  cacheKey,
});

function manifest(routes: Record<string, Record<string, string>>, hashes: Record<string, string> = {}): BuildManifest {
  return {
    version: 1,
    configHash: 'config',
    lockfileHash: 'lock',
    routes: Object.fromEntries(
      Object.entries(routes).map(([component, paths]) => [
        component,
        {
          dependencyHash: hashes[component] ?? 'template',
          paths: Object.fromEntries(
            Object.entries(paths).map(([pathname, cacheKey]) => [pathname, { cacheKey, outputFile: outputFileOf({ pathname, type: 'page' }) }]),
          ),
        },
      ]),
    ),
  };
}

const sameTemplates = () => 'template';
const names = (paths: readonly SitePath[]) => paths.map(({ pathname }) => pathname);

describe('planRender', () => {
  const previous = manifest({ [ARTICLE]: { '/2025/08/a': 'key:/2025/08/a', '/2025/08/b': 'key:/2025/08/b' } });

  it('keeps a page whose key and template are unchanged', () => {
    const plan = planRender([path('/2025/08/a'), path('/2025/08/b')], previous, sameTemplates);
    expect(names(plan.render)).toEqual([]);
    expect(plan.keep.map(({ path }) => path.pathname)).toEqual(['/2025/08/a', '/2025/08/b']);
    expect(plan.remove).toEqual([]);
  });

  it('renders a page whose key changed', () => {
    const plan = planRender([path('/2025/08/a', ARTICLE, 'edited'), path('/2025/08/b')], previous, sameTemplates);
    expect(names(plan.render)).toEqual(['/2025/08/a']);
    expect(plan.keep.map(({ path }) => path.pathname)).toEqual(['/2025/08/b']);
  });

  it('renders every page of a route whose template changed', () => {
    const plan = planRender([path('/2025/08/a'), path('/2025/08/b')], previous, () => 'new template');
    expect(names(plan.render)).toEqual(['/2025/08/a', '/2025/08/b']);
  });

  it('renders a new page and removes one the site no longer has', () => {
    const plan = planRender([path('/2025/08/a'), path('/2025/08/c')], previous, sameTemplates);
    expect(names(plan.render)).toEqual(['/2025/08/c']);
    expect(plan.remove).toEqual([{ component: ARTICLE, pathname: '/2025/08/b', record: { cacheKey: 'key:/2025/08/b', outputFile: '2025/08/b/index.html' } }]);
  });

  it('always renders a page without a key', () => {
    const plan = planRender([path('/', HOME, undefined)], manifest({}), sameTemplates);
    expect(names(plan.render)).toEqual(['/']);
  });

  it('renders a page that rendered a content entry itself, whose key does not cover it', () => {
    const withEntry = manifest({ [ARTICLE]: { '/2025/08/a': 'key:/2025/08/a' } });
    withEntry.routes[ARTICLE]!.paths['/2025/08/a']!.contentHashes = { 'content/a.md': 'h' };
    expect(names(planRender([path('/2025/08/a')], withEntry, sameTemplates).render)).toEqual(['/2025/08/a']);
  });

  it('gives an address two routes share to the first, as Astro does', () => {
    const plan = planRender([path('/about'), path('/about/', HOME)], manifest({}), sameTemplates);
    expect(plan.render.map(({ component }) => component)).toEqual([ARTICLE]);
  });

  it('matches a page to its route: the same path under another route is another page', () => {
    const plan = planRender([path('/2025/08/a', FEED, 'key:/2025/08/a', 'endpoint')], previous, sameTemplates);
    expect(names(plan.render)).toEqual(['/2025/08/a']);
    expect(plan.remove.map(({ pathname }) => pathname)).toEqual(['/2025/08/a', '/2025/08/b']);
  });
});

describe('outputFileOf', () => {
  it('names the files Astro writes with directory format', () => {
    expect(outputFileOf({ pathname: '/', type: 'page' })).toBe('index.html');
    expect(outputFileOf({ pathname: '/2025/08/a', type: 'page' })).toBe('2025/08/a/index.html');
    expect(outputFileOf({ pathname: '/2025/08/a/', type: 'page' })).toBe('2025/08/a/index.html');
    expect(outputFileOf({ pathname: '/404', type: 'page' })).toBe('404.html');
    expect(outputFileOf({ pathname: '/topics/water/feed.xml', type: 'endpoint' })).toBe('topics/water/feed.xml');
    expect(outputFileOf({ pathname: '/people/алия', type: 'page' })).toBe('people/%D0%B0%D0%BB%D0%B8%D1%8F/index.html');
  });
});
