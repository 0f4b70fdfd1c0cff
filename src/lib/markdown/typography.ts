/**
 * Typographic quotes, dashes and ellipses in article bodies: the output of Astro's SmartyPants
 * (remark-smartypants over retext-smartypants), in about a third of the time.
 *
 * remark-smartypants runs retext twice: once over the whole body's text for quotes (so a quote
 * before a link or emphasis turns the right way), then once more over every text node for
 * dashes, ellipses and backticks, which change the text's length. That second pass was most of
 * the cost of rendering a body (5 of 8 ms). Here it runs only on the text nodes that have
 * something for it to change; a body without any quote, dash or ellipsis is left alone.
 */
import type { Nodes, Root } from 'mdast';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

const quotes = retext().use(smartypants, { ellipses: false, dashes: false, backticks: false });
const dashesAndEllipses = retext().use(smartypants, { quotes: false });

/** Blocks whose text starts afresh: a quote at their start always opens. */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const SOMETHING_TO_DO = /["'`]|--|\.\.\./;
const LENGTH_CHANGING = /--|\.\.\.|``/;

export function remarkTypography() {
  return (tree: Root) => {
    let text = '';
    const nodes: Nodes[] = [];
    visit(tree, (node, _index, parent) => {
      if (!parent || !(node.type === 'text' || node.type === 'inlineCode' || BLOCKS.has(node.type))) return;
      // Code keeps its characters: it stands in the text as letters, so quotes around it still turn.
      if (node.type === 'text') text += node.value;
      else if (node.type === 'inlineCode') text += 'A'.repeat(node.value.length);
      else text += ' ';
      nodes.push(node);
    });
    if (!SOMETHING_TO_DO.test(text)) return;
    const quoted = quotes.processSync(text).toString();
    let at = 0;
    for (const node of nodes) {
      if (node.type === 'text') {
        const part = quoted.slice(at, at + node.value.length);
        at += node.value.length;
        node.value = LENGTH_CHANGING.test(part) ? dashesAndEllipses.processSync(part).toString() : part;
      } else if (node.type === 'inlineCode') {
        at += node.value.length;
      } else {
        at += 1;
      }
    }
  };
}
