import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentJsonSchemas, jsonSchemaText } from '../../src/lib/content/json-schema.ts';
import { KINDS, REGISTRY_KINDS } from '../../src/lib/entity-kinds.ts';
import { articleFrontmatterSchema, registrySchemas } from '../../src/lib/schema.ts';

describe('the committed JSON Schemas', () => {
  it.each(Object.entries(contentJsonSchemas()))('%s matches the zod schema (run `npm run schema` if not)', (file, schema) => {
    expect(readFileSync(`schemas/${file}`, 'utf8')).toBe(jsonSchemaText(schema));
  });
});

describe('the frontmatter reference in docs/writing.md', () => {
  const docs = readFileSync('docs/writing.md', 'utf8');
  const section = docs.slice(docs.indexOf('## Frontmatter reference'), docs.indexOf('\n## ', docs.indexOf('## Frontmatter reference') + 1));
  const documented = [...section.matchAll(/^\| `([a-z]+)` \|/gm)].map((m) => m[1]);

  it('documents every field, in the schema’s order, and no other', () => {
    expect(documented).toEqual(Object.keys(articleFrontmatterSchema.shape));
  });

  it('says which fields are required', () => {
    for (const [field, schema] of Object.entries(articleFrontmatterSchema.shape)) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${field}\` |`))!;
      const required = !schema.safeParse(undefined).success;
      expect(row.split('|')[3]!.trim(), field).toBe(required ? 'yes' : 'no');
    }
  });
});

describe('the registries in docs/writing.md and in the editor settings', () => {
  const docs = readFileSync('docs/writing.md', 'utf8');
  const start = docs.indexOf('## Names, aliases and the registries');
  const section = docs.slice(start, docs.indexOf('\n## ', start + 1));
  const editor = JSON.parse(readFileSync('.vscode/settings.json', 'utf8'))['yaml.schemas'] as Record<string, string>;

  it.each(REGISTRY_KINDS)('documents every field of the %s registry', (kind) => {
    const row = section.split('\n').find((line) => line.startsWith(`| \`${KINDS[kind].registry}\` |`));
    expect(row, KINDS[kind].registry).toBeDefined();
    for (const field of Object.keys(registrySchemas[kind].entry.shape)) expect(row, field).toContain(`\`${field}\``);
  });

  it.each(REGISTRY_KINDS)('gives editors the schema of the %s registry', (kind) => {
    expect(editor[`./schemas/${kind}.schema.json`]).toBe(`content/${KINDS[kind].registry}`);
  });

  it('states the letter case and accents rule', () => {
    expect(section).toContain('Letter case and accents');
    expect(section).toMatch(/most stories use/);
  });
});
