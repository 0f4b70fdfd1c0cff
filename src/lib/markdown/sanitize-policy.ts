/**
 * What HTML a story body may publish: one policy, read by the Markdown pipeline
 * (`story-html.ts`, which applies it) and by the content check (which warns about what it drops),
 * so the two never disagree. docs/writing.md ("HTML in stories: what is kept") describes it for
 * writers; public/_headers allows the embed hosts below in its Content-Security-Policy
 * `frame-src` (a test keeps the two in step).
 *
 * Kept: text structure and meaning (paragraphs, headings, lists, quotes, tables, figures,
 * definitions, details, footnotes, task lists, code), links to http(s), mailto and site-relative
 * addresses, images over http(s) or from the site, `lang`, `dir` and `title`.
 * Dropped with their content: scripts, styles and anything that runs code or embeds another
 * document (object, embed, unknown frames, forms' fields). Dropped, keeping their text:
 * presentational elements (`<font>`, `<center>`…) and elements with no place in a story.
 * Dropped attributes: event handlers (`on…`), inline `style` (the Content-Security-Policy
 * forbids inline styles), presentational ones (`align`, `bgcolor`…) and anything not listed.
 */
import type { Schema } from 'hast-util-sanitize';

/** A site that may be embedded as an `<iframe>`, recognised by exact host and path prefix. */
export interface EmbedProvider {
  name: string;
  /** What it shows: names the iframe's default title ("Embedded video from YouTube") and its class. */
  kind: 'video' | 'audio' | 'map' | 'chart';
  /** Hosts an embed may be written with (http, https or protocol-relative addresses are accepted). */
  hosts: readonly string[];
  /** The embed's address must start with one of these paths. */
  paths: readonly string[];
  /** The host the embed is published from, always over https (YouTube: its no-cookie domain). */
  publishedHost: string;
  /** The iframe's sandbox: scripts and its own origin, which every player needs, popups to open the provider's page. */
  sandbox: string;
  /** Permissions policy (`allow`) for players. */
  allow?: string;
}

const PLAYER_SANDBOX = 'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox';
const WIDGET_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

export const EMBED_PROVIDERS: readonly EmbedProvider[] = [
  {
    name: 'YouTube',
    kind: 'video',
    hosts: ['www.youtube.com', 'youtube.com', 'www.youtube-nocookie.com', 'youtube-nocookie.com'],
    paths: ['/embed/'],
    publishedHost: 'www.youtube-nocookie.com',
    sandbox: PLAYER_SANDBOX,
    allow: 'encrypted-media; fullscreen; picture-in-picture',
  },
  {
    name: 'Vimeo',
    kind: 'video',
    hosts: ['player.vimeo.com'],
    paths: ['/video/'],
    publishedHost: 'player.vimeo.com',
    sandbox: PLAYER_SANDBOX,
    allow: 'encrypted-media; fullscreen; picture-in-picture',
  },
  { name: 'SoundCloud', kind: 'audio', hosts: ['w.soundcloud.com'], paths: ['/player/'], publishedHost: 'w.soundcloud.com', sandbox: WIDGET_SANDBOX },
  {
    name: 'OpenStreetMap',
    kind: 'map',
    hosts: ['www.openstreetmap.org', 'openstreetmap.org'],
    paths: ['/export/embed.html'],
    publishedHost: 'www.openstreetmap.org',
    sandbox: WIDGET_SANDBOX,
  },
  { name: 'Datawrapper', kind: 'chart', hosts: ['datawrapper.dwcdn.net'], paths: ['/'], publishedHost: 'datawrapper.dwcdn.net', sandbox: WIDGET_SANDBOX },
  {
    name: 'Flourish',
    kind: 'chart',
    hosts: ['flo.uri.sh'],
    paths: ['/visualisation/', '/story/'],
    publishedHost: 'flo.uri.sh',
    sandbox: WIDGET_SANDBOX,
  },
];

/** The embed an iframe address stands for, with the address it is published under; undefined if none. */
export function allowedEmbed(src: string): { provider: EmbedProvider; src: string } | undefined {
  let url: URL;
  try {
    url = new URL(src.trim(), 'https://embed.invalid');
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.port) return undefined;
  const provider = EMBED_PROVIDERS.find((p) => p.hosts.includes(url.hostname) && p.paths.some((prefix) => url.pathname.startsWith(prefix)));
  if (!provider) return undefined;
  url.protocol = 'https:';
  url.hostname = provider.publishedHost;
  return { provider, src: url.href };
}

/** "YouTube (video), Vimeo (video), …": what a writer may embed, for messages. */
export const ALLOWED_EMBEDS_TEXT = EMBED_PROVIDERS.map((p) => `${p.name} (${p.kind})`).join(', ');

/** Embedded charts and maps keep the height they were written with, within these bounds (CSS px). */
export const EMBED_HEIGHT = { min: 150, max: 1200, default: 450 };

/**
 * Attributes that only described how something looked; the site's stylesheet does that now.
 * Named (hast property names) so the content check can tell writers they are dropped.
 */
export const PRESENTATIONAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'align',
  'bgColor',
  'background',
  'border',
  'cellPadding',
  'cellSpacing',
  'color',
  'face',
  'size',
  'vAlign',
  'hSpace',
  'vSpace',
  'frame',
  'rules',
  'noWrap',
  'clear',
  'noShade',
  'compact',
  'width',
  'height',
  'frameBorder',
  'marginWidth',
  'marginHeight',
  'scrolling',
  'text',
  'link',
  'vLink',
  'aLink',
]);

/** Properties holding an address, checked against `protocols` below. */
export const URL_PROPERTIES = ['href', 'src', 'cite'] as const;

/**
 * Ids a story must never take: the ones the article page itself uses (a test compares this list
 * with the templates).
 */
export const PAGE_IDS: ReadonlySet<string> = new Set([
  'main',
  'quoted-heading',
  'related-heading',
  'newsletter-heading',
  'newsletter-email',
  'site-search-q',
  'latest-heading',
  'news-heading',
  'stories-heading',
  'facets',
  'facets-active',
  'facets-heading',
  'facets-panel',
  'load-more',
  'results',
  'results-heading',
  'results-line',
  'search-app',
  'search-form',
  'search-hint',
  'search-q',
  'showing',
  'corrections-heading',
]);

/** Prefix of every id a writer wrote (and of footnote ids), so none can clash with the page's. */
export const CLOBBER_PREFIX = 'user-content-';

const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const tableParts = ['caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'];
const cellAlign = ['className', /^align-(?:left|center|right)$/] as [string, RegExp];

/** The schema for hast-util-sanitize (not merged with its GitHub default: every entry is ours). */
export const storySchema: Schema = {
  tagNames: [
    'a',
    'abbr',
    'b',
    'bdi',
    'bdo',
    'blockquote',
    'br',
    'cite',
    'code',
    'data',
    'dd',
    'del',
    'details',
    'dfn',
    'div',
    'dl',
    'dt',
    'em',
    'figcaption',
    'figure',
    ...headings,
    'hr',
    'i',
    'iframe',
    'img',
    'input',
    'ins',
    'kbd',
    'li',
    'mark',
    'ol',
    'p',
    'pre',
    'q',
    'rp',
    'rt',
    'ruby',
    's',
    'samp',
    'section',
    'small',
    'span',
    'strong',
    'sub',
    'summary',
    'sup',
    'table',
    ...tableParts,
    'time',
    'u',
    'ul',
    'var',
    'wbr',
  ],
  // Removed with everything inside: code, styles, other documents, form fields and media players.
  strip: [
    'script',
    'style',
    'template',
    'title',
    'noscript',
    'textarea',
    'select',
    'option',
    'datalist',
    'svg',
    'math',
    'object',
    'embed',
    'applet',
    'frame',
    'frameset',
    'noframes',
    'noembed',
    'audio',
    'video',
    'canvas',
    'map',
    'head',
    'meta',
    'link',
    'base',
    'param',
    'source',
    'track',
    'button',
  ],
  ancestors: {
    ...Object.fromEntries(tableParts.map((tag) => [tag, ['table']])),
    figcaption: ['figure'],
    summary: ['details'],
  },
  attributes: {
    '*': ['title', 'lang', ['dir', 'ltr', 'rtl', 'auto'], 'id'],
    a: [
      'href',
      'hrefLang',
      'ariaLabel',
      'ariaDescribedBy',
      // GFM footnotes.
      'dataFootnoteRef',
      'dataFootnoteBackref',
      ['className', 'data-footnote-backref'],
    ],
    img: ['src', 'alt', ['loading', 'lazy', 'eager'], ['width', /^\d+$/], ['height', /^\d+$/]],
    td: ['colSpan', 'rowSpan', 'headers', cellAlign],
    th: ['colSpan', 'rowSpan', 'headers', ['scope', 'row', 'col', 'rowgroup', 'colgroup'], 'abbr', cellAlign],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'reversed', ['type', '1', 'a', 'A', 'i', 'I'], ['className', 'contains-task-list']],
    ul: [['className', 'contains-task-list']],
    li: ['value', ['className', 'task-list-item']],
    // Only the disabled checkbox of a task list reaches the sanitizer (story-html.ts removes other inputs).
    input: [
      ['type', 'checkbox'],
      ['disabled', true],
      ['checked', true],
    ],
    code: [['className', /^language-[\w+#.-]+$/]],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', 'dateTime'],
    ins: ['cite', 'dateTime'],
    time: ['dateTime'],
    data: ['value'],
    details: ['open'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    h2: [['className', 'sr-only']],
    // Only the embeds story-html.ts has rebuilt from EMBED_PROVIDERS reach the sanitizer.
    iframe: [
      'src',
      'title',
      ['loading', 'lazy'],
      ['referrerPolicy', 'strict-origin-when-cross-origin'],
      'sandbox',
      'allow',
      ['height', /^\d+$/],
      ['className', /^embed(?:-(?:video|audio|map|chart))?$/],
    ],
  },
  required: {
    input: { type: 'checkbox', disabled: true },
    img: { loading: 'lazy' },
    iframe: { loading: 'lazy' },
  },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
  clobber: ['id', 'ariaDescribedBy', 'ariaLabelledBy'],
  clobberPrefix: CLOBBER_PREFIX,
  allowComments: false,
  allowDoctypes: false,
};
