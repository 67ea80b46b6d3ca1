/**
 * One configuration for the editor and CI: the server and the CLI read the same .rolefit.yaml and
 * give the same findings; VS Code settings count only where the file is silent.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { tempWorkspace } from '../fixtures/tempFolders';
import { TestClient } from './testClient';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const lines = (...parts: string[]) => parts.join('\n');
const workspace = (files: Record<string, string>) => tempWorkspace('rolefit-config-', files);

const CTO = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture and tech stack of the product.', '- Run the NetSuite ERP and the Salesforce CRM for finance and sales.', '- Run the IT help desk and keep every employee laptop patched.');
const UNKNOWN = lines('# Technology Leader', '', '## Responsibilities', '', '- Run the NetSuite ERP and the Salesforce CRM.', '', '## Requirements', '', '- Ten years in technology');

interface Seen {
  ruleId: string;
  severity: string;
  line: number;
  character: number;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'];
const fromServer = (diagnostics: Diagnostic[]): Seen[] => diagnostics.map((d) => ({ ruleId: String(d.code), severity: SEVERITY_NAMES[d.severity ?? 0], line: d.range.start.line, character: d.range.start.character })).sort(byPlace);
const byPlace = (a: Seen, b: Seen) => a.line - b.line || a.ruleId.localeCompare(b.ruleId);

function fromCli(dir: string): Map<string, Seen[]> {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; severity: string; range: { start: { line: number; character: number } } }> }> };
  return new Map(report.files.map((f) => [f.path.split(path.sep).join('/'), f.findings.map((x) => ({ ruleId: x.ruleId, severity: x.severity, line: x.range.start.line, character: x.range.start.character })).sort(byPlace)]));
}

async function fromEditor(dir: string, files: string[], settings: Record<string, unknown> = {}): Promise<Map<string, Seen[]>> {
  const client = await TestClient.start({ pull: true, rootDir: dir, settings });
  try {
    const seen = new Map<string, Seen[]>();
    for (const file of files) {
      const uri = pathToFileURL(path.join(dir, file)).toString();
      await client.open(uri, fs.readFileSync(path.join(dir, file), 'utf8'));
      seen.set(file, fromServer(await client.pull(uri)));
    }
    return seen;
  } finally {
    await client.stop();
  }
}

describe('one configuration file for the editor and the CLI', () => {
  it('gives the same findings in both when the file sets severities, strictness, files and ignores', async () => {
    const config = lines('strictness: strict', 'files: ["jobs/**/*.md"]', 'ignore: ["jobs/drafts/**"]', 'rules:', '  role.foreign-duty: error', '  role.unknown: hint');
    const dir = workspace({ '.rolefit.yaml': config, 'jobs/cto.md': CTO, 'jobs/lead.md': UNKNOWN, 'jobs/drafts/cto.md': CTO, 'notes/cto.md': CTO });
    const cli = fromCli(dir);
    assert.deepEqual([...cli.keys()].sort(), ['jobs/cto.md', 'jobs/lead.md']);
    const editor = await fromEditor(dir, ['jobs/cto.md', 'jobs/lead.md', 'jobs/drafts/cto.md', 'notes/cto.md']);
    assert.deepEqual(editor.get('jobs/cto.md'), cli.get('jobs/cto.md'));
    assert.deepEqual(editor.get('jobs/lead.md'), cli.get('jobs/lead.md'));
    assert.deepEqual(cli.get('jobs/cto.md')!.map((s) => s.severity), ['error', 'error']);
    assert.deepEqual(cli.get('jobs/lead.md')!.map((s) => [s.ruleId, s.severity]), [['role.unknown', 'hint']]);
    // Ignored, or not among the files: nothing in the editor either.
    assert.deepEqual(editor.get('jobs/drafts/cto.md'), []);
    assert.deepEqual(editor.get('notes/cto.md'), []);
  });

  it('lets VS Code settings decide only where the file is silent', async () => {
    const dir = workspace({ '.rolefit.yaml': lines('rules:', '  role.foreign-duty: error'), 'cto.md': CTO, 'lead.md': UNKNOWN });
    const settings = { rules: { role: { 'foreign-duty': { severity: 'information' }, unknown: { severity: 'off' } } } };
    const editor = await fromEditor(dir, ['cto.md', 'lead.md'], settings);
    // The file says error: it wins over the setting.
    assert.deepEqual(editor.get('cto.md')!.map((s) => s.severity), ['error', 'error']);
    // The file says nothing of role.unknown: the setting (off) applies.
    assert.deepEqual(editor.get('lead.md'), []);
    // Without the file, the settings decide everything.
    fs.rmSync(path.join(dir, '.rolefit.yaml'));
    const bare = await fromEditor(dir, ['cto.md'], settings);
    assert.deepEqual(bare.get('cto.md')!.map((s) => s.severity), ['information', 'information']);
  });

  it('keeps VP of Engineering postings checked with the README\'s roles-file example', async () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const example = /```yaml\n(roles:\n[\s\S]*?Head of Platform[\s\S]*?)```/.exec(readme)?.[1];
    assert.ok(example, 'the README has a roles-file example that adds "Head of Platform"');
    const vpEngineering = CTO.replace('role: cto', 'company: Acme').replace('# Chief Technology Officer', '# VP of Engineering');
    const headOfPlatform = CTO.replace('role: cto', 'company: Acme').replace('# Chief Technology Officer', '# Head of Platform');
    const dir = workspace({ '.rolefit.yaml': example, 'vp.md': vpEngineering, 'platform.md': headOfPlatform });
    const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--fail-on', 'never'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /warning/);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; roles: string[]; findings: Array<{ ruleId: string }> }> };
    for (const file of report.files) {
      assert.deepEqual(file.roles, ['cto'], file.path);
      assert.deepEqual(file.findings.map((f) => f.ruleId), ['role.foreign-duty', 'role.foreign-duty'], file.path);
    }
    const editor = await fromEditor(dir, ['vp.md']);
    assert.equal(editor.get('vp.md')!.length, 2);
  });
});
