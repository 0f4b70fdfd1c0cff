import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../src/lib/registry.ts';

const organizations = `- name: Shanghai Cooperation Organization
  aliases: [SCO, Shanghai Cooperation Organisation]
  url: https://example.org/sco
- name: United Nations
  aliases: [UN]
  slug: un
`;

describe('parseRegistry', () => {
  it('resolves names and aliases ignoring case and spacing', () => {
    const { registry, problems } = parseRegistry('organizations', organizations, 'organizations.yaml');
    expect(problems).toEqual([]);
    expect(registry.resolve('sco')?.name).toBe('Shanghai Cooperation Organization');
    expect(registry.resolve('Shanghai  Cooperation Organisation')?.name).toBe('Shanghai Cooperation Organization');
    expect(registry.resolve('UN')?.slug).toBe('un');
    expect(registry.resolve('OSCE')).toBeUndefined();
  });

  it('derives a slug from the name when none is given', () => {
    const { registry } = parseRegistry('people', '- name: António Guterres\n', 'people.yaml');
    expect(registry.records[0]?.slug).toBe('antonio-guterres');
  });

  it('rejects two entries claiming one alias, naming both', () => {
    const source = `${organizations}- name: Shanghai Cricket Organization\n  aliases: [sco]\n`;
    const { problems } = parseRegistry('organizations', source, 'organizations.yaml');
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'organizations.yaml',
        line: 7,
        message: expect.stringMatching(/"Shanghai Cricket Organization" and "Shanghai Cooperation Organization" \(line 1\) both claim the name or alias "sco"/),
      }),
    ]);
  });

  it('rejects two entries with one slug', () => {
    const { problems } = parseRegistry('people', '- name: Aida Musina\n- name: Aida  Músina\n  aliases: [A. Musina]\n', 'people.yaml');
    expect(problems[0]?.message).toContain('would have the same page /people/aida-musina/');
  });

  it('validates entries, with did-you-mean for unknown fields', () => {
    const { problems } = parseRegistry('people', '- name: Aida Musina\n  rol: Minister\n  url: not a url\n', 'people.yaml');
    expect(problems).toEqual([
      expect.objectContaining({ field: '[0].rol', line: 2, hint: 'Did you mean "role"?' }),
      expect.objectContaining({ field: '[0].url', line: 3, expected: 'an address starting with https:// or http://, such as https://example.org/' }),
    ]);
  });

  it('requires a list', () => {
    const { problems } = parseRegistry('organizations', 'name: SCO\n', 'organizations.yaml');
    expect(problems[0]?.message).toBe('The organizations registry must be a list of entries.');
  });

  it('treats an absent file as an empty registry', () => {
    const { registry, problems } = parseRegistry('people', undefined, 'people.yaml');
    expect(problems).toEqual([]);
    expect(registry.records).toEqual([]);
  });
});
