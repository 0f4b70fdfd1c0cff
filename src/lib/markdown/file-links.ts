/**
 * Links to another article's source file (`[earlier](2015-02-18-agile-workshop.md)`,
 * `../2014/other.md#reaction`), as writers link in an editor or on a code host, resolved to that
 * article's address the way Hugo's `ref` does: first the file at that path relative to the linking
 * article's file; when there is none, the one article file anywhere with that file name.
 */
import path from 'node:path';
import type { ArticleFields } from '../model/article.ts';
import { bodyReferences } from '../content/body-links.ts';
import { withBase } from '../model/urls.ts';

/** A relative link (no scheme, not from the root, not a bare fragment) whose path is a Markdown file. */
const FILE_LINK = /^(?![a-z][a-z0-9+.-]*:|[/#?])([^?#]*\.(?:md|markdown))(#.*)?$/i;

export function isFileLink(url: string): boolean {
  return FILE_LINK.test(url);
}

export interface ArticleFiles {
  byFile: Map<string, ArticleFields>;
  byName: Map<string, ArticleFields[]>;
}

/** The articles by absolute file path and by file name. */
export function articleFiles(articles: readonly { absolutePath: string; fields: ArticleFields }[]): ArticleFiles {
  const byFile = new Map<string, ArticleFields>();
  const byName = new Map<string, ArticleFields[]>();
  for (const { absolutePath, fields } of articles) {
    byFile.set(absolutePath, fields);
    const name = path.basename(absolutePath);
    byName.set(name, [...(byName.get(name) ?? []), fields]);
  }
  return { byFile, byName };
}

export type FileLinkResolution =
  | { article: ArticleFields; fragment: string }
  | { candidates: ArticleFields[] }
  | { missing: { relative: string; name: string } };

/** The article a file link of the article at `fromFile` (absolute) names, the candidates when several do, or what was looked for. */
export function resolveFileLink(url: string, fromFile: string, files: ArticleFiles): FileLinkResolution {
  const [, linked = '', fragment = ''] = FILE_LINK.exec(url) ?? [];
  let decoded = linked;
  try {
    decoded = decodeURIComponent(linked);
  } catch {
    // A stray % is part of the name as written.
  }
  const relative = path.resolve(path.dirname(fromFile), decoded);
  const atPath = files.byFile.get(relative);
  if (atPath) return { article: atPath, fragment };
  const name = path.basename(decoded);
  const named = files.byName.get(name) ?? [];
  if (named.length === 1) return { article: named[0]!, fragment };
  if (named.length > 1) return { candidates: named };
  return { missing: { relative, name } };
}

/**
 * The address (with the site base) of every file link in `body` that names one article, keyed
 * by the link as written: what the Markdown pipeline writes in place of each (`markdown.ts`).
 * Links that name no article or several are left as they are; the content check reports them.
 */
export function fileLinkTargets(body: string, fromFile: string, files: ArticleFiles, base: string): Record<string, string> {
  const targets: Record<string, string> = {};
  // Most bodies link no Markdown file; those are not parsed.
  if (!/\.(md|markdown)\b/i.test(body)) return targets;
  for (const ref of bodyReferences(body, 1)) {
    if (ref.kind !== 'link' || !isFileLink(ref.url) || ref.url in targets) continue;
    const resolved = resolveFileLink(ref.url, fromFile, files);
    if ('article' in resolved) targets[ref.url] = `${withBase(base, resolved.article.path)}${resolved.fragment}`;
  }
  return targets;
}
