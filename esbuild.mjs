// Bundles the extension client, the language server and the CLI, and copies the role data beside them.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const production = !process.argv.includes('--dev');
const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // Some dependencies ship only ESM that reads import.meta.url; give the CommonJS bundle a real one.
  define: { ROLEFIT_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { main: 'server/src/start.ts', 'language-server': 'server/src/main.ts', cli: 'server/src/cli.ts' }, outdir: 'server/out' }),
]);

const knowledgeOut = path.join('server', 'out', 'knowledge');
fs.rmSync(knowledgeOut, { recursive: true, force: true });
fs.cpSync(path.join('server', 'src', 'knowledge'), knowledgeOut, { recursive: true, filter: (src) => !src.endsWith('.ts') });

// The role files combined into one JSON object and the model, each validated once here, so the
// server neither parses YAML nor validates its own data at every start.
const validator = path.join(os.tmpdir(), `rolefit-validate-${process.pid}.cjs`);
await esbuild.build({ ...common, minify: false, sourcemap: false, entryPoints: ['server/src/knowledge/combine.ts'], outfile: validator });
try {
  createRequire(import.meta.url)(validator).writeValidatedKnowledge(path.join('server', 'src', 'knowledge'), knowledgeOut);
} finally {
  fs.rmSync(validator, { force: true });
}
