import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { tempFolder } from '../fixtures/tempFolders';
import { TestClient } from './testClient';

const lines = (...parts: string[]) => parts.join('\n');
const POSTING = lines(
  '---',
  'role: cto',
  '---',
  '',
  '# Chief Technology Officer',
  '',
  '## Responsibilities',
  '',
  '- Own the technical architecture of the product platform and its tech stack.',
  '- Take over the NetSuite ERP and the Salesforce CRM that finance and sales depend on.',
  '- Lead the engineering teams that build the product.',
  '- Manage the department budget and report to the board.',
);
const ERP_LINE = 9;

const foreign = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'role.foreign-duty');

const tempWorkspace = () => tempFolder('rolefit-protocol-');

describe('the language server with a pull client', () => {
  let client: TestClient;
  let root: string;
  const uri = () => pathToFileURL(path.join(root, 'cto.md')).toString();

  before(async () => {
    root = tempWorkspace();
    client = await TestClient.start({ pull: true, rootDir: root });
    await client.open(uri(), POSTING);
  });
  after(() => client.stop());

  it('answers a diagnostic pull with the foreign duty, its range, code, source and owner', async () => {
    const diagnostics = foreign(await client.pull(uri()));
    assert.equal(diagnostics.length, 1);
    const [d] = diagnostics;
    assert.deepEqual(d.range, { start: { line: ERP_LINE, character: 2 }, end: { line: ERP_LINE, character: 85 } });
    assert.equal(d.source, 'rolefit');
    assert.match(d.codeDescription!.href, /README\.md#roleforeign-duty$/);
    assert.match(d.message, /belongs to the CIO \(Business systems: /);
    // One row per finding in the Problems panel: nothing points into the extension's own files.
    assert.equal(d.relatedInformation, undefined);
  });

  it('offers code actions whose edits remove the finding once applied', async () => {
    for (const titleStart of ['Make it a partnership', 'Replace', 'Remove', 'Declare', 'Ignore']) {
      const [diagnostic] = foreign(await client.pull(uri()));
      const actions = await client.codeActions(uri(), diagnostic.range, [diagnostic]);
      const action = actions.find((a) => a.title.startsWith(titleStart));
      assert.ok(action, `no "${titleStart}" action among ${actions.map((a) => a.title).join(' | ')}`);
      const before = client.text(uri());
      await client.applyWorkspaceEdit(action.edit!);
      assert.deepEqual(foreign(await client.pull(uri())), [], `${titleStart} left the finding`);
      // Back to the original text for the next fix.
      const document = client.documents.get(uri())!;
      await client.change(uri(), [{ range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) }, newText: before }]);
    }
  });

  it('respects context.only and offers fix-all as source.fixAll.rolefit', async () => {
    const diagnostics = await client.pull(uri());
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const quick = await client.codeActions(uri(), range, diagnostics, ['quickfix']);
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    const fixAll = await client.codeActions(uri(), range, diagnostics, ['source.fixAll']);
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.rolefit']);
    const text = TextDocument.applyEdits(client.documents.get(uri())!, (fixAll[0].edit!.documentChanges![0] as { edits: TextEdit[] }).edits);
    // Fix on save keeps the writer's words: the duty becomes a partnership with its owner.
    assert.match(text, /In partnership with the CIO, take over the NetSuite ERP/);
  });

  it('shows owner, likelihood, evidence and source on hover', async () => {
    const hover = await client.hover(uri(), { line: ERP_LINE, character: 10 });
    const value = (hover!.contents as { value: string }).value;
    assert.match(value, /owned by the \*\*CIO\*\*/);
    assert.match(value, /\| \*\*CIO\*\* \| \d+% \|/);
    assert.match(value, /Decided by: .*ERP/);
    assert.match(value, /Source: \[/);
    assert.match(value, /Not part of a CTO role: flagged as `role\.foreign-duty` \(the CTO keeps (under )?[\d.]+% likelihood, within the [\d.]+% /);
  });

  it('says on hover whether a duty of another role is flagged, as the diagnostics do, and why', async () => {
    const other = pathToFileURL(path.join(root, 'mixed.md')).toString();
    const duties = ['Manage the product managers', 'Own the pricing and packaging strategy', 'Run the IT help desk for every office', 'Work with product managers on the roadmap and pricing for the platform'];
    await client.open(other, lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', ...duties.map((d) => `- ${d}`)));
    const flaggedLines = new Set(foreign(await client.pull(other)).map((d) => d.range.start.line));
    let notFlagged = 0;
    for (let i = 0; i < duties.length; i++) {
      const value = ((await client.hover(other, { line: 7 + i, character: 4 }))!.contents as { value: string }).value;
      if (!/owned by the \*\*(?!CTO)/.test(value)) continue;
      if (flaggedLines.has(7 + i)) assert.match(value, /flagged as `role\.foreign-duty` \(the CTO keeps .*, within the /, duties[i]);
      else {
        notFlagged++;
        assert.match(value, /Not flagged: the CTO keeps [\d.]+% likelihood, more than the [\d.]+% /, duties[i]);
      }
    }
    assert.ok(flaggedLines.size > 0 && notFlagged > 0, `${flaggedLines.size} flagged, ${notFlagged} owned elsewhere but not flagged`);
  });

  it('shows the role\'s focus on hover over the title', async () => {
    const hover = await client.hover(uri(), { line: 4, character: 5 });
    assert.match((hover!.contents as { value: string }).value, /\*\*CTO\*\* — Chief Technology Officer: /);
  });

  it('completes canonical duties in the responsibilities list and role ids in front matter', async () => {
    const document = client.documents.get(uri())!;
    const end = document.positionAt(document.getText().length);
    await client.change(uri(), [{ range: { start: end, end }, newText: '\n- ' }]);
    const duties = await client.completion(uri(), { line: end.line + 1, character: 2 });
    assert.ok(duties.length >= 3, 'expected CTO duties');
    assert.ok(duties.every((item) => /^CTO · /.test(item.detail ?? '')));
    // After a bullet pasted from a word processor the duty takes the bullet's place in the line, as after "- ".
    const next = client.documents.get(uri())!.positionAt(client.documents.get(uri())!.getText().length);
    await client.change(uri(), [{ range: { start: next, end: next }, newText: '\n• ' }]);
    const [pasted] = await client.completion(uri(), { line: next.line + 1, character: 2 });
    const edit = pasted.textEdit as { range: { start: { character: number } }; newText: string };
    assert.deepEqual([edit.range.start.character, edit.newText], [2, pasted.label]);
    const roles = await client.completion(uri(), { line: 1, character: 6 });
    assert.deepEqual(roles.map((item) => item.label).sort(), ['cdo', 'cio', 'ciso', 'cpo', 'cto']);
  });

  it('applies a settings change without a restart', async () => {
    const refreshes = client.refreshRequests;
    await client.changeSettings({ rules: { role: { 'foreign-duty': { severity: 'off' } } } });
    await client.waitFor('a diagnostic refresh', () => (client.refreshRequests > refreshes ? true : undefined));
    assert.deepEqual(foreign(await client.pull(uri())), []);
    await client.changeSettings({ rules: { role: { 'foreign-duty': { severity: 'error' } } } });
    const [d] = foreign(await client.pull(uri()));
    assert.equal(d.severity, 1);
    await client.changeSettings({});
  });

  it('falls back to defaults for a bad setting and says so in the log', async () => {
    await client.changeSettings({ strictness: 'paranoid' });
    assert.equal(foreign(await client.pull(uri())).length, 1);
    await client.waitFor('a log line', () => client.logs.find((l) => l.includes('rolefit.strictness')));
    await client.changeSettings({});
  });

  it('narrows the checked files with rolefit.files', async () => {
    await client.changeSettings({ files: ['**/jobs/**/*.md'] });
    assert.deepEqual(await client.pull(uri()), []);
    await client.changeSettings({});
    assert.equal(foreign(await client.pull(uri())).length, 1);
  });

  it('sends the posting status for the status bar', async () => {
    const status = await client.waitFor('a status notification', () => client.notifications.find((n) => (n.params as { uri: string }).uri === uri()));
    assert.deepEqual((status.params as { roles: string[] }).roles, ['CTO']);
  });
});

describe('the language server with a push-only client', () => {
  let client: TestClient;
  let root: string;
  before(async () => {
    root = tempWorkspace();
    client = await TestClient.start({ pull: false, rootDir: root });
  });
  after(() => client.stop());

  it('pushes diagnostics for the opened version and clears them on close', async () => {
    const uri = pathToFileURL(path.join(root, 'push.md')).toString();
    await client.open(uri, POSTING);
    const diagnostics = await client.pushedFor(uri, (d) => d.length > 0);
    assert.equal(foreign(diagnostics)[0].range.start.line, ERP_LINE);
    await client.close(uri);
    await client.waitFor('cleared diagnostics', () => (client.pushed.get(uri)?.diagnostics.length === 0 ? true : undefined));
  });

  it('pushes for the latest version after an edit', async () => {
    const uri = pathToFileURL(path.join(root, 'edit.md')).toString();
    await client.open(uri, POSTING);
    await client.pushedFor(uri, (d) => d.length > 0);
    const version = await client.change(uri, [{ range: { start: { line: ERP_LINE, character: 0 }, end: { line: ERP_LINE + 1, character: 0 } }, newText: '' }]);
    const diagnostics = await client.pushedFor(uri);
    assert.equal(client.pushed.get(uri)!.version, version);
    assert.deepEqual(foreign(diagnostics), []);
  });

  it('reads the workspace configuration file, reports its errors in place, and reloads it as it changes', async () => {
    const rolesUri = pathToFileURL(path.join(root, '.rolefit.yaml')).toString();
    const postingUri = pathToFileURL(path.join(root, 'hybrid.md')).toString();
    await client.open(postingUri, POSTING);
    await client.pushedFor(postingUri, (d) => foreign(d).length === 1);

    await client.open(rolesUri, lines('roles:', '  - id: cto', '    titles: Head of Platform'), 'yaml');
    const problems = await client.pushedFor(rolesUri, (d) => d.length > 0);
    assert.equal(problems[0].code, 'config.invalid');
    assert.deepEqual(problems[0].range.start, { line: 2, character: 12 });

    // Teach rolefit that ERP and CRM are CTO duties here: the posting's finding goes away.
    await client.change(rolesUri, [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
        newText: lines('roles:', '  - id: cio', '    areas:', '      - id: business-systems', '        name: Business systems', '        summary: Finance systems only.', '        evidence: { strong: [general ledger] }', '        duties: [Run the general ledger.]', ''),
      },
    ]);
    await client.pushedFor(rolesUri, (d) => d.length === 0);
    await client.pushedFor(postingUri, (d) => foreign(d).length === 0);
  });
});
