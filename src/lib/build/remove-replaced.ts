/**
 * node remove-replaced.ts FOLDER…: removes folders that a publish replaced (staged-output.ts,
 * `removeInBackground`), each first renamed `<folder>.removing-<this pid>`, all before the first is
 * removed, so that builds starting meanwhile leave them alone.
 */
import { renameSync, rmSync } from 'node:fs';

const mine = process.argv.slice(2).flatMap((folder) => {
  const renamed = folder.replace(/\.removing-\d+$/, `.removing-${process.pid}`);
  try {
    renameSync(folder, renamed);
    return [renamed];
  } catch {
    // Already taken by a build that found its publisher gone.
    return [];
  }
});
for (const folder of mine) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
