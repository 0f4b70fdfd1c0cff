import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderedBodies, renderedBodiesDir } from '../../src/lib/markdown/rendered-bodies.ts';

const root = mkdtempSync(path.join(tmpdir(), 'rendered-bodies-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('renderedBodies', () => {
  it('gives back the HTML written under a digest', () => {
    const bodies = renderedBodies(renderedBodiesDir(path.join(root, 'a')));
    expect(bodies.has('d1')).toBe(false);
    bodies.write('d1', '<p>Water talks in Osh</p>');
    expect(bodies.has('d1')).toBe(true);
    expect(bodies.read('d1')).toBe('<p>Water talks in Osh</p>');
  });

  it('keeps only the bodies still named when pruned', () => {
    const dir = renderedBodiesDir(path.join(root, 'b'));
    const bodies = renderedBodies(dir);
    for (const digest of ['kept', 'edited-away', 'deleted']) bodies.write(digest, `<p>${digest}</p>`);
    bodies.prune(new Set(['kept', 'never-written']));
    expect(readdirSync(dir)).toEqual(['kept.html']);
  });

  it('does nothing when pruning a cache that has no bodies yet', () => {
    expect(() => renderedBodies(path.join(root, 'none')).prune(new Set())).not.toThrow();
  });

  it('names the digest and the folder when a body is missing', () => {
    const dir = renderedBodiesDir(path.join(root, 'c'));
    expect(() => renderedBodies(dir).read('gone')).toThrow(`The rendered body gone is missing from ${dir}`);
  });
});
