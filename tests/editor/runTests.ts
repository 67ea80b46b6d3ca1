/**
 * Runs the rolefit extension tests (tests/editor/suite, Mocha, the `vscode` API) inside a real
 * VS Code extension host.  `npm run test:editor`
 *
 * Which VS Code:
 *   VSCODE_EXECUTABLE_PATH=/path/to/code   a VS Code desktop executable (e.g. .../VSCode-linux-x64/code),
 *                                          run with @vscode/test-electron (on Linux without a display, under xvfb-run)
 *   ROLEFIT_EDITOR_DOWNLOAD=1              let test-electron download one into .vscode-test/
 *                                          (VSCODE_VERSION picks the version; default "stable")
 *   neither                                code-server's VS Code (the e2e suite's, installed by
 *                                          tests/e2e/setup.sh), its extension host started from
 *                                          headless Chromium with the extension under development
 *
 * Other knobs (read by the suite): ROLEFIT_EDITOR_WAIT_MS (per wait, default 30000),
 * ROLEFIT_EDITOR_TEST_TIMEOUT_MS (per test, default 120000), ROLEFIT_EDITOR_GREP (mocha grep).
 *
 * `--compile-only` bundles the suite into tests/editor/out/ and stops.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { runTests } from '@vscode/test-electron';
import { CHROMIUM, CHROMIUM_ARGS, chromium, startCodeServer } from '../e2e/codeServer';

const ROOT = path.resolve(__dirname, '..', '..');
const EDITOR_DIR = path.join(ROOT, 'tests', 'editor');
const SUITE_DIR = path.join(EDITOR_DIR, 'suite');
const OUT_DIR = path.join(EDITOR_DIR, 'out');
const FIXTURES = path.join(EDITOR_DIR, 'workspace');
const BUILT = [path.join(ROOT, 'client', 'out', 'extension.js'), path.join(ROOT, 'server', 'out', 'main.js'), path.join(ROOT, 'server', 'out', 'language-server.js')];

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

type Desktop = { vscodeExecutablePath: string } | { version: string };

/** A desktop VS Code when one is given, or undefined: then the suite runs in code-server. */
function desktopVsCode(): Desktop | undefined {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`VSCODE_EXECUTABLE_PATH=${given} does not exist`);
    return { vscodeExecutablePath: path.resolve(given) };
  }
  if (process.env.ROLEFIT_EDITOR_DOWNLOAD === '1') return { version: process.env.VSCODE_VERSION || 'stable' };
  return undefined;
}

/** A fresh copy of the test workspace, inside a temporary folder that `cleanup` removes. */
function temporaryWorkspace(): { temp: string; workspace: string; cleanup: () => void } {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-editor-'));
  const workspace = path.join(temp, 'workspace');
  fs.cpSync(FIXTURES, workspace, { recursive: true });
  return { temp, workspace, cleanup: () => fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 }) };
}

async function runInDesktop(desktop: Desktop, extensionTestsPath: string): Promise<boolean> {
  const { temp, workspace, cleanup } = temporaryWorkspace();
  const launchArgs = [
    workspace,
    '--disable-extensions',
    '--disable-workspace-trust',
    `--user-data-dir=${path.join(temp, 'user-data')}`,
    `--extensions-dir=${path.join(temp, 'extensions')}`,
  ];
  try {
    await runTests({ ...desktop, extensionDevelopmentPath: ROOT, extensionTestsPath, launchArgs });
    return true;
  } catch (error) {
    console.error(`rolefit editor tests failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  } finally {
    cleanup();
  }
}

/** How long the whole suite may take in code-server before the run is declared hung. */
const CODE_SERVER_SUITE_MS = Number(process.env.ROLEFIT_EDITOR_SUITE_TIMEOUT_MS ?? 600_000);

/**
 * The same suite in code-server's VS Code: the workbench, opened in headless Chromium with the
 * extension under development and the tests in its URL payload (as VS Code for the Web does),
 * starts the extension host on the server, which runs the suite and reports its exit code to the
 * page through `codeAutomationExit`.
 */
async function runInCodeServer(extensionTestsPath: string): Promise<boolean> {
  const setup = spawnSync('bash', [path.join(ROOT, 'tests', 'e2e', 'setup.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) {
    console.error('rolefit editor tests: tests/e2e/setup.sh failed, so code-server is not available (or set VSCODE_EXECUTABLE_PATH to a desktop VS Code)');
    return false;
  }
  const { temp, workspace, cleanup } = temporaryWorkspace();
  const resultsFile = path.join(temp, 'results.txt');
  // The extension host inherits code-server's environment.
  process.env.ROLEFIT_EDITOR_RESULTS = resultsFile;
  const server = await startCodeServer({ workspace });
  const browser = await chromium().launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const remote = (file: string) => `vscode-remote://${new URL(server.url).host}${file}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(extensionTestsPath)]]);
    const page = await browser.newPage();
    const exitCode = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exitCode, new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), CODE_SERVER_SUITE_MS); })]);
    clearTimeout(timer);
    const results = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
    console.log(`rolefit editor tests in code-server (${path.relative(ROOT, extensionTestsPath)}):\n${results}`);
    if (code === 0 && results !== '') return true;
    const why = code === undefined ? `the suite did not finish within ${CODE_SERVER_SUITE_MS / 1000} s` : results === '' ? `the extension host exited with ${code} before the suite ran` : `exit code ${code}`;
    console.error(`rolefit editor tests failed: ${why}\n--- code-server log (tail) ---\n${server.logs().slice(-4000)}`);
    return false;
  } finally {
    await browser.close();
    await server.stop();
    cleanup();
  }
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

  const extensionTestsPath = await compileSuite();
  const desktop = desktopVsCode();
  const passed = desktop ? await runInDesktop(desktop, extensionTestsPath) : await runInCodeServer(extensionTestsPath);
  return passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rolefit editor tests: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
