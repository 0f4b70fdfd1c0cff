/**
 * npm run schema: writes the JSON Schemas of frontmatter and registries into schemas/, from the
 * zod schemas in src/lib/schema.ts. A test fails when the committed files are out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { contentJsonSchemas, jsonSchemaText } from '../src/lib/content/json-schema.ts';

for (const [file, schema] of Object.entries(contentJsonSchemas())) {
  writeFileSync(path.resolve('schemas', file), jsonSchemaText(schema));
  console.log(`Wrote schemas/${file}`);
}
