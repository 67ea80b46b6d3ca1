/**
 * rolefit in a real VS Code: code-server 4.100.3 (VS Code 1.100.3) in headless
 * Chromium, with rolefit.vsix installed. Checks what a user sees: squiggles,
 * Problems, quick fixes, "Fix all", hover, status bar, snippets, the role report,
 * completion details, fix on save,
 * silence on notes that are not postings, and that the language server never restarted.
 *
 *   npm run test:e2e        (setup + build + this suite; see tests/e2e/run.sh)
 *
 * Screenshots of every step: test-results/e2e/vscode-*.png.
 * Each run works on a temp copy of tests/e2e/fixtures/, never on the originals.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REPO_ROOT, RESULTS_DIR, closeWorkbench, e2eAvailable, editorText, gotoPosition, hoverAt, openFile, openWorkbench, problemCounts, problemRows,
  runCommand, screenshot, settle, squiggleCount, startCodeServer, statusBarItems, waitForProblems, waitForStatusBar,
  acceptSuggestion, typeInEditor, type CodeServer, type Page,
} from './codeServer';

const FIXTURES = join(REPO_ROOT, 'tests/e2e/fixtures');
const VSIX = process.env.ROLEFIT_VSIX ?? join(REPO_ROOT, 'rolefit.vsix');
const ORIGINAL = readFileSync(join(FIXTURES, 'cto.md'), 'utf8');
const ORIGINAL_LINES = ORIGINAL.split('\n');
/** 1-based lines of the two CIO duties in fixtures/cto.md. */
const ERP_LINE = ORIGINAL_LINES.findIndex((l) => l.includes('NetSuite ERP')) + 1;
const HELPDESK_LINE = ORIGINAL_LINES.findIndex((l) => l.includes('IT help desk')) + 1;
const LAST_DUTY_LINE = ORIGINAL_LINES.map((l) => l.startsWith('- ')).lastIndexOf(true) + 1;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until `ok(value)`; throws with the last value after `timeout` ms. */
async function waitUntil<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, timeout = 20_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(v)}`);
    await sleep(200);
  }
}

/**
 * Saves the active editor (Ctrl+S) and waits until the file on disk passes
 * `ok`. Waiting on the disk, not on the tab's dirty mark: the mark can clear
 * before the remote write lands, and code actions are saved by VS Code itself
 * (files.refactoring.autoSave), so the mark may never show at all.
 */
async function saveAndRead(page: Page, file: string, ok: (text: string) => boolean, timeout = 10_000): Promise<string> {
  await page.keyboard.press('Control+S');
  const text = await waitUntil(`${file} on disk`, () => readFileSync(file, 'utf8'), ok, timeout);
  await page.locator('.editor-group-container.active .tab.active.dirty').waitFor({ state: 'hidden', timeout });
  return text;
}

let noActionsFlashes = 0;

/**
 * Puts the cursor at line:column, presses Ctrl+. and returns the labels of the
 * quick-fix menu once it shows. VS Code 1.100 now and then answers Ctrl+. with
 * "No code actions available" although the light bulb of the same position is
 * showing (seen once in ~20 suite runs, not reproduced in 45 isolated tries): that
 * case is logged and Ctrl+. pressed again, at most twice.
 */
async function openQuickFixMenu(page: Page, line: number, column: number): Promise<string[]> {
  await gotoPosition(page, line, column);
  const rows = page.locator('.action-widget .monaco-list-row.action');
  const noActions = page.locator('.monaco-editor-overlaymessage', { hasText: 'No code actions available' });
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await waitUntil('the quick-fix menu', async () =>
      (await rows.first().isVisible()) ? 'menu' : (await noActions.first().isVisible()) ? 'none' : '', (v) => v !== '', 15_000);
    if (shown === 'menu') break;
    noActionsFlashes++;
    console.log(`  WARNING: Ctrl+. at ${line}:${column} said "No code actions available" (attempt ${attempt + 1})`);
    if (attempt === 2) throw new Error(`Ctrl+. at ${line}:${column} keeps saying "No code actions available"`);
    await page.keyboard.press('Escape');
    await noActions.first().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    await gotoPosition(page, line, column);
  }
  await settle(page); // the menu's rows render in the next frame
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Picks the open quick-fix menu's item containing `label` with the keyboard (clicks are blocked by the menu's overlay). */
async function chooseFromMenu(page: Page, label: string): Promise<void> {
  const focused = page.locator('.action-widget .monaco-list-row.action.focused').first();
  const count = await page.locator('.action-widget .monaco-list-row.action').count();
  for (let i = 0; i <= count; i++) {
    const text = (await focused.innerText({ timeout: 1000 }).catch(() => '')).replace(/\s+/g, ' ');
    if (text.includes(label)) {
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
      return;
    }
    await page.keyboard.press('ArrowDown');
    await settle(page);
  }
  throw new Error(`no menu item containing ${label}`);
}

/** Texts of the editor lines that carry a squiggle of `kind` (matched by on-screen position). */
function squiggledLines(page: Page, kind: 'warning' | 'error' | 'info'): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const ed = document.querySelector('.editor-group-container.active .editor-container .monaco-editor');
    if (!ed) return [];
    const lines = Array.from(ed.querySelectorAll('.view-lines .view-line'));
    const out = [];
    for (const s of ed.querySelectorAll('.squiggly-${kind}')) {
      const r = s.getBoundingClientRect();
      const y = r.top + r.height / 2;
      const line = lines.find((l) => { const b = l.getBoundingClientRect(); return y >= b.top && y < b.bottom; });
      if (line) out.push(line.textContent.replace(/\\u00a0/g, ' '));
    }
    return out;
  })()`);
}

/** The rolefit language server processes started by this code-server (pids). */
function serverPids(server: CodeServer): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(server.extensionsDir) && l.includes('server/out/main.js'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}

/** Checks one posting on disk with the CLI shipped inside the installed vsix (the same build as the server). */
type CliFile = { path: string; findings: Array<{ ruleId: string; owner?: string; text?: string }> };

/** The installed CLI's JSON report on a file or folder. */
function cliReport(server: CodeServer, target: string): CliFile[] {
  const ext = readdirSync(server.extensionsDir).find((d) => d.startsWith('rolefit.rolefit-'));
  assert.ok(ext, `rolefit not installed in ${server.extensionsDir}`);
  const out = execFileSync(process.execPath, [join(server.extensionsDir, ext, 'server/out/cli.js'), 'check', target,
    '--format', 'json', '--fail-on', 'never', '--quiet'], { encoding: 'utf8' });
  return (JSON.parse(out) as { files: CliFile[] }).files;
}

function cliFindings(server: CodeServer, file: string): CliFile['findings'] {
  return cliReport(server, file)[0]?.findings ?? [];
}

describe('rolefit in VS Code (code-server)', { skip: e2eAvailable() ? false : 'run bash tests/e2e/setup.sh first' }, () => {
  const started = Date.now();
  let workspace = '';
  let server: CodeServer;
  let page: Page;
  let firstServerPids: number[] = [];
  let afterQuickFix = '';

  /** Runs a step; on failure saves a screenshot <step>-FAILED and prints code-server's log tail. */
  const step = (name: string, fn: () => Promise<void>) =>
    it(name, { timeout: 120_000 }, async () => {
      const t0 = Date.now();
      console.log(`  step ${name.slice(0, 1)} starts at ${new Date(t0).toISOString()}`);
      try {
        await fn();
      } catch (e) {
        if (page) await screenshot(page, `vscode-${name.slice(0, 1)}-FAILED`).catch(() => undefined);
        if (server) console.error(`--- code-server log tail ---\n${server.logs().slice(-4000)}`);
        if (server) for (const f of walk(join(server.userDataDir, 'logs')).filter((l) => l.endsWith('rolefit.log'))) {
          console.error(`--- ${f} (tail) ---\n${readFileSync(f, 'utf8').slice(-(process.env.ROLEFIT_E2E_TRACE === 'verbose' ? 30_000 : 6000))}`);
        }
        throw e;
      } finally {
        console.log(`  step ${name.slice(0, 1)}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      }
    });

  before(async () => {
    // Screenshots of an earlier run must not pass for this one's.
    for (const f of existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR) : []) if (f.startsWith('vscode-')) rmSync(join(RESULTS_DIR, f));
    workspace = mkdtempSync(join(tmpdir(), 'rolefit-e2e-ws-'));
    cpSync(FIXTURES, workspace, { recursive: true });
    copyFileSync(join(FIXTURES, 'cto.md'), join(workspace, 'cto2.md'));
    copyFileSync(join(FIXTURES, 'cto.md'), join(workspace, 'cto3.md'));
    // Install a private copy: the repo's vsix may be rebuilt while we run.
    const vsix = join(workspace, '..', `${workspace.split('/').pop()}.vsix`);
    copyFileSync(VSIX, vsix);
    server = await startCodeServer({
      workspace,
      vsix,
      settings: {
        // Traces the LSP messages into the rolefit log, printed when a step fails.
        'rolefit.trace.server': process.env.ROLEFIT_E2E_TRACE ?? 'messages',
        '[markdown]': { 'editor.quickSuggestions': { other: 'on', comments: 'off', strings: 'off' } },
        'editor.hover.delay': 200,
      },
    });
    rmSync(vsix, { force: true });
    page = await openWorkbench(server.url, workspace);
  }, { timeout: 180_000 });

  after(async () => {
    // Keep the extension's log (LSP trace) next to the screenshots.
    if (server) for (const f of walk(join(server.userDataDir, 'logs')).filter((l) => l.endsWith('rolefit.log'))) {
      mkdirSync(RESULTS_DIR, { recursive: true });
      copyFileSync(f, join(RESULTS_DIR, 'rolefit.log'));
    }
    if (page) await closeWorkbench(page).catch(() => undefined);
    if (server) await server.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
    console.log(`rolefit e2e: total ${((Date.now() - started) / 1000).toFixed(1)} s (code-server start, browser and all steps)`);
  });

  step('a. opening cto.md shows two warnings, in the editor and in Problems', async () => {
    await openFile(page, 'cto.md');
    const rows = await waitForProblems(page, 2);
    assert.deepEqual(await problemCounts(page), { errors: 0, warnings: 2, infos: 0, total: 2 });
    for (const row of rows) {
      assert.match(row, /role\.foreign-duty/, row);
      assert.match(row, /rolefit/, row);
      assert.match(row, /This duty belongs to the CIO \(.+\), not to a CTO\./, row);
    }
    assert.ok(rows.some((r) => /ERP/.test(r) && new RegExp(`\\[Ln ${ERP_LINE}, Col 3\\]`).test(r)), rows.join('\n'));
    assert.ok(rows.some((r) => /help desk/.test(r) && new RegExp(`\\[Ln ${HELPDESK_LINE}, Col 3\\]`).test(r)), rows.join('\n'));
    // Squiggles: warnings only, on exactly the two CIO items.
    const lines = await waitUntil('two warning squiggles', () => squiggledLines(page, 'warning'), (l) => new Set(l).size === 2);
    assert.equal(await squiggleCount(page, 'error'), 0);
    assert.ok(lines.some((l) => l.includes('Run the NetSuite ERP and the Salesforce CRM')), lines.join('\n'));
    assert.ok(lines.some((l) => l.includes('Run the IT help desk')), lines.join('\n'));
    firstServerPids = serverPids(server);
    assert.equal(firstServerPids.length, 1, `one rolefit server process, got ${firstServerPids}`);
    await screenshot(page, 'vscode-a-problems');
  });

  step('b. Ctrl+. on the ERP item lists the five fixes, partnership first; replace changes exactly that line', async () => {
    const labels = await openQuickFixMenu(page, ERP_LINE, 5);
    await screenshot(page, 'vscode-b-quick-fix-menu');
    console.log(`  quick fixes offered: ${JSON.stringify(labels)}`);
    const expectedTitles = ['Make it a partnership with the CIO: "In partnership with the CIO, run the NetSuite ERP', "Replace with the CTO's duty: \"", 'Remove this item',
      'Declare a hybrid role: roles: [cto, cio]', 'Ignore this item (rolefit-disable-next-line)'];
    for (const title of expectedTitles) assert.ok(labels.some((l) => l.startsWith(title)), `quick fix "${title}" missing from ${JSON.stringify(labels)}`);
    assert.ok(labels[0].startsWith(expectedTitles[0]), `the partnership is not first: ${labels[0]}`);
    const replacement = /Replace with the CTO's duty: "(.+)"/.exec(labels.find((l) => l.startsWith('Replace with'))!)![1];
    // Never a duty the posting already has.
    assert.ok(!ORIGINAL.includes(replacement), replacement);
    await chooseFromMenu(page, "Replace with the CTO's duty");
    await waitUntil('the replacement in the editor', () => editorText(page), (t) => t.includes(replacement) && !t.includes('NetSuite'));
    const expected = [...ORIGINAL_LINES];
    expected[ERP_LINE - 1] = `- ${replacement}`;
    afterQuickFix = await saveAndRead(page, join(workspace, 'cto.md'), (t) => !t.includes('NetSuite'));
    assert.equal(afterQuickFix, expected.join('\n'));
    const rows = await waitForProblems(page, 1);
    assert.match(rows[0], /help desk/);
    await waitUntil('one warning squiggle', () => squiggledLines(page, 'warning'), (l) => new Set(l).size === 1);
    await screenshot(page, 'vscode-b-quick-fix-applied');
  });

  step('c. "rolefit: Fix all in file" makes the last CIO duty a partnership, every word kept', async () => {
    await runCommand(page, 'rolefit: Fix all in file');
    await waitUntil('the fix in the editor', () => editorText(page), (t) => t.includes('In partnership with the CIO'));
    const onDisk = await saveAndRead(page, join(workspace, 'cto.md'), (t) => t.includes('In partnership with the CIO'));
    await waitForProblems(page, 0);
    // Only the help-desk line changed: the writer's words stay, after the partnership with the owner.
    const before = afterQuickFix.split('\n'), now = onDisk.split('\n');
    assert.equal(now.length, before.length);
    for (let i = 0; i < now.length; i++) if (i !== HELPDESK_LINE - 1) assert.equal(now[i], before[i], `line ${i + 1} changed`);
    assert.equal(now[HELPDESK_LINE - 1], '- In partnership with the CIO, run the IT help desk and keep every employee laptop patched.');
    assert.deepEqual(cliFindings(server, join(workspace, 'cto.md')), [], 'the CLI still finds foreign duties on disk');
    assert.equal(await squiggleCount(page, 'any'), 0);
    await screenshot(page, 'vscode-c-fix-all');
  });

  step('d. hover explains a finding; the status bar shows role and fit', async () => {
    await openFile(page, 'cto2.md');
    await waitForProblems(page, 2);
    const status = await waitForStatusBar(page, /CTO · fit \d+%/);
    assert.match(status, /^CTO · fit \d+%$/);
    const hover = await hoverAt(page, ERP_LINE, 12, 'Decided by');
    assert.match(hover, /rolefit/);
    assert.match(hover, /owned by the\s+CIO/);
    assert.match(hover, /Chief Information Officer/);
    assert.match(hover, /Decided by: "(NetSuite|ERP|Salesforce|CRM)"/);
    assert.match(hover, /Source:/);
    // The hover fades in: the screenshot waits until it is fully drawn.
    await page.waitForFunction(`(() => { const h = document.querySelector('.monaco-editor .monaco-hover:not(.hidden)'); return !!h && getComputedStyle(h).opacity === '1' && !h.getAnimations().some((a) => a.playState === 'running'); })()`, undefined, { timeout: 10_000, polling: 'raf' });
    await screenshot(page, 'vscode-d-hover');
    await page.keyboard.press('Escape');
  });

  step('e. the jd-cto snippet inserts a clean CTO template', async () => {
    // Close every editor, so that Problems only lists what belongs to empty.md.
    await page.mouse.move(5, 5);
    await runCommand(page, 'View: Close All Editors');
    await waitForProblems(page, 0);
    await openFile(page, 'empty.md');
    const labels = await acceptSuggestion(page, 'jd-cto', 'jd-cto');
    assert.ok(labels.includes('jd-cto'), JSON.stringify(labels));
    // Leave snippet mode (placeholders and the location choice keep their defaults).
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const text = await waitUntil('the template in the editor', () => editorText(page),
      (t) => t.includes('# Chief Technology Officer') && t.includes('## Responsibilities'), 10_000);
    assert.match(text, /^role: cto$/m);
    const onDisk = await saveAndRead(page, join(workspace, 'empty.md'), (t) => t.length > 0);
    assert.match(onDisk, /^# Chief Technology Officer$/m);
    assert.match(onDisk, /^## Responsibilities$/m);
    assert.equal(await waitForStatusBar(page, /CTO · fit 100%/), 'CTO · fit 100%');
    assert.deepEqual(await problemRows(page), []);
    await waitForProblems(page, 0);
    assert.equal(await squiggleCount(page, 'any'), 0);
    assert.deepEqual(cliFindings(server, join(workspace, 'empty.md')), []);
    await screenshot(page, 'vscode-e-snippet');
  });

  step('f. the role report opens beside the posting: own role first, a bar per role, links to the lines, nothing to save', async () => {
    // From the Explorer: the template's snippet session of step e may still hold the keyboard.
    await page.keyboard.press('Escape');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cto2.md' }).first().click();
    await page.locator('.editor-group-container.active .tab.active[data-resource-name="cto2.md"]').waitFor({ state: 'visible', timeout: 20_000 });
    await waitForProblems(page, 2);
    await runCommand(page, 'rolefit: Show role report');
    await page.locator('.tab', { hasText: 'Role report: cto2.md' }).first().waitFor({ state: 'visible', timeout: 20_000 });
    const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const headings = report.locator('h2');
    await headings.first().waitFor({ state: 'visible', timeout: 20_000 });
    const texts = await headings.allInnerTexts();
    assert.match(texts[0], /^Share of duties per role/, JSON.stringify(texts));
    assert.match(texts[1], /^CTO — Chief Technology Officer/, JSON.stringify(texts));
    assert.ok(texts.some((t) => /^CIO — Chief Information Officer 2$/.test(t.replace(/\s+/g, ' ').trim())), JSON.stringify(texts));
    const bars = await report.locator('table.chart tr th').allInnerTexts();
    assert.equal(bars[0], 'CTO', JSON.stringify(bars));
    // While the report has the focus, the status bar still describes its posting.
    assert.match(await waitForStatusBar(page, /CTO · fit \d+%/), /^CTO · fit \d+%$/);
    await screenshot(page, 'vscode-f-report');
    await report.locator('a[data-line]', { hasText: `Line ${ERP_LINE}` }).first().click();
    await page.locator('.editor-group-container.active .tab.active[data-resource-name="cto2.md"]').waitFor({ state: 'visible', timeout: 10_000 });
    await waitForStatusBar(page, `Ln ${ERP_LINE}, Col 3`);
    // Closing the report asks nothing: it is a view, not a document.
    await page.locator('.tab', { hasText: 'Role report: cto2.md' }).first().click();
    await page.keyboard.press('Control+W');
    await page.locator('.tab', { hasText: 'Role report: cto2.md' }).first().waitFor({ state: 'hidden', timeout: 10_000 });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a dialog opened on closing the report');
  });

  step('g. notes that are not a posting get no squiggle, no problem and no status item', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'notes.md');
    // The server has answered once the file is open and its (empty) diagnostics are in.
    await waitForProblems(page, 0);
    await settle(page);
    assert.equal(await squiggleCount(page, 'any'), 0);
    const items = await statusBarItems(page);
    assert.ok(!items.some((i) => /fit/.test(i.text) || /role\?/.test(i.text)), JSON.stringify(items.map((i) => i.text)));
    // Checking the folder, the CLI leaves notes.md out just as the editor does (a file named on its command line is checked as a posting).
    const reported = cliReport(server, workspace).map((f) => f.path);
    assert.ok(reported.some((p) => p.endsWith('cto.md')), JSON.stringify(reported));
    assert.ok(!reported.some((p) => p.endsWith('notes.md')), JSON.stringify(reported));
    await screenshot(page, 'vscode-g-notes');
  });

  /** The duty that step h adds from completion, written into cto3.md. */
  let completed = '';

  step('h. completion in the duties list: the details pane shows the whole duty and its duty area', async () => {
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'cto3.md');
    await waitForProblems(page, 2);
    await gotoPosition(page, LAST_DUTY_LINE, ORIGINAL_LINES[LAST_DUTY_LINE - 1].length + 1);
    await page.keyboard.press('Enter');
    await typeInEditor(page, '- ');
    const widget = page.locator('.editor-group-container.active .suggest-widget.visible');
    await page.keyboard.press('Control+Space');
    await widget.waitFor({ state: 'visible', timeout: 15_000 });
    const details = page.locator('.suggest-details-container .suggest-details');
    // Ctrl+Space again opens the details of the focused suggestion (VS Code remembers the choice).
    if (!(await details.isVisible())) await page.keyboard.press('Control+Space');
    await details.waitFor({ state: 'visible', timeout: 10_000 });
    // The list cuts a long duty with an ellipsis; the label itself holds the whole sentence.
    completed = (await widget.locator('.monaco-list-row.focused .label-name').first().innerText()).trim();
    const docs = await waitUntil('the details of the focused duty', () => details.innerText(), (t) => t.includes(completed));
    const area = /^CTO · (.+)$/m.exec(docs.replace(/\s*\n\s*/g, '\n'))?.[1];
    assert.ok(area, `the details do not say whose duty area it is: ${docs}`);
    assert.ok(completed.length > 40 && /\.$/.test(completed), `not a whole duty sentence: ${completed}`);
    assert.ok(docs.replace(/\s+/g, ' ').includes(`${area} (CTO):`), `the details do not say what the duty area "${area}" covers: ${docs}`);
    assert.ok(!ORIGINAL.includes(completed), `a duty the posting already has is offered: ${completed}`);
    await screenshot(page, 'vscode-h-completion');
    await page.keyboard.press('Enter');
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitUntil('the completed duty in the editor', () => editorText(page), (t) => t.includes(`- ${completed}`));
  });

  step('i. fix on save makes each foreign duty a partnership and changes nothing else', async () => {
    // Fix on save, switched on now in the folder's settings, so that the earlier steps saved without it.
    // The ruler comes from the same file: once it shows, VS Code has read the new settings.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode/settings.json'), JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.rolefit': 'explicit' }, 'editor.rulers': [100] }, null, 2));
    await page.locator('.editor-group-container.active .monaco-editor .view-ruler').first().waitFor({ state: 'attached', timeout: 20_000 });
    const expected = [...ORIGINAL_LINES];
    expected.splice(LAST_DUTY_LINE, 0, `- ${completed}`);
    expected[ERP_LINE - 1] = '- In partnership with the CIO, run the NetSuite ERP and the Salesforce CRM that finance and sales use.';
    expected[HELPDESK_LINE - 1] = '- In partnership with the CIO, run the IT help desk and keep every employee laptop patched.';
    const onDisk = await saveAndRead(page, join(workspace, 'cto3.md'), (t) => t.includes('In partnership with the CIO'));
    assert.equal(onDisk, expected.join('\n'));
    await waitForProblems(page, 0);
    assert.equal(await squiggleCount(page, 'any'), 0);
    await screenshot(page, 'vscode-i-fix-on-save');
  });

  step('j. the language server never crashed or restarted', async () => {
    const logs = walk(join(server.userDataDir, 'logs'));
    const rolefitLogs = logs.filter((f) => f.endsWith('/rolefit.rolefit/rolefit.log'));
    assert.equal(rolefitLogs.length, 1, `one rolefit log (one extension host), got ${JSON.stringify(rolefitLogs)}`);
    const log = readFileSync(rolefitLogs[0], 'utf8');
    const starts = log.match(/rolefit: language server running/g)?.length ?? 0;
    const crashes = log.match(/got closed|crashed|Starting server failed|Client is not running|unexpected (error|rejection)|failed:/g) ?? [];
    const hostLogs = logs.filter((f) => f.endsWith('remoteexthost.log') || f.endsWith('exthost.log')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const hostCrashes = hostLogs.match(/terminated unexpectedly|Extension host .* exited/g) ?? [];
    const pids = serverPids(server);
    console.log(`  "No code actions available" retries: ${noActionsFlashes}`);
    console.log(`  language server: ${starts} start(s), ${starts - 1} restart(s), ${crashes.length} crash message(s); pid ${firstServerPids} -> ${pids}`);
    assert.equal(starts, 1, 'the server was started more than once');
    assert.deepEqual(crashes, [], log.slice(-3000));
    assert.deepEqual(hostCrashes, []);
    assert.deepEqual(pids, firstServerPids, 'the server process changed');
    await screenshot(page, 'vscode-j-end');
  });

  step('k. a killed server is restarted by the client and findings come back', async () => {
    const [pid] = serverPids(server);
    assert.ok(pid, 'no server process');
    process.kill(pid, 'SIGKILL');
    const restarted = await waitUntil('a new server process', async () => serverPids(server), (pids) => pids.length > 0 && !pids.includes(pid), 30_000);
    // A click in the Explorer: Quick Open may still list the active file first right after a restart.
    await page.keyboard.press('Escape');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'cto2.md' }).first().click();
    await page.locator('.editor-group-container.active .tab.active[data-resource-name="cto2.md"]').waitFor({ state: 'visible', timeout: 20_000 });
    const rows = await waitForProblems(page, 2);
    assert.ok(rows.every((row) => row.includes('role.foreign-duty')), JSON.stringify(rows));
    console.log(`  server killed (pid ${pid}); restarted as pid ${restarted}; findings are back`);
    await screenshot(page, 'vscode-k-recovered');
  });

  step('l. "rolefit: Restart server" leaves the code cache in the extension\'s storage, not in the workspace', async () => {
    const [pid] = serverPids(server);
    assert.ok(pid, 'no server process');
    await runCommand(page, 'rolefit: Restart server');
    await waitUntil('a new server process', async () => serverPids(server), (pids) => pids.length > 0 && !pids.includes(pid), 30_000);
    const isCache = (file: string) => /language-server-[0-9a-f]{16}-[0-9a-f]{8}\.v8$/.test(file);
    const caches = await waitUntil('the code cache', () => walk(server.userDataDir).filter(isCache), (files) => files.length > 0);
    assert.ok(caches.every((file) => file.includes('/User/globalStorage/rolefit.rolefit/')), JSON.stringify(caches));
    assert.deepEqual(walk(workspace).filter(isCache), []);
    const rows = await waitForProblems(page, 2);
    assert.ok(rows.every((row) => row.includes('role.foreign-duty')), JSON.stringify(rows));
  });
});
