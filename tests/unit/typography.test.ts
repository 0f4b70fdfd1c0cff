import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { remarkTypography } from '../../src/lib/markdown/typography.ts';

const smartypants = await createMarkdownProcessor({ syntaxHighlight: false });
const ours = await createMarkdownProcessor({ syntaxHighlight: false, smartypants: false, remarkPlugins: [remarkTypography] });
const render = async (markdown: string) => (await ours.render(markdown)).code;

describe('remarkTypography', () => {
  it('curls double and single quotes and apostrophes', async () => {
    expect(await render(`"We will not wait," the minister's aide said. 'Now.'`)).toBe('<p>“We will not wait,” the minister’s aide said. ‘Now.’</p>');
  });

  it('turns quotes the right way around links, emphasis and code', async () => {
    expect(await render('"[The SCO](/organizations/sco/)" and "*Astana*" and "`code`"')).toBe(
      '<p>“<a href="/organizations/sco/">The SCO</a>” and “<em>Astana</em>” and “<code>code</code>”</p>',
    );
  });

  it('makes dashes and ellipses, and leaves code as written', async () => {
    expect(await render('Tashkent -- and Almaty waited... `a -- "b"...`')).toBe('<p>Tashkent — and Almaty waited… <code>a -- "b"...</code></p>');
  });

  it('leaves text with nothing to change as it is', async () => {
    expect(await render('Plain words, no marks')).toBe('<p>Plain words, no marks</p>');
  });

  it('writes what Astro’s SmartyPants writes', async () => {
    const body = [
      '# "Water" talks',
      '',
      '"It\'s the \'90s all over again," said Aida -- an analyst.',
      '',
      '> "We\'ll see..." the *"envoy"* replied.',
      '',
      "- ``backticks'' stay",
      "- 5'10\" and the 1990s' deals",
      '',
      '| "a" | b -- c |',
      '| --- | --- |',
      "| 'd' | e... |",
    ].join('\n');
    expect(await render(body)).toBe((await smartypants.render(body)).code);
  });
});
