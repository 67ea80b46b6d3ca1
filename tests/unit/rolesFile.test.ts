import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyConfigFile } from '../../server/src/knowledge';
import { parseUserConfig } from '../../server/src/knowledge/loader';
import { miniKnowledge } from './miniKnowledge';

const yaml = (...parts: string[]) => parts.join('\n');
const apply = (text: string) => applyConfigFile(miniKnowledge, { path: '.rolefit.yaml', text });

describe('the workspace configuration file', () => {
  it('adds a new role with every field', () => {
    const { knowledge, problems } = apply(
      yaml(
        'roles:',
        '  - id: cmo',
        '    name: Chief Marketing Officer',
        '    abbreviation: CMO',
        '    focus: Demand and brand.',
        '    reportsTo: CEO',
        '    areas:',
        '      - id: brand',
        '        name: Brand',
        '        summary: The brand.',
        '        evidence: { strong: [brand campaigns] }',
        '        duties: [Run the brand campaigns.]',
      ),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(knowledge.roles.map((r) => r.id), ['cto', 'cio', 'cmo']);
  });

  it('adds to the lists of a built-in role, changes its other fields, and merges its areas by id', () => {
    const { knowledge, problems } = apply(
      yaml('roles:', '  - id: cto', '    titles: [Head of Platform]', '    areas:', '      - id: engineering', '        name: Engineering', '        summary: Engineers.', '        evidence: { strong: [developers] }', '        duties: [Grow the developers.]'),
    );
    assert.deepEqual(problems, []);
    const cto = knowledge.roles.find((r) => r.id === 'cto')!;
    assert.deepEqual(cto.titles, ['VP of Engineering', 'Head of Engineering', 'Head of Platform']);
    assert.equal(cto.name, 'Chief Technology Officer');
    assert.deepEqual(cto.areas.map((a) => [a.id, a.duties[0]]), [
      ['architecture', 'Own the architecture of the product platform.'],
      ['engineering', 'Grow the developers.'],
    ]);
  });

  it('replaces the lists of a built-in role with replace: true, and warns about the titles it drops', () => {
    const { knowledge, problems } = apply(yaml('roles:', '  - id: cto', '    replace: true', '    titles: [Head of Platform]'));
    assert.deepEqual(knowledge.roles.find((r) => r.id === 'cto')!.titles, ['Head of Platform']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'warning');
    assert.match(problems[0].message, /^roles\[0\]\.titles: With "replace: true", postings titled "VP of Engineering", "Head of Engineering" are no longer read as CTO postings/);
    assert.equal(problems[0].range.start.line, 3);
  });

  it('warns when a built-in role is left with no title, and still uses the file', () => {
    const { knowledge, problems } = apply(yaml('roles:', '  - id: cio', '    replace: true', '    titles: []'));
    assert.deepEqual(knowledge.roles.find((r) => r.id === 'cio')!.titles, []);
    assert.deepEqual(problems.map((p) => [p.severity, p.message.split(':')[0]]), [['warning', 'roles[0].titles']]);
    assert.match(problems[0].message, /left with no title/);
  });

  it('reads the check options beside the roles, validated by the same schema', () => {
    const { options, problems } = apply(yaml('strictness: strict', 'maxFileSize: 5000', 'files: ["jobs/**"]', 'ignore: ["jobs/drafts/**"]', 'rules:', '  role.unknown: off', '  role.foreign-duty: error'));
    assert.deepEqual(problems, []);
    assert.deepEqual(options, { strictness: 'strict', maxFileSize: 5000, files: ['jobs/**'], ignore: ['jobs/drafts/**'], rules: { 'role.unknown': 'off', 'role.foreign-duty': 'error' } });
    const bad = apply(yaml('strictness: paranoid', 'rules:', '  role.everything: off'));
    assert.equal(bad.options, undefined);
    assert.deepEqual(bad.problems.map((p) => p.message.split(':')[0]).sort(), ['rules.role.everything', 'strictness']);
  });

  it('reports a wrong type with the path and the place of the value, and keeps the built-in roles', () => {
    const text = yaml('roles:', '  - id: cto', '    titles: Head of Platform');
    const { knowledge, problems } = apply(text);
    assert.equal(knowledge, miniKnowledge);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^roles\[0\]\.titles: .*array/i);
    assert.deepEqual(problems[0].range, { start: { line: 2, character: 12 }, end: { line: 2, character: 28 } });
    assert.equal(problems[0].file, '.rolefit.yaml');
  });

  it('reports an unknown key at the key', () => {
    const { problems } = apply(yaml('roles:', '  - id: cto', '    nickname: boss'));
    assert.match(problems[0].message, /^roles\[0\]\.nickname: Unknown key "nickname"/);
    assert.deepEqual(problems[0].range.start, { line: 2, character: 4 });
  });

  it('reports invalid YAML with its position', () => {
    const { problems } = apply(yaml('roles:', '  - id: [cto'));
    assert.ok(problems.length > 0);
    assert.equal(problems[0].range.start.line >= 1, true);
  });

  it('reports a counterpart that names a missing role, at that entry', () => {
    const text = yaml(
      'roles:',
      '  - id: cto',
      '    areas:',
      '      - id: engineering',
      '        name: Engineering',
      '        summary: Engineers.',
      '        evidence: { strong: [developers] }',
      '        duties: [Grow the developers.]',
      '        counterparts: { cfo: budget }',
    );
    const { knowledge, problems } = apply(text);
    assert.equal(knowledge, miniKnowledge);
    // Paths inside the file are always by position, as the file is written: roles[0].areas[0]…
    assert.match(problems[0].message, /^roles\[0\]\.areas\[0\]\.counterparts\.cfo: Counterpart names role "cfo", which does not exist/);
    assert.equal(problems[0].range.start.line, 8);
  });

  it('says what a new role is missing', () => {
    const { problems } = apply(yaml('roles:', '  - id: cmo', '    name: Chief Marketing Officer'));
    assert.ok(problems.some((p) => /abbreviation/.test(p.message) && /needs every field/.test(p.message)));
  });

  it('treats a YAML custom tag or JavaScript as data, never as code', () => {
    const tagged = parseUserConfig('.rolefit.yaml', yaml('roles:', '  - id: !!js/function "function () { process.exit(1) }"'));
    assert.equal(tagged.config, undefined);
    assert.ok(tagged.problems.length > 0);
    const script = apply(yaml('roles:', '  - id: cto', '    focus: "require(\'child_process\').execSync(\'touch /tmp/rolefit-pwned\')"'));
    assert.deepEqual(script.problems, []);
    assert.equal(script.knowledge.roles[0].focus, "require('child_process').execSync('touch /tmp/rolefit-pwned')");
  });

  it('refuses a file that is far too large before parsing it', () => {
    const { problems } = apply(`roles: []\n# ${'x'.repeat(2_000_000)}`);
    assert.match(problems[0].message, /at most 1,000,000/);
  });

  it('reads a JSON configuration file too', () => {
    const { problems, knowledge } = apply('{ "roles": [ { "id": "cio", "titles": ["Head of Business Technology"] } ] }');
    assert.deepEqual(problems, []);
    assert.deepEqual(knowledge.roles[1].titles, ['Head of IT', 'IT Director', 'Head of Business Technology']);
  });
});
