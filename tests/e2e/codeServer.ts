/**
 * End-to-end helpers: a real VS Code (code-server 4.100.3 = VS Code 1.100.3)
 * driven in Debian's Chromium through playwright-core, fully offline.
 *
 * Prerequisite: `bash tests/e2e/setup.sh` (installs into .cache/e2e/).
 * Run tests with `node --import tsx --test tests/e2e/*.e2e.ts`.
 *
 *   const server = await startCodeServer({ workspace, vsix: 'rolefit.vsix' });
 *   const page = await openWorkbench(server.url, workspace);
 *   await openFile(page, 'posting.md');
 *   await waitForProblems(page, 3);
 *   await screenshot(page, '01-problems');
 *   await closeWorkbench(page); await server.stop();
 *
 * Editor positions are 1-based (line 1, column 1 = first character), like
 * VS Code's "Go to Line" (Ctrl+G) box.
 *
 * playwright-core is loaded from the cache at run time; its types are NOT
 * imported (so `tsc --noEmit` passes before setup.sh ran), a minimal
 * structural subset is declared below instead.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const E2E_CACHE = process.env.ROLEFIT_E2E_CACHE ?? join(REPO_ROOT, '.cache/e2e');
export const CODE_SERVER_ENTRY = join(E2E_CACHE, 'node_modules/code-server/out/node/entry.js');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results/e2e');
export const CHROMIUM = process.env.ROLEFIT_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** True when setup.sh has run (tests can skip with a clear message otherwise). */
export function e2eAvailable(): boolean {
  return existsSync(CODE_SERVER_ENTRY) && existsSync(join(E2E_CACHE, 'node_modules/playwright-core')) && existsSync(CHROMIUM);
}

// ---------------------------------------------------------------------------
// Minimal playwright-core types (the subset these helpers and tests use).
// ---------------------------------------------------------------------------
type Timeout = { timeout?: number };
export interface Locator {
  click(o?: Timeout & { button?: 'left' | 'right'; position?: { x: number; y: number } }): Promise<void>;
  hover(o?: Timeout): Promise<void>;
  count(): Promise<number>;
  first(): Locator;
  last(): Locator;
  nth(i: number): Locator;
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  filter(o: { hasText?: string | RegExp; has?: Locator }): Locator;
  innerText(o?: Timeout): Promise<string>;
  textContent(o?: Timeout): Promise<string | null>;
  getAttribute(name: string, o?: Timeout): Promise<string | null>;
  allInnerTexts(): Promise<string[]>;
  isVisible(): Promise<boolean>;
  boundingBox(o?: Timeout): Promise<{ x: number; y: number; width: number; height: number } | null>;
  waitFor(o?: Timeout & { state?: 'attached' | 'detached' | 'visible' | 'hidden' }): Promise<void>;
  press(key: string, o?: Timeout): Promise<void>;
}
export interface FrameLocator {
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
}
export interface Page {
  frameLocator(selector: string): FrameLocator;
  goto(url: string, o?: Timeout & { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit' }): Promise<unknown>;
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  keyboard: {
    press(key: string, o?: { delay?: number }): Promise<void>;
    type(text: string, o?: { delay?: number }): Promise<void>;
    insertText(text: string): Promise<void>;
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
  };
  mouse: { move(x: number, y: number, o?: { steps?: number }): Promise<void>; click(x: number, y: number): Promise<void> };
  screenshot(o?: { path?: string; fullPage?: boolean }): Promise<Buffer>;
  evaluate<R = unknown>(expression: string): Promise<R>;
  waitForFunction(expression: string, arg?: unknown, o?: Timeout & { polling?: number | 'raf' }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  on(event: 'console' | 'pageerror', cb: (x: { text?: () => string; message?: string }) => void): void;
  exposeFunction(name: string, callback: (...args: never[]) => unknown): Promise<void>;
  context(): { browser(): { close(): Promise<void> } | null; close(): Promise<void> };
  close(): Promise<void>;
}
interface Chromium {
  launch(o: { executablePath: string; headless?: boolean; args?: string[]; timeout?: number }): Promise<{
    newPage(o?: { viewport?: { width: number; height: number } }): Promise<Page>;
    close(): Promise<void>;
  }>;
}
export function chromium(): Chromium {
  const req = createRequire(join(E2E_CACHE, 'node_modules/'));
  return (req('playwright-core') as { chromium: Chromium }).chromium;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the workbench has rendered two more frames: what a widget needs after it opens, without guessing a time. */
export const settle = (page: Page) => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))');

// ---------------------------------------------------------------------------
// code-server
// ---------------------------------------------------------------------------

/** Settings written to the user settings.json unless overridden. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  // VS Code's own markdown checks (links, headers); off so Problems only shows ours.
  'markdown.validate.enabled': false,
};

export interface StartOptions {
  /** Folder opened as the workspace (must exist). */
  workspace: string;
  /** .vsix file(s) installed into a fresh extensions dir before start. */
  vsix?: string | string[];
  /** User settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /** How long to wait for the HTTP server (default 60 s). */
  timeoutMs?: number;
}
export interface CodeServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  url: string;
  port: number;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout+stderr so far (attach to failures). */
  logs(): string;
  /** Kills code-server's whole process group and removes the temp dirs. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function codeServerEnv(home: string): NodeJS.ProcessEnv {
  // Keep code-server's own state (coder.json, logs) out of ~/.local and ~/.config.
  return {
    ...process.env,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    VSCODE_CLI_DISABLE_UPDATES: '1',
  };
}

/** Installs a .vsix into extensionsDir with code-server's CLI (offline). */
export async function installVsix(vsix: string, dirs: { home: string; userDataDir: string; extensionsDir: string }): Promise<string> {
  const file = resolve(vsix);
  if (!existsSync(file)) throw new Error(`vsix not found: ${file}`);
  const args = [CODE_SERVER_ENTRY, '--config', join(dirs.home, 'config.yaml'), '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', dirs.extensionsDir, '--install-extension', file];
  return new Promise((res, rej) => {
    execFile(process.execPath, args, { env: codeServerEnv(dirs.home), timeout: 120_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (err || !/successfully installed/i.test(out)) rej(new Error(`installing ${file} failed:\n${out}${err ? `\n${err.message}` : ''}`));
      else res(out);
    });
  });
}

/** Starts code-server on a free port with fresh user-data and extensions dirs. */
export async function startCodeServer(opts: StartOptions): Promise<CodeServer> {
  if (!existsSync(CODE_SERVER_ENTRY)) throw new Error(`code-server missing: run bash tests/e2e/setup.sh (${CODE_SERVER_ENTRY})`);
  const workspace = resolve(opts.workspace);
  const home = await mkdtemp(join(tmpdir(), 'rolefit-e2e-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir, { recursive: true });
  // A config file of our own: otherwise code-server writes ~/.config/code-server/config.yaml.
  await writeFile(join(home, 'config.yaml'), 'auth: none\n');
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  await writeFile(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
  for (const v of opts.vsix === undefined ? [] : Array.isArray(opts.vsix) ? opts.vsix : [opts.vsix]) {
    await installVsix(v, { home, userDataDir, extensionsDir });
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [CODE_SERVER_ENTRY,
    '--config', join(home, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', workspace,
  ], { env: codeServerEnv(home), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const append = (b: Buffer) => { log = (log + b.toString()).slice(-200_000); };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let exited: number | null | undefined;
  const exitP = new Promise<void>((r) => child.once('exit', (code, sig) => { exited = code ?? (sig ? -1 : null); r(); }));
  // Never leave a server behind if the test process dies.
  const killGroup = (sig: NodeJS.Signals) => { try { if (child.pid) process.kill(-child.pid, sig); } catch { /* gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.once('exit', onExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', onExit);
    killGroup('SIGTERM');
    // A cleared timer: a pending 5 s sleep would keep the test process alive after the suite.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exitP, new Promise<void>((r) => { timer = setTimeout(r, 5000); })]);
    clearTimeout(timer);
    killGroup('SIGKILL'); // children (extension host, language servers) too
    await rm(home, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited !== undefined) { await stop(); throw new Error(`code-server exited (${exited}) before answering:\n${log}`); }
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not answer on ${url} in time:\n${log}`); }
    await sleep(200);
  }
  return { url, port, workspace, userDataDir, extensionsDir, logs: () => log, stop };
}

// ---------------------------------------------------------------------------
// Browser / workbench
// ---------------------------------------------------------------------------

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

/**
 * Opens `folder` in the workbench at `url` in a new headless Chromium
 * (viewport 1600x1000) and waits until the workbench and its status bar show.
 * Close with closeWorkbench(page).
 */
export async function openWorkbench(url: string, folder: string, opts: { timeoutMs?: number } = {}): Promise<Page> {
  const timeout = opts.timeoutMs ?? 60_000;
  const browser = await chromium().launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${url}/?folder=${encodeURIComponent(resolve(folder))}`, { timeout, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await page.locator('.part.statusbar .statusbar-item').first().waitFor({ state: 'visible', timeout });
    // The explorer lists the folder once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout })
      .catch(() => undefined);
    return page;
  } catch (e) {
    await browser.close();
    throw e;
  }
}

/** Closes the page's browser. */
export async function closeWorkbench(page: Page): Promise<void> {
  const b = page.context().browser();
  await (b ? b.close() : page.close());
}

/** Saves a PNG of the whole window to test-results/e2e/<step>.png; returns the path. */
export async function screenshot(page: Page, step: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${step.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path });
  return path;
}

/** The active editor's text area (a Locator), in the active editor group. */
export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .editor-container .monaco-editor').first();
}

/**
 * Presses `key` to open the quick input (Quick Open, Command Palette, Go to
 * Line) and waits until its text box has keyboard focus, so that what is typed
 * next can never land in the editor.
 */
async function openQuickInput(page: Page, key: string, timeout: number): Promise<void> {
  await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout }).catch(() => page.keyboard.press('Escape'));
  await page.keyboard.press(key);
  await page.waitForFunction(`!!(document.activeElement && document.activeElement.closest('.quick-input-widget .quick-input-box'))`,
    undefined, { timeout, polling: 50 });
}

/** Opens a workspace file via Quick Open (Ctrl+P) and waits for its editor to be focused. */
export async function openFile(page: Page, relPath: string, timeout = 20_000): Promise<void> {
  const name = relPath.split('/').pop()!;
  await openQuickInput(page, 'Control+P', timeout);
  await page.keyboard.insertText(relPath);
  // Wait for the file to be found (file search runs on the server with ripgrep).
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout });
  await page.keyboard.press('Enter');
  await page.locator(`.editor-group-container.active .tab.active[data-resource-name="${name}"]`).waitFor({ state: 'visible', timeout });
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout });
  await settle(page);
}

/** Runs a command from the Command Palette (F1) by its exact title, e.g. "View: Toggle Word Wrap". */
export async function runCommand(page: Page, title: string, timeout = 10_000): Promise<void> {
  await openQuickInput(page, 'F1', timeout);
  await page.keyboard.insertText(title);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
}

/** Moves the cursor of the active editor to line:column (1-based) with Ctrl+G. */
export async function gotoPosition(page: Page, line: number, column = 1, timeout = 10_000): Promise<void> {
  await openQuickInput(page, 'Control+G', timeout);
  await page.keyboard.insertText(`${line}:${column}`);
  await settle(page);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout });
  await settle(page);
}

/** Visible lines of the active editor, top to bottom (Monaco renders only what is on screen). */
export async function editorText(page: Page): Promise<string> {
  return page.evaluate<string>(`(() => {
    const ed = document.querySelector('.editor-group-container.active .editor-container .monaco-editor');
    if (!ed) return '';
    const lines = Array.from(ed.querySelectorAll('.view-lines .view-line'));
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => l.textContent.replace(/\\u00a0/g, ' ')).join('\\n');
  })()`);
}

/** Number of warning/error squiggles currently rendered in the active editor. */
export async function squiggleCount(page: Page, kind: 'warning' | 'error' | 'info' | 'any' = 'any'): Promise<number> {
  const sel = kind === 'any' ? '.squiggly-warning, .squiggly-error, .squiggly-info' : `.squiggly-${kind}`;
  return activeEditor(page).locator(sel).count();
}

export interface ProblemCounts { errors: number; warnings: number; infos: number; total: number }

/** Problem counts from the status bar's problems item (exact, unlike the virtualized list). */
export async function problemCounts(page: Page): Promise<ProblemCounts> {
  const label = (await page.locator('#status\\.problems').first().getAttribute('aria-label')) ?? '';
  const n = (re: RegExp) => Number(re.exec(label)?.[1] ?? 0);
  const errors = n(/Errors?:\s*(\d+)/i), warnings = n(/Warnings?:\s*(\d+)/i), infos = n(/Infos?:\s*(\d+)/i);
  return { errors, warnings, infos, total: errors + warnings + infos };
}

/** Opens the Problems panel (Ctrl+Shift+M) if it is not showing. */
export async function showProblems(page: Page, timeout = 10_000): Promise<void> {
  if (await page.locator('.markers-panel').isVisible()) return;
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout });
  await settle(page);
}

/**
 * Opens the Problems panel and waits until it lists exactly `n` problems
 * (file header rows are not counted). Returns the visible problem rows' texts
 * (message, source, code and [Ln, Col]).
 */
export async function waitForProblems(page: Page, n: number, timeout = 30_000): Promise<string[]> {
  await showProblems(page, timeout);
  const deadline = Date.now() + timeout;
  let last: ProblemCounts = { errors: 0, warnings: 0, infos: 0, total: -1 };
  for (;;) {
    last = await problemCounts(page);
    const rows = await problemRows(page);
    // Rows are virtualized: with many problems only the visible ones are in the DOM.
    if (last.total === n && (rows.length === n || (n > 0 && rows.length > 0 && rows.length < n) || n === 0)) return rows;
    if (Date.now() > deadline) throw new Error(`expected ${n} problems, status bar says ${JSON.stringify(last)}; rows:\n${rows.join('\n')}`);
    await sleep(250);
  }
}

/** Texts of the problem rows rendered in the Problems panel (not file headers). */
export async function problemRows(page: Page): Promise<string[]> {
  const rows = page.locator('.markers-panel .monaco-list-row').filter({ has: page.locator('.marker-message-details, .marker-icon') });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

export interface StatusItem { id: string; text: string; ariaLabel: string }

/** All status bar items (id, visible text, aria-label), left to right. */
export async function statusBarItems(page: Page): Promise<StatusItem[]> {
  return page.evaluate<StatusItem[]>(`Array.from(document.querySelectorAll('.part.statusbar .statusbar-item')).map((e) => ({
    id: e.id, text: (e.innerText || '').replace(/\\s+/g, ' ').trim(),
    ariaLabel: e.getAttribute('aria-label') || (e.querySelector('[aria-label]') || e).getAttribute('aria-label') || '' }))`);
}

/** The whole status bar as one string (items joined by " | "). */
export async function statusBarText(page: Page): Promise<string> {
  return (await statusBarItems(page)).map((i) => i.text).filter(Boolean).join(' | ');
}

/** Waits until some status bar item's text matches; returns that text. */
export async function waitForStatusBar(page: Page, match: string | RegExp, timeout = 30_000): Promise<string> {
  const test = (t: string) => (typeof match === 'string' ? t.includes(match) : match.test(t));
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = (await statusBarItems(page)).find((i) => test(i.text) || test(i.ariaLabel));
    if (hit) return hit.text || hit.ariaLabel;
    if (Date.now() > deadline) throw new Error(`status bar never matched ${match}: ${await statusBarText(page)}`);
    await sleep(250);
  }
}

/**
 * Puts the cursor at line:column, opens the quick-fix menu (Ctrl+.) and picks
 * the first item whose label contains `label`. Returns all labels offered.
 */
export async function quickFix(page: Page, line: number, column: number, label: string | RegExp, timeout = 15_000): Promise<string[]> {
  await gotoPosition(page, line, column);
  await page.keyboard.press('Control+.');
  const widget = page.locator('.action-widget');
  await widget.first().waitFor({ state: 'visible', timeout });
  const items = page.locator('.action-widget .monaco-list-row.action');
  await items.first().waitFor({ state: 'visible', timeout });
  await settle(page);
  const labels = (await items.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  const test = (t: string) => (typeof label === 'string' ? t.includes(label) : label.test(t));
  if (!labels.some(test)) {
    await page.keyboard.press('Escape');
    throw new Error(`no quick fix matching ${label}; offered: ${JSON.stringify(labels)}`);
  }
  // Keyboard, not a click: the menu puts a pointer-blocking layer over the page
  // until the mouse moves, so clicks time out.
  for (let i = 0; i <= labels.length; i++) {
    const focused = (await page.locator('.action-widget .monaco-list-row.action.focused').first().innerText({ timeout: 1000 }).catch(() => ''))
      .replace(/\s+/g, ' ').trim();
    if (test(focused)) break;
    await page.keyboard.press('ArrowDown');
    await settle(page);
  }
  await page.keyboard.press('Enter');
  await widget.first().waitFor({ state: 'hidden', timeout });
  await settle(page);
  return labels;
}

/**
 * Hovers the mouse over line:column of the active editor (via the cursor's
 * on-screen box) and returns the hover's text once it has `expect` (if given)
 * or any content.
 */
export async function hoverAt(page: Page, line: number, column: number, expect?: string | RegExp, timeout = 15_000): Promise<string> {
  await gotoPosition(page, line, column);
  const cursor = page.locator('.editor-group-container.active .monaco-editor.focused .cursors-layer .cursor').first();
  const box = await cursor.boundingBox({ timeout });
  if (!box) throw new Error('cursor not visible');
  // Move away first so a hover for a previous position is dismissed.
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x + 3, box.y + box.height / 2, { steps: 3 });
  const hover = page.locator('.monaco-editor .monaco-hover:not(.hidden) .monaco-hover-content').first();
  await hover.waitFor({ state: 'visible', timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = (await hover.innerText().catch(() => '')).trim();
    const ok = expect === undefined ? text.length > 0 && !/^Loading/.test(text)
      : typeof expect === 'string' ? text.includes(expect) : expect.test(text);
    if (ok) return text;
    if (Date.now() > deadline) throw new Error(`hover at ${line}:${column} never showed ${expect ?? 'content'}; got: ${text}`);
    await sleep(200);
  }
}

/** Types text into the focused editor (at the cursor), character by character. */
export async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.type(text, { delay: 10 });
}

/**
 * Types `prefix` at the cursor, opens the suggest widget (Ctrl+Space) unless it
 * is already open, and accepts the first suggestion whose label contains
 * `label`. Returns all labels offered. Snippet placeholders stay active: press
 * Escape (or Tab) afterwards as needed.
 */
export async function acceptSuggestion(page: Page, prefix: string, label: string | RegExp, timeout = 15_000): Promise<string[]> {
  if (prefix) await typeInEditor(page, prefix);
  const widget = page.locator('.editor-group-container.active .suggest-widget.visible');
  await settle(page);
  if (!(await widget.isVisible())) await page.keyboard.press('Control+Space');
  await widget.waitFor({ state: 'visible', timeout });
  const test = (t: string) => (typeof label === 'string' ? t.includes(label) : label.test(t));
  // The list fills in as providers answer (words first, snippets after): wait for the wanted row itself.
  const wanted = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label }) }).first();
  await wanted.waitFor({ state: 'visible', timeout }).catch(async () => {
    const offered = await widget.locator('.monaco-list-row .label-name').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`no suggestion matching ${label}; offered: ${JSON.stringify(offered)}`);
  });
  const labels = (await widget.locator('.monaco-list-row .label-name').allInnerTexts()).map((t) => t.trim());
  // The keyboard, not a click: a click can land on a row the list is re-rendering.
  for (let i = 0; i <= labels.length; i++) {
    const focused = (await widget.locator('.monaco-list-row.focused .label-name').first().innerText({ timeout: 1000 }).catch(() => '')).trim();
    if (test(focused)) break;
    await page.keyboard.press('ArrowDown');
    await settle(page);
  }
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout });
  await settle(page);
  return labels;
}

/** Saves the active editor (Ctrl+S) and waits for the tab's dirty mark to go. */
export async function saveActive(page: Page, timeout = 10_000): Promise<void> {
  await page.keyboard.press('Control+S');
  await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'hidden', timeout });
}
