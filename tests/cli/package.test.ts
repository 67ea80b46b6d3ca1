/**
 * rolefit outside this repository: the npm package installed into an empty folder, the GitHub
 * Action run through its own entry point (scripts/action.sh), as a workflow runs it, and the
 * pre-commit hook run by pre-commit itself.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../protocol/testClient';

const ROOT = path.resolve(__dirname, '..', '..');
const lines = (...parts: string[]) => parts.join('\n');
const FLAGGED = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture and tech stack of the product.', '- Run the NetSuite ERP and the Salesforce CRM for finance and sales.');

describe('the npm package, installed into an empty folder', { timeout: 300_000 }, () => {
  let folder = '';
  let bin = '';
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-package-'));
    // What a user does: pack (which builds), then install the tarball with npm alone.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', folder], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = packed[0].files.map((f) => f.path);
    assert.ok(shipped.includes('server/out/cli.js') && shipped.includes('server/out/knowledge/model.json'), JSON.stringify(shipped));
    assert.ok(!shipped.some((f) => f.startsWith('tests/') || f.startsWith('server/src/')), 'sources and tests are not shipped');
    fs.writeFileSync(path.join(folder, 'package.json'), '{ "name": "hiring", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(folder, packed[0].filename)], { cwd: folder, stdio: 'ignore' });
    bin = path.join(folder, 'node_modules', '.bin');
    fs.mkdirSync(path.join(folder, 'jobs'));
    fs.writeFileSync(path.join(folder, 'jobs', 'cto.md'), FLAGGED);
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('gives a working rolefit command: exit code 1 and the finding as JSON', () => {
    const result = spawnSync(path.join(bin, 'rolefit'), ['check', 'jobs', '--format', 'json'], { cwd: folder, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.files.map((f: { path: string }) => f.path), [path.join('jobs', 'cto.md')]);
    assert.deepEqual(report.files[0].findings.map((f: { ruleId: string; owner: string }) => [f.ruleId, f.owner]), [['role.foreign-duty', 'cio']]);
  });

  it('gives a working rolefit-language-server: initialize, open a posting, get its diagnostics', async () => {
    const client = await TestClient.start({ pull: false, rootDir: folder, command: { file: path.join(bin, 'rolefit-language-server'), args: ['--stdio'] } });
    try {
      const uri = pathToFileURL(path.join(folder, 'jobs', 'cto.md')).toString();
      await client.open(uri, FLAGGED);
      const diagnostics = await client.pushedFor(uri, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map((d) => d.code), ['role.foreign-duty']);
      assert.match(diagnostics[0].message, /belongs to the CIO/);
    } finally {
      await client.stop();
    }
  });
});

describe('the GitHub Action, run through its entry point', { timeout: 300_000 }, () => {
  let workspace = '';
  before(() => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-action-'));
    fs.mkdirSync(path.join(workspace, 'jobs'));
    fs.writeFileSync(path.join(workspace, 'jobs', 'cto.md'), FLAGGED);
    fs.writeFileSync(path.join(workspace, 'README.md'), lines('# Hiring', '', 'Our postings live in jobs/.'));
  });
  after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  const action = (inputs: Record<string, string>) => {
    const outputs = path.join(workspace, 'github-output');
    fs.writeFileSync(outputs, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: workspace, GITHUB_OUTPUT: outputs, NO_COLOR: "1" };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'action.sh')], { cwd: workspace, env, encoding: 'utf8' });
    return { ...result, outputs: fs.readFileSync(outputs, 'utf8') };
  };

  it('writes SARIF for code scanning and fails the step on a warning', () => {
    const result = action({ paths: '.', format: 'sarif', output: 'rolefit.sarif', 'fail-on': 'warning' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.outputs, /^sarif=rolefit\.sarif$/m);
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'rolefit.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]), [['role.foreign-duty', 'jobs/cto.md', 9]]);
  });

  it('annotates the pull request by default, and passes with fail-on never', () => {
    const result = action({ paths: 'jobs', 'fail-on': 'never' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^::warning file=jobs\/cto\.md,line=9,col=3,endLine=9,endColumn=69,title=rolefit role\.foreign-duty::This duty belongs to the CIO/m);
  });
});

const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const noPreCommit = preCommit.status === 0 ? false : 'pre-commit is not installed (npm test installs it through tests/e2e/setup.sh)';

describe('the pre-commit hook, run by pre-commit', { timeout: 300_000, skip: noPreCommit }, () => {
  let repo = '';
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-pre-commit-'));
    fs.writeFileSync(path.join(repo, 'cto.md'), FLAGGED);
    fs.writeFileSync(path.join(repo, 'notes.md'), lines('# Notes', '', 'Interview panel: Tuesday.'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['add', '.'], { cwd: repo });
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('checks the postings of a commit, leaves the notes alone, and stops the commit on a foreign duty', () => {
    // try-repo runs the hook of this working tree, exactly as a `repos:` entry in .pre-commit-config.yaml would.
    const result = spawnSync('pre-commit', ['try-repo', ROOT, 'rolefit', '--files', 'cto.md', 'notes.md'], {
      cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: path.join(repo, '.cache'), NO_COLOR: '1' },
    });
    const output = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 1, output);
    assert.match(output, /^cto\.md:9:3 warning role\.foreign-duty This duty belongs to the CIO/m);
    assert.match(output, /1 posting checked, 1 finding .*; 1 other Markdown file skipped/);
    assert.doesNotMatch(output, /notes\.md:/);
  });
});
