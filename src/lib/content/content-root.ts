/**
 * Where the newsroom's content directory is. Apart from `content-dir.ts`, which reads it, so that
 * a script needing only the place (verification, when the content is unchanged) does not load the
 * YAML parser and the schema.
 */
import path from 'node:path';

/** `CONTENT_DIR` (absolute, or relative to the working directory), else `content/`. */
export function resolveContentDir(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, env.CONTENT_DIR || 'content');
}
