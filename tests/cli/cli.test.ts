import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { tempWorkspace } from '../fixtures/tempFolders';

const CLI = path.resolve(__dirname, '..', '..', 'server', 'out', 'cli.js');
const lines = (...parts: string[]) => parts.join('\n');

const CLEAN = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture and tech stack of the product.', '- Lead the engineering teams that build the product.');
const FLAGGED = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture and tech stack of the product.', '- Run the NetSuite ERP and the Salesforce CRM for finance and sales.');

const workspace = (files: Record<string, string>) => tempWorkspace('rolefit-cli-', files);

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('rolefit check', () => {
  it('exits 0 and prints nothing on stdout for a posting without findings', () => {
    const result = run(workspace({ 'cto.md': CLEAN }), 'check', 'cto.md');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /1 posting checked, no findings/);
  });

  it('reports only postings: READMEs, changelogs and notes are skipped, and said to be', () => {
    const dir = workspace({ 'README.md': lines('# Acme tools', '', '## Requirements', '', '- Node 20 and an ERP account'), 'CHANGELOG.md': lines('# Changelog', '', '- Own the ERP and CRM rollout'), 'jobs/cto.md': FLAGGED });
    const result = run(dir, 'check');
    assert.equal(result.code, 1);
    assert.deepEqual(result.stdout.trim().split('\n').map((line) => line.split(':')[0]), [path.join('jobs', 'cto.md')]);
    assert.match(result.stderr, /1 posting checked, 1 finding \(no errors, 1 warning, no notes\); 2 other Markdown files skipped \(not job postings\)\./);
  });

  it('checks a named file as a posting, unless --postings-only asks to judge it by its look', () => {
    const dir = workspace({ 'README.md': lines('# Acme tools', '', 'Run `make` to build.'), 'cto.md': FLAGGED });
    const named = run(dir, 'check', 'README.md', 'cto.md', '--fail-on', 'never');
    assert.match(named.stdout, /^README\.md:1:3 information role\.unknown /m);
    const byLook = run(dir, 'check', 'README.md', 'cto.md', '--postings-only');
    assert.equal(byLook.code, 1);
    assert.deepEqual(byLook.stdout.trim().split('\n').map((line) => line.split(':')[0]), ['cto.md']);
    assert.match(byLook.stderr, /1 posting checked, 1 finding .*; 1 other Markdown file skipped/);
  });

  it('prints file:line:col severity rule message (owner) and exits 1 for a foreign duty', () => {
    const result = run(workspace({ 'cto.md': FLAGGED }), 'check', 'cto.md');
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^cto\.md:9:3 warning role\.foreign-duty This duty belongs to the CIO .* \(cio\)$/m);
  });

  it('honours --fail-on', () => {
    const dir = workspace({ 'cto.md': FLAGGED });
    assert.equal(run(dir, 'check', 'cto.md', '--fail-on', 'error').code, 0);
    assert.equal(run(dir, 'check', 'cto.md', '--fail-on', 'never').code, 0);
    assert.equal(run(dir, 'check', 'cto.md', '--fail-on', 'information').code, 1);
  });

  it('takes the role from --role over the front matter', () => {
    const result = run(workspace({ 'cto.md': FLAGGED }), 'check', 'cto.md', '--role', 'cto,cio');
    assert.equal(result.code, 0);
  });

  it('expands folders and globs, and skips node_modules', () => {
    const dir = workspace({ 'jobs/a.md': FLAGGED, 'jobs/deep/b.md': CLEAN, 'node_modules/x/c.md': FLAGGED, 'notes.txt': FLAGGED });
    const json = JSON.parse(run(dir, 'check', '--format', 'json').stdout);
    assert.deepEqual(json.files.map((f: { path: string }) => f.path), ['jobs/a.md', 'jobs/deep/b.md']);
    const globbed = JSON.parse(run(dir, 'check', 'jobs/**/b.md', '--format', 'json').stdout);
    assert.deepEqual(globbed.files.map((f: { path: string }) => f.path), ['jobs/deep/b.md']);
  });

  it('writes the documented JSON shape', () => {
    const json = JSON.parse(run(workspace({ 'cto.md': FLAGGED }), 'check', 'cto.md', '--format', 'json').stdout);
    assert.equal(json.version, 1);
    const [file] = json.files;
    assert.deepEqual(Object.keys(file), ['path', 'roles', 'roleSource', 'fit', 'findings']);
    assert.deepEqual([file.path, file.roles, file.roleSource], ['cto.md', ['cto'], 'front-matter']);
    const [finding] = file.findings;
    assert.deepEqual(Object.keys(finding), ['ruleId', 'severity', 'message', 'range', 'owner', 'area', 'evidence', 'text']);
    assert.deepEqual(finding.range, { start: { line: 8, character: 2 }, end: { line: 8, character: 68 } });
    assert.equal(finding.owner, 'cio');
    assert.ok(finding.evidence.length > 0);
    assert.equal(finding.text, 'Run the NetSuite ERP and the Salesforce CRM for finance and sales.');
    assert.ok(Math.abs(Object.values(file.fit as Record<string, number>).reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  it('writes SARIF 2.1.0 that validates against its schema, with 1-based regions and rule help', () => {
    const sarif = JSON.parse(run(workspace({ 'cto.md': FLAGGED }), 'check', 'cto.md', '--format', 'sarif').stdout) as { runs: Array<{ results: any[]; tool: { driver: { rules: Array<{ help: { text: string } }> } } }> };
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    assert.ok(validate(sarif), JSON.stringify(validate.errors));
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'role.foreign-duty');
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 9, startColumn: 3, endLine: 9, endColumn: 69 });
    assert.ok(sarif.runs[0].tool.driver.rules.every((rule: { help: { text: string } }) => rule.help.text.length > 20));
  });

  it('exits 2 on a usage error, with the message on stderr', () => {
    const result = run(workspace({}), 'check', '--format', 'xml');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--format must be one of text, json, sarif, github/);
  });

  it('exits 2 when nothing matches a glob, and says "no such file" for a missing path', () => {
    const dir = workspace({ 'cto.md': CLEAN });
    const glob = run(dir, 'check', 'missing/*.md');
    assert.equal(glob.code, 2);
    assert.match(glob.stderr, /^rolefit: no Markdown files match "missing\/\*\.md"$/m);
    const missing = run(dir, 'check', 'cto.md', 'nope.md');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^rolefit: no such file or folder: nope\.md$/m);
  });

  it('reports an unreadable file, checks the others, and exits 2', () => {
    const dir = workspace({ 'good.md': FLAGGED });
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'broken.md'));
    const result = run(dir, 'check', 'good.md', 'broken.md');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /broken\.md/);
    assert.match(result.stdout, /good\.md:9:3/);
  });

  it('exits 2 with file, line and path for a broken configuration file', () => {
    const dir = workspace({ 'cto.md': CLEAN, '.rolefit.yaml': lines('roles:', '  - id: cto', '    titles: 42') });
    const result = run(dir, 'check', 'cto.md');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /\.rolefit\.yaml:3:13 error config\.invalid roles\[0\]\.titles: /);
  });

  it('uses a configuration file given with --config', () => {
    const dir = workspace({ 'cto.md': FLAGGED, 'roles.yaml': lines('roles:', '  - id: cto', '    titles: [Head of Platform]') });
    assert.equal(run(dir, 'check', 'cto.md', '--config', 'roles.yaml').code, 1);
    assert.equal(run(dir, 'check', 'cto.md', '--config', 'missing.yaml').code, 2);
  });

  it('writes a file only when asked with --output', () => {
    const dir = workspace({ 'cto.md': FLAGGED });
    const before = fs.readdirSync(dir);
    run(dir, 'check', 'cto.md');
    assert.deepEqual(fs.readdirSync(dir), before);
    run(dir, 'check', 'cto.md', '--format', 'json', '--output', 'report.json');
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).files.length, 1);
  });

  it('--fix makes each foreign duty a partnership in the writer\'s words, keeps line endings, changes nothing else, and is idempotent', () => {
    const crlf = lines(FLAGGED, '- Run the IT help desk and keep every laptop patched.', '- Grow the engineering team.', '').replace(/\n/g, '\r\n');
    const dir = workspace({ 'cto.md': crlf, 'clean.md': CLEAN });
    const first = run(dir, 'check', '.', '--fix');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /made 2 foreign duties a partnership with their owners in 1 file/);
    const fixed = fs.readFileSync(path.join(dir, 'cto.md'), 'utf8');
    assert.equal(
      fixed,
      crlf
        .replace('- Run the NetSuite ERP', '- In partnership with the CIO, run the NetSuite ERP')
        .replace('- Run the IT help desk', '- In partnership with the CIO, run the IT help desk'),
    );
    assert.equal(fs.readFileSync(path.join(dir, 'clean.md'), 'utf8'), CLEAN);
    const second = run(dir, 'check', '.', '--fix');
    assert.match(second.stderr, /nothing to fix/);
    assert.equal(fs.readFileSync(path.join(dir, 'cto.md'), 'utf8'), fixed);
  });

  it('--stdin checks a posting piped in, named by --stdin-filename, with the configuration of that place', () => {
    const dir = workspace({ 'jobs/.rolefit.yaml': lines('rules:', '  role.foreign-duty: error') });
    const result = spawnSync(process.execPath, [CLI, 'check', '--stdin', '--stdin-filename', 'jobs/cto.md'], { cwd: dir, input: FLAGGED, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /^jobs\/cto\.md:9:3 error role\.foreign-duty /m);
    const fixed = spawnSync(process.execPath, [CLI, 'check', '--stdin', '--fix', '--quiet'], { cwd: dir, input: FLAGGED, encoding: 'utf8' });
    assert.equal(fixed.stdout, FLAGGED.replace('- Run the NetSuite', '- In partnership with the CIO, run the NetSuite'));
  });

  it('--format github writes one workflow annotation per finding', () => {
    const result = run(workspace({ 'a.md': FLAGGED, 'b.md': lines(FLAGGED, '- Run the IT help desk, 100% of it: every laptop.') }), 'check', '--format', 'github');
    const annotations = result.stdout.trim().split('\n');
    assert.equal(annotations.length, 3);
    for (const line of annotations) assert.match(line, /^::warning file=[ab]\.md,line=\d+,col=3,endLine=\d+,endColumn=\d+,title=rolefit role\.foreign-duty::This duty belongs to the CIO .*\(owner: cio\)$/);
    assert.match(annotations[2], /^::warning file=b\.md,line=10,/);
  });

  it('reads severities, strictness, files and ignores from the configuration file; options on the command line win', () => {
    const config = lines('strictness: lenient', 'ignore: ["drafts/**"]', 'rules:', '  role.foreign-duty: error');
    const dir = workspace({ '.rolefit.yaml': config, 'jobs/cto.md': FLAGGED, 'drafts/cto.md': FLAGGED });
    const json = JSON.parse(run(dir, 'check', '--format', 'json').stdout);
    assert.deepEqual(json.files.map((f: { path: string }) => f.path), [path.join('jobs', 'cto.md')]);
    assert.equal(json.files[0].findings[0].severity, 'error');
    // A file the configuration lists is a posting whatever it looks like.
    const listed = workspace({ '.rolefit.yaml': lines('files: ["notes/*.md"]'), 'notes/n.md': lines('# Notes', '- Run the NetSuite ERP and the Salesforce CRM.'), 'jobs/cto.md': FLAGGED });
    const notes = JSON.parse(run(listed, 'check', '--format', 'json', '--fail-on', 'never').stdout);
    assert.deepEqual(notes.files.map((f: { path: string; findings: Array<{ ruleId: string }> }) => [f.path, f.findings.map((x) => x.ruleId)]), [[path.join('notes', 'n.md'), ['role.unknown']]]);
  });

  it('warns about a configuration file that leaves a role without a title, and still uses it', () => {
    const dir = workspace({ '.rolefit.yaml': lines('roles:', '  - id: cto', '    replace: true', '    titles: []'), 'cto.md': FLAGGED });
    const result = run(dir, 'check', 'cto.md');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^\.rolefit\.yaml:4:5 warning config\.invalid roles\[0\]\.titles: Role "cto" is left with no title/m);
  });

  it('colours text output only when asked for a terminal and NO_COLOR is unset', () => {
    const result = run(workspace({ 'cto.md': FLAGGED }), 'check', 'cto.md');
    assert.doesNotMatch(result.stdout, /\u001b\[/);
  });
});

describe('rolefit roles and explain', () => {
  it('lists the roles and their duty areas', () => {
    const result = run(workspace({}), 'roles');
    assert.equal(result.code, 0);
    for (const id of ['cto', 'cio', 'cpo', 'ciso', 'cdo']) assert.match(result.stdout, new RegExp(`^${id} `, 'm'));
    assert.match(result.stdout, /cio\/[a-z-]+ {2}/);
  });

  it('explains one sentence with its scores and evidence', () => {
    const result = run(workspace({}), 'explain', 'Roll out the ERP and the CRM', '--role', 'cto');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /decision: owned by the CIO/);
    assert.match(result.stdout, /evidence: .*"ERP"/);
    assert.match(result.stdout, /in a cto posting: flagged as role\.foreign-duty: the CTO keeps (under )?[\d.]+% likelihood, within the 2% a short duty that names the CIO's area may leave it/);
  });

  it('says how much likelihood the posting\'s role keeps against how much it may keep, as the flag decides', () => {
    assert.match(run(workspace({}), 'explain', 'Grow the engineering team', '--role', 'cto').stdout, /in a cto posting: not flagged: a duty of the CTO/);
    for (const sentence of ['Manage the product managers', 'Own the pricing and packaging strategy', 'Plan and run the migration of every office to the new enterprise network and its help desk']) {
      const { flagged, namesOwnersArea } = JSON.parse(run(workspace({}), 'explain', sentence, '--role', 'cto', '--format', 'json').stdout);
      const line = run(workspace({}), 'explain', sentence, '--role', 'cto').stdout.split('\n').find((l) => l.includes('in a cto posting'))!;
      assert.match(line, flagged ? /flagged as role\.foreign-duty: the CTO keeps (under )?[\d.]+% likelihood, within/ : /not flagged(: the CTO keeps [\d.]+% likelihood, more than|$)/, sentence);
      if (line.includes('keeps')) assert.match(line, namesOwnersArea ? /the 2% a short duty that names the \w+'s area/ : /the 0\.4% a duty of another role/, sentence);
    }
  });

  it('explains a shared duty as never flagged', () => {
    const result = run(workspace({}), 'explain', 'Hire and mentor your direct reports');
    assert.match(result.stdout, /decision: shared/);
  });
});
