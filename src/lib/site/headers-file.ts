/**
 * Reads a `_headers` file (the format of Cloudflare Pages and Netlify) and answers which headers
 * a path gets, so local servers and tests apply the same headers a CDN would, and pages carry
 * the same Content-Security-Policy in a `<meta>` element for hosts that ignore the file.
 */
import { createHash } from 'node:crypto';

export interface HeaderRule {
  pattern: string;
  set: [string, string][];
  /** Headers removed from broader rules (`! Name`). */
  detach: string[];
}

export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), set: [], detach: [] });
    } else if (rules.length) {
      const entry = line.trim();
      if (entry.startsWith('!')) rules.at(-1)!.detach.push(entry.slice(1).trim().toLowerCase());
      else {
        const colon = entry.indexOf(':');
        rules.at(-1)!.set.push([entry.slice(0, colon).trim(), entry.slice(colon + 1).trim()]);
      }
    }
  }
  return rules;
}

/** Headers for a request path: every matching rule in order, `*` matching any characters. */
export function headersFor(rules: readonly HeaderRule[], path: string): Record<string, string> {
  const headers = new Map<string, [string, string]>();
  for (const rule of rules) {
    const pattern = new RegExp(
      `^${rule.pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    if (!pattern.test(path)) continue;
    for (const name of rule.detach) headers.delete(name);
    for (const [name, value] of rule.set) {
      const existing = headers.get(name.toLowerCase());
      headers.set(name.toLowerCase(), [name, existing ? `${existing[1]}, ${value}` : value]);
    }
  }
  return Object.fromEntries([...headers.values()]);
}

/**
 * Directives a policy in `<meta http-equiv="Content-Security-Policy">` cannot carry (browsers
 * ignore them there): they take effect only as a response header.
 */
const HEADER_ONLY_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

/**
 * The Content-Security-Policy a path gets, as the contents of `<meta http-equiv>` elements: one
 * per policy (a header joins several with commas, which a meta element cannot), without the
 * header-only directives.
 */
export function metaContentSecurityPolicies(rules: readonly HeaderRule[], path: string): string[] {
  const header = Object.entries(headersFor(rules, path)).find(([name]) => name.toLowerCase() === 'content-security-policy')?.[1];
  if (!header) return [];
  return header
    .split(',')
    .map((policy) =>
      policy
        .split(';')
        .map((directive) => directive.trim())
        .filter((directive) => directive && !HEADER_ONLY_DIRECTIVES.has(directive.split(/\s+/)[0]!.toLowerCase()))
        .join('; '),
    )
    .filter(Boolean);
}

/** The CSP source that allows one inline `<style>` element with exactly this text. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * A policy (a header's value or a `<meta>` element's contents) that also allows `sources` for
 * styles: added to its `style-src`, or, when it has none, to a `style-src` that starts as a copy
 * of its `default-src` (which governed styles until then). A policy with neither does not limit
 * styles, one whose styles are 'none' forbids them all and one with 'unsafe-inline' allows every
 * inline style: those are returned as they are. A source already there is not repeated.
 */
export function withStyleSources(policy: string, sources: readonly string[]): string {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean);
  const name = (directive: string) => directive.split(/\s+/)[0]!.toLowerCase();
  let index = directives.findIndex((directive) => name(directive) === 'style-src');
  if (index < 0) {
    const fallback = directives.find((directive) => name(directive) === 'default-src');
    if (!fallback) return policy;
    directives.push(`style-src${fallback.slice('default-src'.length)}`);
    index = directives.length - 1;
  }
  const present = new Set(directives[index]!.split(/\s+/).slice(1));
  // 'none' stands alone: with other sources beside it, browsers would ignore it. 'unsafe-inline'
  // already allows every inline style, and browsers ignore it too once a hash is beside it.
  if (present.has("'none'") || present.has("'unsafe-inline'")) return policy;
  directives[index] = [directives[index], ...sources.filter((source) => !present.has(source))].join(' ');
  return directives.join('; ');
}

/** A `_headers` file whose every Content-Security-Policy also allows `sources` for styles (`withStyleSources`). */
export function headersFileWithStyleSources(text: string, sources: readonly string[]): string {
  return text
    .split('\n')
    .map((line) => {
      const match = /^(\s+content-security-policy\s*:\s*)(.*?)(\s*)$/i.exec(line);
      if (!match) return line;
      // A header may carry several policies, separated by commas; each must allow the styles.
      const policies = match[2]!.split(',').map((policy) => withStyleSources(policy.trim(), sources));
      return `${match[1]}${policies.join(', ')}${match[3]}`;
    })
    .join('\n');
}
