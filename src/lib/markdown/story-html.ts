/**
 * The HTML of a story body, made safe and valid: a rehype plugin for the Markdown pipeline
 * (`markdown.ts`) and, sharing its code, the content check's list of what it drops.
 *
 * Astro's processor parses raw HTML only at its very end (rehype-raw, after every plugin), so the
 * plugin parses it first, as a browser would (hast-util-raw: parse5, which also mends stray end
 * tags and broken nesting); then it rebuilds allowed embeds, applies the policy
 * (`sanitize-policy.ts`) with hast-util-sanitize, and repairs what the HTML parser accepts but
 * the HTML standard does not (a `<p>` inside a `<span>`, a `<li>` outside a list, a heading id
 * that starts with a digit…), so that the published page passes html-validate.
 */
import { slug } from 'github-slugger';
import type { Element, ElementContent, Parents, Properties, Root, RootContent } from 'hast';
import { raw } from 'hast-util-raw';
import { sanitize } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import {
  ALLOWED_EMBEDS_TEXT,
  allowedEmbed,
  CLOBBER_PREFIX,
  EMBED_HEIGHT,
  PAGE_IDS,
  PRESENTATIONAL_ATTRIBUTES,
  storySchema,
  URL_PROPERTIES,
} from './sanitize-policy.ts';

/** The file being processed, as unified gives it to a plugin (positions of raw HTML come from it). */
type SourceFile = NonNullable<Parameters<typeof raw>[1]>['file'];

/**
 * remark-rehype's options for story bodies: footnote ids without a prefix of their own, since the
 * sanitizer prefixes every id (`user-content-fn-1`, as GitHub writes them).
 */
export const remarkRehypeOptions = { clobberPrefix: '' };

/** The rehype plugin: parses, sanitizes and repairs a body's tree. */
export function rehypeStoryHtml() {
  return (tree: Root, file: SourceFile): Root => {
    const written = parseWritten(tree, file);
    const safe = sanitize(written, storySchema) as Root;
    repair(safe);
    return safe;
  };
}

/** Something the policy removes from a body, where the writer wrote it (lines of the parsed text). */
export interface HtmlFinding {
  /** Same key, same kind of removal: the check reports each kind once per story. */
  key: string;
  line: number;
  column: number;
  /** What was removed, when findings of one key differ in it (the attribute's name). */
  name?: string;
  /** Says `{where}` where the lines go ("on line 12", "on lines 12 and 40"), `{names}` for the names. */
  message: string;
  hint: string;
}

/**
 * What the policy removes from a tree as remark-rehype makes it (raw HTML unparsed): the same
 * parsing and preparation as the plugin, then the schema's verdict on each element and attribute.
 */
export function htmlFindings(tree: Root, file: SourceFile): HtmlFinding[] {
  const findings: HtmlFinding[] = [];
  const report = (finding: HtmlFinding) => findings.push(finding);
  const written = parseWritten(tree, file, report);
  collectFindings(written, report);
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

// ---------------------------------------------------------------------------------------------
// Parsing and preparation: what runs before the sanitizer.

type Report = (finding: HtmlFinding) => void;

function parseWritten(tree: Root, file: SourceFile, report?: Report): Root {
  // Most bodies are plain Markdown: parsing their tree again as HTML would only cost time.
  const parsed = hasRaw(tree) ? (raw(tree, { file }) as Root) : tree;
  prepare(parsed, false, report);
  return parsed;
}

function hasRaw(parent: Parents): boolean {
  return parent.children.some((child) => child.type === 'raw' || (child.type === 'element' && hasRaw(child)));
}

const where = (node: { position?: { start: { line: number; column: number } } }) => ({
  line: node.position?.start.line ?? 1,
  column: node.position?.start.column ?? 1,
});

/** Rebuilds embeds, turns table-cell alignment into classes, keeps only task-list checkboxes. */
function prepare(parent: Parents, inTaskItem: boolean, report?: Report): void {
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i]!;
    if (node.type !== 'element') continue;
    const props = node.properties;
    if (node.tagName === 'iframe') {
      const replacement = embed(node, report);
      parent.children.splice(i, 1, ...replacement);
      i += replacement.length - 1;
      continue;
    }
    if (node.tagName === 'input') {
      const taskBox = inTaskItem && props.type === 'checkbox' && props.disabled !== undefined;
      if (!taskBox) {
        report?.({
          key: 'element:input',
          ...where(node),
          message: 'The <input> element {where} is removed when the story is published.',
          hint: 'Stories hold no form fields; link to the form instead.',
        });
        parent.children.splice(i--, 1);
      }
      continue;
    }
    if (node.tagName === 'strike') node.tagName = 's';
    if ((node.tagName === 'td' || node.tagName === 'th') && typeof props.align === 'string') {
      const align = props.align.toLowerCase();
      if (['left', 'center', 'right'].includes(align)) props.className = [`align-${align}`];
      delete props.align;
    }
    // Old anchors (`<a name="top">`) become ids, which links to `#top` still reach.
    if (node.tagName === 'a' && typeof props.name === 'string' && props.id === undefined) props.id = props.name;
    const taskItem = node.tagName === 'li' && classes(node).includes('task-list-item');
    prepare(node, inTaskItem || taskItem, report);
  }
}

/** An allowed embed rebuilt from the policy, a link for another iframe over http(s), or nothing. */
function embed(node: Element, report?: Report): ElementContent[] {
  const src = typeof node.properties.src === 'string' ? node.properties.src.trim() : '';
  const title = typeof node.properties.title === 'string' ? node.properties.title.trim() : '';
  const allowed = allowedEmbed(src);
  if (allowed) {
    const { provider } = allowed;
    const properties: Properties = {
      src: allowed.src,
      title: title || `Embedded ${provider.kind} from ${provider.name}`,
      loading: 'lazy',
      referrerPolicy: 'strict-origin-when-cross-origin',
      sandbox: provider.sandbox.split(' '),
      className: ['embed', `embed-${provider.kind}`],
    };
    if (provider.allow) properties.allow = provider.allow;
    if (provider.kind === 'map' || provider.kind === 'chart') {
      const written = Number.parseInt(String(node.properties.height ?? ''), 10);
      const height = Number.isFinite(written) ? written : EMBED_HEIGHT.default;
      properties.height = String(Math.min(EMBED_HEIGHT.max, Math.max(EMBED_HEIGHT.min, height)));
    }
    return [{ type: 'element', tagName: 'iframe', properties, children: [], position: node.position }];
  }
  let url: URL | undefined;
  try {
    url = new URL(src);
  } catch {
    url = undefined;
  }
  const web = url && /^https?:$/.test(url.protocol);
  report?.({
    key: `iframe:${url?.hostname ?? src}`,
    ...where(node),
    message: `The iframe from ${url?.hostname || src || 'an unknown address'} {where} is not an allowed embed; ${web ? 'it is replaced by a link to its address' : 'it is removed'} when the story is published.`,
    hint: `Allowed embeds: ${ALLOWED_EMBEDS_TEXT}. Use one of these, or link to the page.`,
  });
  if (!web) return [];
  const text = title || `Embedded content from ${url!.hostname}`;
  return [{ type: 'element', tagName: 'a', properties: { href: url!.href }, children: [{ type: 'text', value: text }], position: node.position }];
}

// ---------------------------------------------------------------------------------------------
// The schema's verdict, for the content check.

/** Elements that only decided how text looked: their text stays, the look goes. */
const PRESENTATIONAL_ELEMENTS = new Set(['font', 'center', 'big', 'tt', 'blink', 'marquee', 'basefont', 'nobr', 'spacer']);
/** The schema without its context rules, to ask it about one element's attributes. */
const attributeSchema = { ...storySchema, ancestors: {}, required: {} };

function collectFindings(parent: Parents, report: Report): void {
  for (const node of parent.children) {
    if (node.type !== 'element') continue;
    const tag = node.tagName;
    const at = where(node);
    if (!storySchema.tagNames!.includes(tag)) {
      if (storySchema.strip!.includes(tag)) {
        report({
          key: `element:${tag}`,
          ...at,
          message: `The <${tag}> element {where} is removed when the story is published, with everything inside it.`,
          hint:
            tag === 'script' || tag === 'noscript'
              ? 'Stories cannot run scripts; ask the web desk if the story needs an interactive.'
              : tag === 'style'
                ? 'The site’s stylesheet decides how stories look.'
                : `Stories publish text, links, images, tables and the embeds ${ALLOWED_EMBEDS_TEXT}.`,
        });
        continue;
      }
      report({
        key: `element:${tag}`,
        ...at,
        message: `The <${tag}> element {where} is removed when the story is published; its text is kept.`,
        hint: PRESENTATIONAL_ELEMENTS.has(tag)
          ? 'The site’s stylesheet decides fonts, colours, sizes and alignment.'
          : 'Write the text as Markdown (paragraphs, lists, tables) instead.',
      });
    } else {
      attributeFindings(node, report);
    }
    collectFindings(node, report);
  }
}

function attributeFindings(node: Element, report: Report): void {
  const shallow: Element = { type: 'element', tagName: node.tagName, properties: node.properties, children: [] };
  const kept = (sanitize(shallow, attributeSchema) as Element).properties ?? {};
  const at = where(node);
  for (const [property, value] of Object.entries(node.properties)) {
    if (property in kept || value === undefined || value === null) continue;
    const attribute = find(html, property).attribute;
    if (/^on/i.test(attribute)) {
      report({
        key: `attribute:${attribute}`,
        ...at,
        message: `The ${attribute} attribute {where} is removed when the story is published.`,
        hint: 'Stories cannot run scripts.',
      });
    } else if (property === 'style') {
      report({
        key: 'attribute:style',
        ...at,
        message: 'The style attribute {where} is removed when the story is published.',
        hint: 'The site’s stylesheet decides how stories look (its security policy allows no inline styles).',
      });
    } else if ((URL_PROPERTIES as readonly string[]).includes(property)) {
      const address = String(value).trim();
      const shown = address.length > 40 ? `${address.slice(0, 40)}…` : address;
      const image = node.tagName === 'img' && property === 'src';
      report({
        key: image ? 'image:src' : `address:${attribute}`,
        ...at,
        message: image
          ? `The image ${shown} {where} is removed when the story is published: its address is not a web address.`
          : `The ${attribute === 'href' ? 'link' : attribute} address ${shown} {where} is removed when the story is published.`,
        hint: image
          ? 'Put the image under public/ or on an https:// address, and link to it.'
          : 'Links may lead to http://, https://, mailto: or pages of the site.',
      });
    } else if (PRESENTATIONAL_ATTRIBUTES.has(property)) {
      report({
        key: 'attribute:presentational',
        name: attribute,
        ...at,
        message: 'Presentational attributes ({names}) {where} are removed when the story is published.',
        hint: 'The site’s stylesheet decides fonts, colours, sizes and alignment.',
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Repairs: what runs after the sanitizer, so the published HTML is valid.

/** Elements that are flow content only: never allowed where only phrasing content is. */
const FLOW = new Set([
  'blockquote',
  'details',
  'div',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'ul',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'caption',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
]);
/** Blocks whose content is phrasing only: flow content inside them is unwrapped. */
const PHRASING_BLOCKS = new Set(['p', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Inline elements, which are unwrapped themselves when they hold flow content. */
const INLINE = new Set([
  'span',
  'em',
  'strong',
  'b',
  'i',
  'u',
  'small',
  's',
  'sub',
  'sup',
  'mark',
  'code',
  'kbd',
  'q',
  'cite',
  'abbr',
  'dfn',
  'time',
  'var',
  'samp',
  'bdi',
  'bdo',
  'data',
  'ruby',
  'rt',
  'rp',
]);
const HEADING = /^h[1-6]$/;

function repair(tree: Root): void {
  repairContent(tree);
  removeEmpty(tree);
  const ids = uniqueIds(tree);
  headingIds(tree, ids);
  fragmentLinks(tree, ids);
  wrapTables(tree);
  trimLineEnds(tree);
}

const isElement = (node: RootContent | ElementContent | undefined, tag?: string): node is Element =>
  node?.type === 'element' && (tag === undefined || node.tagName === tag);
const isBlank = (node: RootContent | ElementContent) => node.type === 'text' && node.value.trim() === '';
const element = (tagName: string, children: ElementContent[], properties: Properties = {}): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

function classes(node: Element): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function hasFlowDescendant(node: Element): boolean {
  return node.children.some((child) => isElement(child) && (FLOW.has(child.tagName) || hasFlowDescendant(child)));
}

/** Replaces every flow element inside `node` by its content. */
function flattenFlow(node: Element): void {
  node.children = node.children.flatMap((child) => {
    if (!isElement(child)) return [child];
    flattenFlow(child);
    return FLOW.has(child.tagName) ? child.children : [child];
  });
}

function repairContent(parent: Parents): void {
  for (let i = 0; i < parent.children.length; i++) {
    const node = parent.children[i]!;
    if (!isElement(node)) continue;
    if (INLINE.has(node.tagName) && hasFlowDescendant(node)) {
      parent.children.splice(i--, 1, ...node.children);
      continue;
    }
    if (PHRASING_BLOCKS.has(node.tagName)) flattenFlow(node);
    repairContent(node);
  }
  if (parent.type === 'root') {
    groupOrphans(parent);
    return;
  }
  const tag = parent.tagName;
  if (tag === 'ul' || tag === 'ol')
    wrapRuns(
      parent,
      (n) => !isBlank(n) && !isElement(n, 'li'),
      () => element('li', []),
    );
  else if (tag === 'dl')
    wrapRuns(
      parent,
      (n) => !isBlank(n) && !['dt', 'dd', 'div'].some((t) => isElement(n, t)),
      () => element('dd', []),
    );
  else groupOrphans(parent);
  if (tag === 'table') moveFirst(parent, 'caption');
  if (tag === 'figure') placeFigcaption(parent);
  if (tag === 'details') {
    if (!parent.children.some((n) => isElement(n, 'summary'))) parent.children.unshift(element('summary', [{ type: 'text', value: 'Details' }]));
    moveFirst(parent, 'summary');
  }
}

/** List items and definition terms outside their lists get a list of their own. */
function groupOrphans(parent: Parents): void {
  wrapRuns(
    parent,
    (n) => isElement(n, 'li'),
    () => element('ul', []),
  );
  wrapRuns(
    parent,
    (n) => isElement(n, 'dt') || isElement(n, 'dd'),
    () => element('dl', []),
  );
}

/** Wraps each run of children that `matches` into a new element (blank text inside a run stays in it). */
function wrapRuns(parent: Parents, matches: (node: RootContent) => boolean, wrapper: () => Element): void {
  const result: RootContent[] = [];
  let run: Element | undefined;
  for (const child of parent.children) {
    if (matches(child)) {
      if (!run) result.push((run = wrapper()));
      run.children.push(child as ElementContent);
    } else if (run && isBlank(child)) {
      run.children.push(child as ElementContent);
    } else {
      result.push(child);
      run = undefined;
    }
  }
  parent.children = result as typeof parent.children;
}

function moveFirst(parent: Element, tag: string): void {
  const found = parent.children.filter((n) => isElement(n, tag));
  if (!found.length) return;
  // One is allowed: another summary becomes a paragraph, another caption goes.
  const [first, ...extra] = found as Element[];
  for (const node of extra) {
    if (tag === 'summary') node.tagName = 'p';
    else parent.children.splice(parent.children.indexOf(node), 1);
  }
  parent.children.splice(parent.children.indexOf(first!), 1);
  parent.children.unshift(first!);
}

function placeFigcaption(figure: Element): void {
  const captions = figure.children.filter((n) => isElement(n, 'figcaption')) as Element[];
  const [first, ...extra] = captions;
  for (const node of extra) node.tagName = 'p';
  if (!first) return;
  const content = figure.children.filter((n) => !isBlank(n));
  if (content[0] === first || content.at(-1) === first) return;
  figure.children.splice(figure.children.indexOf(first), 1);
  figure.children.push(first);
}

/** Text a reader (or a screen reader) gets from an element: its text and its images' alternatives. */
function textOf(node: Element | Root): string {
  return node.children
    .map((child) =>
      child.type === 'text' ? child.value : isElement(child) ? (child.tagName === 'img' ? String(child.properties.alt ?? '') : textOf(child)) : '',
    )
    .join('');
}

/** Removes what would be empty or broken: images without an address, empty headings, links and paragraphs. */
function removeEmpty(parent: Parents): void {
  parent.children = parent.children.filter((node) => {
    if (!isElement(node)) return true;
    removeEmpty(node);
    const tag = node.tagName;
    if (tag === 'img') {
      if (typeof node.properties.src !== 'string' || !node.properties.src) return false;
      node.properties.alt ??= '';
      return true;
    }
    if (HEADING.test(tag)) return textOf(node).trim() !== '';
    if (tag === 'p') return textOf(node).trim() !== '' || node.children.some((n) => isElement(n) && n.tagName !== 'br');
    if (tag === 'a' && node.properties.href !== undefined) {
      return textOf(node).trim() !== '' || typeof node.properties.ariaLabel === 'string';
    }
    return true;
  }) as typeof parent.children;
}

function eachElement(parent: Parents, visit: (node: Element) => void): void {
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    visit(child);
    eachElement(child, visit);
  }
}

/** What html-validate accepts as an id: a letter, then letters, digits, dashes and underscores. */
const VALID_ID = /^\p{L}[\p{L}\p{N}_-]*$/u;

/** Every id in the tree, each valid and once: a repeated id is removed from all but its first element. */
function uniqueIds(tree: Root): Set<string> {
  const ids = new Set<string>(PAGE_IDS);
  eachElement(tree, (node) => {
    const id = node.properties.id;
    if (id === undefined) return;
    if (typeof id !== 'string' || !VALID_ID.test(id) || id === CLOBBER_PREFIX || ids.has(id)) delete node.properties.id;
    else ids.add(id);
  });
  return ids;
}

/**
 * Every heading gets an id from its text, as GitHub makes them, that is valid HTML (begins with
 * a letter: `## 1. Making video accessible` becomes `section-1-making-video-accessible`) and
 * unique in the page.
 */
function headingIds(tree: Root, ids: Set<string>): void {
  eachElement(tree, (node) => {
    if (!HEADING.test(node.tagName) || typeof node.properties.id === 'string') return;
    // Punctuation-only headings (`## ***`) would leave runs of hyphens: a reader sees the id in links.
    let base = slug(textOf(node))
      .replace(/[^\p{L}\p{N}_-]/gu, '')
      .replace(/-{2,}/g, '-')
      .replace(/^-|-$/g, '');
    if (!/^\p{L}/u.test(base)) base = base ? `section-${base}` : 'section';
    let id = base;
    for (let n = 1; ids.has(id); n++) id = `${base}-${n}`;
    ids.add(id);
    node.properties.id = id;
  });
}

/** A link to `#name` reaches the element the writer gave that id, which now carries the prefix. */
function fragmentLinks(tree: Root, ids: Set<string>): void {
  eachElement(tree, (node) => {
    const href = node.properties.href;
    if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
    let name = href.slice(1);
    try {
      name = decodeURIComponent(name);
    } catch {
      return;
    }
    if (!ids.has(name) && ids.has(CLOBBER_PREFIX + name)) node.properties.href = `#${CLOBBER_PREFIX}${name}`;
  });
}

/**
 * Tables scroll inside their own box on a narrow screen: a wrapper that keyboards can focus and
 * scroll, a region named after the caption (a labelled <section>; landmark names are unique).
 */
function wrapTables(parent: Parents, names = new Set<string>()): void {
  parent.children.forEach((node, i) => {
    if (!isElement(node)) return;
    if (node.tagName !== 'table') return wrapTables(node, names);
    const caption = node.children.find((n) => isElement(n, 'caption')) as Element | undefined;
    const base = caption ? textOf(caption).replace(/\s+/g, ' ').trim() || 'Table' : 'Table';
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
    names.add(name);
    parent.children[i] = element('section', [node], { className: ['table-scroll'], tabIndex: 0, ariaLabel: name });
  });
}

/** Spaces at the end of a line are invisible, and html-validate rejects them. */
function trimLineEnds(parent: Parents): void {
  for (const child of parent.children) {
    if (child.type === 'text') child.value = child.value.replace(/[ \t]+(?=\r?\n)/g, '');
    else if (isElement(child)) trimLineEnds(child);
  }
}
