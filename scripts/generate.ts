/**
 * Writes the files derived from the knowledge base and the rule catalogue: the role-template
 * snippets, the settings block of package.json and the JSON Schema of the configuration file.
 * `npm run generate` writes them; tests/unit/generated.test.ts fails when a committed copy drifts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './generated';

const root = path.resolve(__dirname, '..');
for (const file of generatedFiles()) {
  fs.writeFileSync(path.join(root, file.path), file.text);
  console.log(`wrote ${file.path}`);
}
