import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type BuiltSite } from '../support/build-site.ts';

const brokenDir = fileURLToPath(new URL('../fixtures/broken', import.meta.url));
let site: BuiltSite;

beforeAll(() => {
  site = buildSite(brokenDir);
}, 240_000);
afterAll(() => rmSync(path.dirname(site.outDir), { recursive: true, force: true }));

describe('a build with broken content', () => {
  it('fails and publishes nothing', () => {
    expect(site.status).not.toBe(0);
    expect(existsSync(site.outDir)).toBe(false);
  });

  it('reports every problem together, with file, line, field, expectation and hint', () => {
    const lines = site.output.split('\n').map((line) => line.trim());
    const expectLine = (pattern: RegExp) => expect(lines.some((line) => pattern.test(line)), String(pattern)).toBe(true);
    expect(site.output).toContain('Content has 9 errors and 2 warnings');
    expectLine(/articles\/bad-yaml\.md:2:8 {2}error {2}The YAML cannot be read/);
    expectLine(/articles\/link-to-nowhere\.md:6:5 {2}error {2}The link \/2024\/07\/no-such-story\/ points to no page or file of the site\./);
    expectLine(/articles\/image-without-alt\.md:6:1 {2}error {2}The image \/images\/amu-darya\.svg has no alt text\./);
    expectLine(/articles\/unknown-field\.md:5:1 {2}error {2}organisations: Unknown field "organisations"\. .*Did you mean "organizations"\?$/);
    expectLine(/articles\/missing-title\.md:2:1 {2}error {2}title: is required\. Expected a text; found nothing \(the field is missing\)\.$/);
    expectLine(/articles\/bad-date\.md:4:1 {2}error {2}date: has the wrong form\. Expected an ISO 8601 date .*; found "31\/07\/2025"\.$/);
    expectLine(/articles\/(2025\/)?osh-water\.md:1:1 {2}error {2}slug: This article and .*articles\/(2025\/)?osh-water\.md would both be published at \/2025\/07\/osh-water\//);
    expectLine(/organizations\.yaml:4:1 {2}error {2}\[1\]: "Shanghai Cricket Organization" and "Shanghai Cooperation Organization" \(line 1\) both claim the name or alias "sco"/);
    expect(site.output).toContain('Nothing was published');
  });
});
