import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../src/lib/content/registry.ts';

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

const authors = `- name: Gabriel Ramírez
  aliases: [G. Ramirez]
  role: Data editor
  bio: Gabriel covers budgets and open data from Bishkek.
  photo: { src: /images/gabriel.jpg, alt: Gabriel Ramírez at his desk }
  email: gabriel@example.org
  links:
    - https://mastodon.example/@gabriel
    - { label: Portfolio, url: "https://gabriel.example/" }
`;

describe('topics and authors registries', () => {
  it('resolve topics by name and alias, with slug and description', () => {
    const source = '- name: Open data\n  aliases: [Open government data]\n  description: Public data, published.\n- name: Design\n  slug: design-desk\n';
    const { registry, problems } = parseRegistry('topics', source, 'topics.yaml');
    expect(problems).toEqual([]);
    expect(registry.resolve('open government data')?.name).toBe('Open data');
    expect(registry.resolve('DESIGN')?.slug).toBe('design-desk');
    expect(registry.records[0]?.description).toBe('Public data, published.');
  });

  it('read an author entry, a bare link as { url } and a labelled link as given', () => {
    const { registry, problems } = parseRegistry('authors', authors, 'authors.yaml');
    expect(problems).toEqual([]);
    expect(registry.resolve('g. ramirez')).toMatchObject({
      name: 'Gabriel Ramírez',
      slug: 'gabriel-ramirez',
      role: 'Data editor',
      bio: 'Gabriel covers budgets and open data from Bishkek.',
      photo: { src: '/images/gabriel.jpg', alt: 'Gabriel Ramírez at his desk' },
      email: 'gabriel@example.org',
      links: [{ url: 'https://mastodon.example/@gabriel' }, { label: 'Portfolio', url: 'https://gabriel.example/' }],
    });
  });

  it('reject a photo without alt text, a bad email or link, and fields of another registry', () => {
    const source = '- name: Ainur Bekova\n  photo: { src: /images/a.jpg }\n  email: ainur at example\n  links: [not a url]\n  url: https://example.org\n';
    const { problems } = parseRegistry('authors', source, 'authors.yaml');
    expect(problems.map((p) => p.field).sort()).toEqual(['[0].email', '[0].links[0]', '[0].photo.alt', '[0].url']);
    expect(problems.find((p) => p.field === '[0].links[0]')?.line).toBe(4);
    const topic = parseRegistry('topics', '- name: Water\n  role: Editor\n', 'topics.yaml');
    expect(topic.problems).toEqual([expect.objectContaining({ field: '[0].role', line: 2 })]);
  });

  it('keep conflicts errors: two authors claiming one alias, two topics with one page', () => {
    const claimed = parseRegistry('authors', `${authors}- name: Gabriela Ramirez\n  aliases: [g. ramirez]\n`, 'authors.yaml');
    expect(claimed.problems).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('both claim the name or alias "g. ramirez"') }),
    ]);
    const samePage = parseRegistry('topics', '- name: Open data\n- name: Open Data!\n', 'topics.yaml');
    expect(samePage.problems).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringContaining('would have the same page /topics/open-data/') }),
    ]);
  });
});
