/**
 * Links and images in an article body, with their file positions, for the content check.
 *
 * Bodies are read with remark, so code spans, code blocks and escaped brackets are not mistaken
 * for links. Only the blocks that can hold a link or an image are parsed (most of a story is
 * plain paragraphs), which keeps checking thousands of articles fast; a body with reference
 * definitions (`[1]: /path/`) is parsed whole, since its links depend on them.
 */
import type { Definition, Html, Image, Link, Nodes, Root } from 'mdast';
import { toString as textOf } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export interface BodyReference {
  kind: 'link' | 'image';
  url: string;
  /** Images only: the text alternative (empty when missing). */
  alt?: string;
  /** Markdown links only: the text readers see and screen readers announce (an image's alt counts). */
  text?: string;
  line: number;
  column: number;
}

const parser = unified().use(remarkParse);
const CANDIDATE = /\]\(|<img|<a\s|<https?:/i;
const DEFINITION = /^ {0,3}\[[^\]]+\]:/m;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Every link and image of `body`, whose first line is line `bodyLine` of the file. */
export function bodyReferences(body: string, bodyLine: number): BodyReference[] {
  const hasDefinitions = body.includes(']:') && DEFINITION.test(body);
  if (hasDefinitions) return collect(parser.parse(body), bodyLine - 1);
  if (!CANDIDATE.test(body)) return [];
  return candidateBlocks(body).flatMap(({ text, firstLine }) => collect(parser.parse(text), bodyLine - 1 + firstLine));
}

/** Blank-line separated blocks outside fenced code that may hold a link, with their 0-based first line. */
function candidateBlocks(body: string): { text: string; firstLine: number }[] {
  const blocks: { text: string; firstLine: number }[] = [];
  const lines = body.split('\n');
  let fence: string | undefined;
  let start = -1;
  const close = (end: number) => {
    if (start >= 0) {
      const text = lines.slice(start, end).join('\n');
      if (CANDIDATE.test(text)) blocks.push({ text, firstLine: start });
    }
    start = -1;
  };
  lines.forEach((line, i) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return;
    }
    if (marker) {
      close(i);
      fence = marker;
    } else if (line.trim() === '') {
      close(i);
    } else if (start < 0) {
      start = i;
    }
  });
  close(lines.length);
  return blocks;
}

function collect(tree: Root, lineOffset: number): BodyReference[] {
  const found: BodyReference[] = [];
  const at = (node: Nodes) => ({ line: (node.position?.start.line ?? 1) + lineOffset, column: node.position?.start.column ?? 1 });
  const walk = (node: Nodes) => {
    // A reference definition (`[1]: /path/`) is where a reference link's address is written.
    if (node.type === 'link') found.push({ kind: 'link', url: (node as Link).url, text: textOf(node).trim(), ...at(node) });
    else if (node.type === 'definition') found.push({ kind: 'link', url: (node as Definition).url, ...at(node) });
    else if (node.type === 'image') found.push({ kind: 'image', url: (node as Image).url, alt: (node as Image).alt ?? '', ...at(node) });
    else if (node.type === 'html') found.push(...htmlReferences(node as Html, at(node)));
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return found;
}

/** `<a href>` and `<img src alt>` written as HTML inside Markdown. */
function htmlReferences(node: Html, position: { line: number; column: number }): BodyReference[] {
  const found: BodyReference[] = [];
  for (const tag of node.value.matchAll(/<(a|img)\b[^>]*>/gi)) {
    const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag[0]);
    const value = (m: RegExpExecArray | null) => m?.[2] ?? m?.[3] ?? m?.[4];
    if (tag[1]!.toLowerCase() === 'a') {
      const url = value(attribute('href'));
      if (url) found.push({ kind: 'link', url, ...position });
    } else {
      const url = value(attribute('src'));
      if (url) found.push({ kind: 'image', url, alt: value(attribute('alt')) ?? '', ...position });
    }
  }
  return found;
}
