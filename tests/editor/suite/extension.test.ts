/**
 * rolefit inside a real VS Code: activation, diagnostics, every quick fix, fix all, hover,
 * completion, the posting snippets and the severity settings, all through the `vscode` API.
 *
 * Runs in the Extension Development Host started by tests/editor/runTests.ts, with a temporary
 * copy of tests/editor/workspace/ as the open folder. Nothing here sleeps: every wait is on
 * `vscode.languages.onDidChangeDiagnostics` with a timeout (ROLEFIT_EDITOR_WAIT_MS, default 30 s).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { suite, suiteSetup, suiteTeardown, test } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'rolefit.rolefit';
const SOURCE = 'rolefit';
const FOREIGN = 'role.foreign-duty';
const WAIT_MS = Number(process.env.ROLEFIT_EDITOR_WAIT_MS ?? 30_000);

/** The two CIO duties in cto.md; every other responsibility there is the CTO's. */
const ERP = 'Run the NetSuite ERP and the Salesforce CRM that finance and sales use.';
const HELP_DESK = 'Run the IT help desk and keep every employee laptop patched.';
const ROLE_IDS = ['cto', 'cio', 'cpo', 'ciso', 'cdo'];

/** What the partnership fix makes of a duty: the writer's words after the partnership with its owner. */
const partnership = (duty: string) => `- In partnership with the CIO, ${duty.charAt(0).toLowerCase()}${duty.slice(1)}`;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/** A diagnostic's code as a string: the server sends a codeDescription, so VS Code gives `{ value, target }`. */
function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

const rolefitOnly = (diagnostics: readonly vscode.Diagnostic[]) => diagnostics.filter((d) => d.source === SOURCE);
const foreignDuties = (diagnostics: readonly vscode.Diagnostic[]) => rolefitOnly(diagnostics).filter((d) => codeOf(d) === FOREIGN);

/**
 * The texts the role.foreign-duty diagnostics cover in the document's current text, sorted.
 * Stale diagnostics (for an older version) cover other text, so comparing these texts and the
 * count tells fresh results from old ones.
 */
function flaggedTexts(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): string[] {
  return foreignDuties(diagnostics)
    .map((d) => document.getText(d.range))
    .sort();
}

function sameList(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((value, index) => value === expected[index]);
}

function describeDiagnostics(document: vscode.TextDocument | undefined, diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return '(none)';
  return diagnostics
    .map((d) => {
      const where = `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
      const text = document ? ` "${document.getText(d.range)}"` : '';
      return `[${d.source ?? '?'} ${codeOf(d) ?? '?'} ${where}${text}] ${d.message}`;
    })
    .join(' | ');
}

/**
 * Resolves with the diagnostics of `uri` as soon as `predicate` holds for them: now, or on a later
 * `onDidChangeDiagnostics` event for that uri. Rejects after `timeoutMs`, listing the last ones seen.
 */
function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  timeoutMs: number = WAIT_MS,
  what = 'the expected diagnostics',
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  return new Promise((resolve, reject) => {
    let last: vscode.Diagnostic[] = [];
    let settled = false;
    const finish = () => {
      settled = true;
      clearTimeout(timer);
      subscription.dispose();
    };
    const check = () => {
      if (settled) return;
      last = vscode.languages.getDiagnostics(uri);
      let ok = false;
      try {
        ok = predicate(last);
      } catch (error) {
        finish();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (ok) {
        finish();
        resolve(last);
      }
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      if (settled) return;
      finish();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} on ${key}. Last diagnostics: ${describeDiagnostics(document, last)}`));
    }, timeoutMs);
    check();
  });
}

/** Waits for the two CIO findings of the unmodified cto.md. */
function waitForBaseline(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(
    document.uri,
    (diagnostics) => rolefitOnly(diagnostics).length === 2 && sameList(flaggedTexts(document, diagnostics), [ERP, HELP_DESK].sort()),
    WAIT_MS,
    `two ${FOREIGN} diagnostics (the ERP and the help desk items)`,
  );
}

/** Replaces the whole text of the document, as one workspace edit. */
async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not set the text of ${document.uri.toString()}`);
  assert.equal(document.getText(), text);
}

function lineOf(document: vscode.TextDocument, duty: string): number {
  for (let line = 0; line < document.lineCount; line++) {
    if (document.lineAt(line).text === `- ${duty}`) return line;
  }
  assert.fail(`"- ${duty}" is not in ${document.uri.toString()}`);
}

function isCodeAction(item: vscode.CodeAction | vscode.Command): item is vscode.CodeAction {
  return typeof (item as vscode.Command).command !== 'string';
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  const result = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command> | undefined>('vscode.executeCodeActionProvider', uri, range, kind);
  return (result ?? []).filter(isCodeAction);
}

async function completions(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList | undefined>('vscode.executeCompletionItemProvider', uri, position);
  return list?.items ?? [];
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function hoverText(hovers: readonly vscode.Hover[]): string[] {
  return hovers.map((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)).join('\n'));
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

suite('rolefit in VS Code', () => {
  let postingUri: vscode.Uri;
  /** cto.md as copied into the test workspace, before any test edits it. */
  let original: string;

  /** cto.md, shown in the active editor, with its original text and its two findings. */
  async function resetPosting(): Promise<vscode.TextDocument> {
    const document = await vscode.workspace.openTextDocument(postingUri);
    await vscode.window.showTextDocument(document, { preview: false });
    if (document.getText() !== original) await setText(document, original);
    await waitForBaseline(document);
    return document;
  }

  suiteSetup(() => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the test workspace folder is not open (runTests.ts passes it as the first launch argument)');
    postingUri = vscode.Uri.joinPath(folder.uri, 'cto.md');
    original = fs.readFileSync(postingUri.fsPath, 'utf8');
    assert.ok(original.includes(`- ${ERP}`) && original.includes(`- ${HELP_DESK}`), 'cto.md fixture lacks the two CIO duties');
  });

  suiteTeardown(async () => {
    // Leave cto.md as it was and saved, so that closing the window asks nothing.
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === postingUri?.toString());
    if (document && document.getText() !== original) await setText(document, original);
    if (document?.isDirty) await document.save();
  });

  test('opening a Markdown posting activates rolefit.rolefit', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded (extensionDevelopmentPath should be the repository root)`);
    const document = await vscode.workspace.openTextDocument(postingUri);
    await vscode.window.showTextDocument(document, { preview: false });
    assert.equal(document.languageId, 'markdown');
    // Nothing but the extension's own activation (onLanguage:markdown) can produce these.
    await waitForDiagnostics(postingUri, (diagnostics) => rolefitOnly(diagnostics).length > 0, WAIT_MS, 'the first rolefit diagnostics');
    assert.equal(extension.isActive, true, `${EXTENSION_ID} did not activate when a Markdown file was opened`);
  });

  test('flags the CIO duties of a CTO posting with role.foreign-duty', async () => {
    const document = await resetPosting();
    const diagnostics = foreignDuties(vscode.languages.getDiagnostics(document.uri));
    assert.equal(diagnostics.length, 2, describeDiagnostics(document, diagnostics));

    const erpLine = lineOf(document, ERP);
    const erp = diagnostics.find((d) => d.range.start.line === erpLine);
    assert.ok(erp, `no diagnostic on the ERP line ${erpLine}: ${describeDiagnostics(document, diagnostics)}`);
    assert.equal(erp.source, SOURCE);
    assert.equal(codeOf(erp), FOREIGN);
    if (typeof erp.code === 'object') {
      assert.ok(erp.code.target instanceof vscode.Uri && erp.code.target.toString().length > 0, 'the code carries the rule help link');
    }
    assert.equal(erp.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      [erp.range.start.line, erp.range.start.character, erp.range.end.line, erp.range.end.character],
      [erpLine, 2, erpLine, document.lineAt(erpLine).text.length],
      'the range covers the item text after "- ", to the end of the line',
    );
    assert.equal(document.getText(erp.range), ERP);
    assert.match(erp.message, /belongs to the CIO/);

    const helpDeskLine = lineOf(document, HELP_DESK);
    assert.ok(diagnostics.some((d) => d.range.start.line === helpDeskLine), 'the help desk item is flagged too');
  });

  /** Each quick fix, what the text must look like after it, and which items stay flagged. */
  const quickFixes: Array<{ prefix: string; stillFlagged: string[]; check: (text: string, title: string) => void }> = [
    {
      prefix: "Replace with the CTO's duty",
      stillFlagged: [HELP_DESK],
      check: (text, title) => {
        assert.ok(!text.includes(ERP), 'the ERP item is still there');
        const replacement = /: "(.*)"$/.exec(title)?.[1];
        assert.ok(replacement, `no replacement in the title: ${title}`);
        assert.ok(text.includes(`- ${replacement}`), `the replacement "${replacement}" is not in the list`);
      },
    },
    {
      prefix: 'Make it a partnership with the CIO',
      stillFlagged: [HELP_DESK],
      check: (text) => {
        // Every word of the item stays, after the partnership with its owner.
        assert.ok(text.includes(partnership(ERP)), 'the item is not a partnership in the writer\'s words');
      },
    },
    {
      prefix: 'Remove this item',
      stillFlagged: [HELP_DESK],
      check: (text) => {
        assert.ok(!text.includes(ERP), 'the ERP item is still there');
        assert.equal(text.split(/\r?\n/).length, original.split(/\r?\n/).length - 1, 'exactly one line removed');
      },
    },
    {
      prefix: 'Declare a hybrid role',
      stillFlagged: [],
      check: (text) => {
        assert.ok(text.includes(`- ${ERP}`), 'the ERP item should stay');
        assert.match(text, /^roles: \[cto, cio\]\s*$/m);
      },
    },
    {
      prefix: 'Ignore this item',
      stillFlagged: [HELP_DESK],
      check: (text) => {
        assert.match(text, new RegExp(`<!-- rolefit-disable-next-line[^\\n]*-->\\r?\\n- ${ERP.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      },
    },
  ];

  for (const { prefix, stillFlagged, check } of quickFixes) {
    test(`quick fix "${prefix}…" clears the ERP finding`, async () => {
      const document = await resetPosting();
      const erpLine = lineOf(document, ERP);
      const erp = foreignDuties(vscode.languages.getDiagnostics(document.uri)).find((d) => d.range.start.line === erpLine);
      assert.ok(erp, 'no ERP diagnostic');

      const actions = await codeActions(document.uri, erp.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((a) => a.title.startsWith(prefix));
      assert.ok(action, `no quick fix starting "${prefix}"; offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.ok(action.edit, `"${action.title}" has no edit`);
      // Only the partnership keeps every word of the writer's, so only it is preferred.
      assert.equal(action.isPreferred === true, prefix.startsWith('Make it a partnership'), `"${action.title}" preferred: ${action.isPreferred}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit), `"${action.title}" could not be applied`);
      check(document.getText(), action.title);

      await waitForDiagnostics(
        document.uri,
        (diagnostics) => rolefitOnly(diagnostics).length === stillFlagged.length && sameList(flaggedTexts(document, diagnostics), stillFlagged),
        WAIT_MS,
        `fresh diagnostics without the ERP finding after "${action.title}"`,
      );
    });
  }

  /** After fix all: both CIO duties are partnerships in the writer's words, and no other line changed. */
  function assertFixedAll(document: vscode.TextDocument): void {
    const expected = original.replace(`- ${ERP}`, partnership(ERP)).replace(`- ${HELP_DESK}`, partnership(HELP_DESK));
    assert.equal(document.getText(), expected);
  }

  test('fix all (source.fixAll.rolefit) makes every finding a partnership and changes nothing else', async () => {
    const document = await resetPosting();
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const actions = await codeActions(document.uri, whole, 'source.fixAll.rolefit');
    assert.equal(actions.length, 1, `expected one fix-all action; got: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    const [fixAll] = actions;
    assert.equal(fixAll.kind?.value, 'source.fixAll.rolefit');
    assert.match(fixAll.title, /\(2\)/);
    assert.ok(fixAll.edit, 'the fix-all action has no edit');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit), 'the fix-all edit could not be applied');
    assertFixedAll(document);
    await waitForDiagnostics(document.uri, (diagnostics) => rolefitOnly(diagnostics).length === 0, WAIT_MS, 'no rolefit diagnostics after fix all');
  });

  test('the rolefit.fixAll command does the same', async () => {
    const document = await resetPosting();
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), document.uri.toString(), 'cto.md is not the active editor');
    await vscode.commands.executeCommand('rolefit.fixAll');
    await waitForDiagnostics(document.uri, (diagnostics) => rolefitOnly(diagnostics).length === 0, WAIT_MS, 'no rolefit diagnostics after rolefit.fixAll');
    assertFixedAll(document);
  });

  test('hover on the ERP item names its owner and the evidence', async () => {
    const document = await resetPosting();
    const erpLine = lineOf(document, ERP);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(erpLine, 10));
    const texts = hoverText(hovers ?? []);
    const ours = texts.find((text) => text.includes('owned by the **CIO**'));
    assert.ok(ours, `no rolefit hover naming the CIO; hovers: ${JSON.stringify(texts)}`);
    assert.ok(ours.includes('Decided by'), `the hover does not say what decided: ${ours}`);
  });

  test('completion offers the CTO duties in the list and the role ids in the front matter', async () => {
    const document = await resetPosting();
    const lastItem = lineOf(document, 'Represent our technology to customers, partners and investors.');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.lineAt(lastItem).range.end, '\n- ');
    assert.ok(await vscode.workspace.applyEdit(edit), 'could not add a list item');
    assert.equal(document.lineAt(lastItem + 1).text, '- ');

    const duties = await completions(document.uri, new vscode.Position(lastItem + 1, 2));
    const cto = duties.filter((item) => typeof item.detail === 'string' && item.detail.startsWith('CTO · '));
    assert.ok(cto.length > 0, `no CTO duties offered; got: ${duties.map((i) => `${labelOf(i)} (${i.detail ?? ''})`).join(' | ') || '(none)'}`);
    assert.ok(!duties.some((item) => item.detail?.startsWith('CIO · ')), 'CIO duties offered in a CTO posting');
    // The details pane shows the whole duty, however long, and what its duty area covers.
    const longest = cto.reduce((a, b) => (labelOf(b).length > labelOf(a).length ? b : a));
    const details = typeof longest.documentation === 'string' ? longest.documentation : longest.documentation?.value ?? '';
    assert.ok(details.startsWith(labelOf(longest)), `the details do not start with the whole duty: ${details}`);
    assert.ok(details.includes(`**${longest.detail!.split(' · ')[1]}**`), `the details do not name the duty area: ${details}`);

    const roleLine = [...Array(document.lineCount).keys()].find((line) => /^role:\s/.test(document.lineAt(line).text));
    assert.ok(roleLine !== undefined, 'no "role:" line in the front matter');
    const roles = await completions(document.uri, new vscode.Position(roleLine, 'role: '.length));
    const labels = roles.map(labelOf);
    for (const id of ROLE_IDS) assert.ok(labels.includes(id), `role id "${id}" not offered; got: ${labels.join(', ') || '(none)'}`);
  });

  test('the jd-cto snippet is offered and inserts a posting with no findings', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const snippets = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'snippets', 'markdown.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    const snippet = Object.values(snippets).find((s) => s.prefix === 'jd-cto');
    assert.ok(snippet, 'snippets/markdown.json has no jd-cto snippet');

    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    try {
      assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'jd-cto')), 'could not type the trigger text');
      const typed = new vscode.Range(0, 0, 0, 'jd-cto'.length);
      const items = await completions(document.uri, typed.end);
      const offered = items.find((item) => labelOf(item) === 'jd-cto' && item.kind === vscode.CompletionItemKind.Snippet);
      assert.ok(offered, `no jd-cto snippet completion; got: ${items.map((i) => `${labelOf(i)}/${i.kind ?? '?'}`).join(', ') || '(none)'}`);

      assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippet.body.join('\n')), typed), 'could not insert the snippet');
      assert.match(document.getText(), /^---\r?\nrole: cto\r?\n/);
      // The server reads the template as a CTO posting: a CIO duty added to its duties is flagged at once,
      // and once it is removed again the template has no finding.
      const firstDuty = [...Array(document.lineCount).keys()].find((line) => /^## Responsibilities/.test(document.lineAt(line).text));
      assert.ok(firstDuty !== undefined, 'the template has no Responsibilities section');
      const dutyLine = [...Array(document.lineCount).keys()].find((line) => line > firstDuty && /^- /.test(document.lineAt(line).text))!;
      assert.ok(await editor.edit((builder) => builder.insert(new vscode.Position(dutyLine, 0), `- ${ERP}\n`)), 'could not add the CIO duty');
      await waitForDiagnostics(document.uri, (diagnostics) => sameList(flaggedTexts(document, diagnostics), [ERP]), WAIT_MS, 'the added CIO duty flagged in the template');
      assert.ok(await editor.edit((builder) => builder.delete(new vscode.Range(dutyLine, 0, dutyLine + 1, 0))), 'could not remove the CIO duty');
      await waitForDiagnostics(document.uri, (diagnostics) => rolefitOnly(diagnostics).length === 0, WAIT_MS, 'zero rolefit findings in the jd-cto posting');
    } finally {
      if (vscode.window.activeTextEditor?.document === document) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  test('rolefit.rules.role.foreign-duty.severity "off" hides the finding, "warning" brings it back', async () => {
    const document = await resetPosting();
    const key = 'rules.role.foreign-duty.severity';
    try {
      await vscode.workspace.getConfiguration('rolefit').update(key, 'off', vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(document.uri, (diagnostics) => foreignDuties(diagnostics).length === 0, WAIT_MS, `no ${FOREIGN} diagnostics with severity "off"`);
    } finally {
      await vscode.workspace.getConfiguration('rolefit').update(key, 'warning', vscode.ConfigurationTarget.Global);
    }
    const back = await waitForBaseline(document);
    assert.ok(foreignDuties(back).every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });
});
