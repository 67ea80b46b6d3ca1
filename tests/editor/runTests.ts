/**
 * Runs the rolefit extension tests inside a real VS Code desktop (Extension Development Host)
 * with @vscode/test-electron.  `npm run test:editor`
 *
 * Which VS Code:
 *   VSCODE_EXECUTABLE_PATH=/path/to/code   a VS Code desktop executable (e.g. .../VSCode-linux-x64/code)
 *   ROLEFIT_EDITOR_DOWNLOAD=1              let test-electron download one into .vscode-test/
 *                                          (VSCODE_VERSION picks the version; default "stable")
 *   neither                                print one "skipped" line and exit 0
 *
 * Other knobs (read by the suite): ROLEFIT_EDITOR_WAIT_MS (per wait, default 30000),
 * ROLEFIT_EDITOR_TEST_TIMEOUT_MS (per test, default 120000), ROLEFIT_EDITOR_GREP (mocha grep).
 *
 * `--compile-only` bundles the suite into tests/editor/out/ and stops.
 * On Linux without a display, run under xvfb-run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');
const EDITOR_DIR = path.join(ROOT, 'tests', 'editor');
const SUITE_DIR = path.join(EDITOR_DIR, 'suite');
const OUT_DIR = path.join(EDITOR_DIR, 'out');
const FIXTURES = path.join(EDITOR_DIR, 'workspace');
const BUILT = [path.join(ROOT, 'client', 'out', 'extension.js'), path.join(ROOT, 'server', 'out', 'main.js')];

/** Bundles suite/index.ts and every suite/*.test.ts into out/, CommonJS for the extension host. */
export async function compileSuite(): Promise<string> {
  const entries = fs
    .readdirSync(SUITE_DIR)
    .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
    .map((name) => path.join(SUITE_DIR, name));
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(OUT_DIR, 'index.js');
}

type Executable = { vscodeExecutablePath: string } | { version: string } | { skip: string };

function resolveExecutable(): Executable {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given && fs.existsSync(given)) return { vscodeExecutablePath: path.resolve(given) };
  if (process.env.ROLEFIT_EDITOR_DOWNLOAD === '1') return { version: process.env.VSCODE_VERSION || 'stable' };
  const why = given ? `VSCODE_EXECUTABLE_PATH=${given} does not exist` : 'no VS Code found';
  return {
    skip: `rolefit editor tests skipped: ${why} (set VSCODE_EXECUTABLE_PATH to a VS Code executable, or ROLEFIT_EDITOR_DOWNLOAD=1 to download one)`,
  };
}

async function main(): Promise<number> {
  if (process.argv.includes('--compile-only')) {
    const index = await compileSuite();
    console.log(`rolefit editor tests compiled: ${path.relative(ROOT, OUT_DIR)}${path.sep} (runner ${path.relative(ROOT, index)})`);
    return 0;
  }

  const missing = BUILT.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    console.error(`rolefit editor tests: the extension is not built (${missing.map((f) => path.relative(ROOT, f)).join(', ')} missing); run \`npm run build\` first.`);
    return 1;
  }

  // Bundled even when skipping, so a broken suite fails here too (esbuild prints nothing on success).
  const extensionTestsPath = await compileSuite();

  const executable = resolveExecutable();
  if ('skip' in executable) {
    console.log(executable.skip);
    return 0;
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-editor-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(FIXTURES, workspace, { recursive: true });
  const launchArgs = [
    workspace,
    '--disable-extensions',
    '--disable-workspace-trust',
    `--user-data-dir=${path.join(temp, 'user-data')}`,
    `--extensions-dir=${path.join(temp, 'extensions')}`,
  ];
  try {
    await runTests({
      ...executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      launchArgs,
    });
    return 0;
  } catch (error) {
    console.error(`rolefit editor tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rolefit editor tests: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
