import { readFileSync } from 'node:fs';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { createBodyRenderer } from '../../src/lib/markdown/markdown.ts';

const renderer = await createBodyRenderer();
const validator = new HtmlValidate(new StaticConfigLoader(JSON.parse(readFileSync('.htmlvalidate.json', 'utf8'))));

async function render(markdown: string) {
  const { code } = await renderer.render(markdown);
  const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>T</title></head><body><main><h1>Headline</h1>${code}</main></body></html>`;
  const messages = validator.validateStringSync(page).results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
  return { code, messages };
}

describe('the body pipeline keeps any heading valid HTML', () => {
  it('gives headings that start with a digit or have no letters an id that starts with a letter', async () => {
    const { code, messages } = await render('## 2014 in review\n\nText.\n\n## ***\n\n## —\n\n## Who said what\n');
    expect(messages).toEqual([]);
    expect([...code.matchAll(/id="([^"]*)"/g)].map((m) => m[1])).toEqual(['section-2014-in-review', 'section', 'section-1', 'who-said-what']);
  });

  it('leaves out a heading with nothing in it', async () => {
    const { code, messages } = await render('Before.\n\n##\n\nAfter.\n');
    expect(messages).toEqual([]);
    expect(code).not.toContain('<h');
  });
});
