/** Runs once per test run: a fresh folder for the builds that test files share. */
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

const root = path.resolve(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  const shared = mkdtempSync(path.join(root, 'node_modules', '.newsroom-shared-'));
  project.provide('messyArchiveRoot', shared);
  return () => rmSync(shared, { recursive: true, force: true });
}
