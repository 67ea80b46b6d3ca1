// Bundles the extension client, the language server and the CLI, and copies the role data beside them.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

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
  esbuild.build({ ...common, entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' }, outdir: 'server/out' }),
]);

const knowledgeOut = path.join('server', 'out', 'knowledge');
fs.rmSync(knowledgeOut, { recursive: true, force: true });
fs.cpSync(path.join('server', 'src', 'knowledge'), knowledgeOut, { recursive: true, filter: (src) => !src.endsWith('.ts') });

// The role files combined into one JSON object, so the server does not parse YAML at every start.
const knowledgeSource = path.join('server', 'src', 'knowledge');
const combined = { roles: [] };
for (const name of ['common.yaml', 'sources.yaml']) Object.assign(combined, parse(fs.readFileSync(path.join(knowledgeSource, name), 'utf8')));
for (const name of fs.readdirSync(path.join(knowledgeSource, 'roles')).filter((n) => n.endsWith('.yaml')).sort()) {
  combined.roles.push(parse(fs.readFileSync(path.join(knowledgeSource, 'roles', name), 'utf8')));
}
fs.writeFileSync(path.join(knowledgeOut, 'builtin.json'), JSON.stringify(combined));
