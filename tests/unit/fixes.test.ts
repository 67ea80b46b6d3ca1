import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { analyzePosting, fixAllEdits, fixesFor, type Finding } from '../../server/src/core';
import { assertFixAllKeepsMeaning } from './fixAllProperties';
import { miniClassifier } from './miniKnowledge';

const classifier = miniClassifier();
const lines = (...parts: string[]) => parts.join('\n');
const apply = (text: string, edits: TextEdit[]) => TextDocument.applyEdits(TextDocument.create('file:///p.md', 'markdown', 1, text), edits);

function fixes(text: string, ruleId: Finding['ruleId'] = 'role.foreign-duty') {
  const analysis = analyzePosting(text, classifier);
  const finding = analysis.findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `expected a ${ruleId} finding`);
  return fixesFor(text, finding, classifier.lexicon, analysis.roles);
}

function applyFix(text: string, titleStart: string, ruleId?: Finding['ruleId']): string {
  const fix = fixes(text, ruleId).find((f) => f.title.startsWith(titleStart));
  assert.ok(fix, `expected a fix starting "${titleStart}"`);
  return apply(text, fix.edits);
}

const remaining = (text: string) => analyzePosting(text, classifier).findings.map((f) => f.ruleId);

const posting = lines('---', 'role: cto', '---', '', '# Chief Technology Officer', '', '## Responsibilities', '', '- Define the architecture.', '- Own the ERP and CRM rollout.', '  - including the data migration', '- Grow the engineering team.', '', '## Requirements', '', '- 10 years of SaaS');

describe('quick fixes for role.foreign-duty', () => {
  it('offers partnership (preferred), replace, remove, hybrid and ignore, in that order', () => {
    const offered = fixes(posting);
    assert.deepEqual(offered.map((f) => [f.title.split(/[:"(]/)[0].trim(), Boolean(f.isPreferred)]), [
      ['Make it a partnership with the CIO', true],
      ['Replace with the CTO\'s duty', false],
      ['Remove this item', false],
      ['Declare a hybrid role', false],
      ['Ignore this item', false],
    ]);
  });

  it('partnership keeps every word of the writer\'s, and the item is no longer flagged', () => {
    const fixed = applyFix(posting, 'Make it a partnership');
    assert.match(fixed, /\n- In partnership with the CIO, own the ERP and CRM rollout\.\n {2}- including the data migration\n/);
    assert.deepEqual(remaining(fixed), []);
  });

  it('partnership keeps a bold label in front and capitals that belong to a name', () => {
    const text = lines('---', 'role: cto', '---', '- **Systems:** ERP and CRM rollout for the Lisbon office, 40 users', '- NetSuite ERP and CRM');
    const analysis = analyzePosting(text, classifier);
    const fixed = apply(text, fixAllEdits(text, analysis.findings));
    assert.equal(fixed, lines('---', 'role: cto', '---', '- **Systems:** In partnership with the CIO, ERP and CRM rollout for the Lisbon office, 40 users', '- In partnership with the CIO, NetSuite ERP and CRM'));
  });

  it('replace puts the posting role\'s duty that fits the item in place of its text', () => {
    const fixed = applyFix(posting, 'Replace');
    assert.match(fixed, /\n- Own the architecture of the product platform\.\n {2}- including the data migration\n/);
    assert.deepEqual(remaining(fixed), []);
  });

  it('replace never proposes a duty the posting already has, nor one unrelated to the item', () => {
    const text = lines('---', 'role: cto', '---', '- Own the architecture of our product platform', '- Own the ERP and CRM rollout.');
    assert.deepEqual(fixes(text).filter((f) => f.title.startsWith('Replace')), []);
  });

  it('remove deletes the item with its nested children', () => {
    const fixed = applyFix(posting, 'Remove');
    assert.match(fixed, /- Define the architecture\.\n- Grow the engineering team\./);
    assert.doesNotMatch(fixed, /ERP|data migration/);
  });

  it('remove on the last line of a file leaves no dangling line', () => {
    assert.equal(applyFix(lines('---', 'role: cto', '---', '- Define the architecture.', '- Own the ERP and CRM.'), 'Remove'), lines('---', 'role: cto', '---', '- Define the architecture.'));
  });

  it('hybrid writes roles into the front matter, or creates it', () => {
    assert.match(applyFix(posting, 'Declare'), /^---\nroles: \[cto, cio\]\n---\n/);
    const fromTitle = applyFix(lines('# Chief Technology Officer', '- Own the ERP and CRM.'), 'Declare');
    assert.equal(fromTitle, lines('---', 'roles: [cto, cio]', '---', '# Chief Technology Officer', '- Own the ERP and CRM.'));
    assert.deepEqual(remaining(fromTitle), []);
  });

  it('hybrid replaces a block list of roles whole', () => {
    const text = lines('---', 'roles:', '  - cto', 'company: Acme', '---', '- Own the ERP and CRM.');
    assert.equal(applyFix(text, 'Declare'), lines('---', 'roles: [cto, cio]', 'company: Acme', '---', '- Own the ERP and CRM.'));
  });

  it('ignore inserts a disable comment above the item, at its indentation', () => {
    const fixed = applyFix(lines('---', 'role: cto', '---', '- Define the architecture:', '  - Own the ERP and CRM.'), 'Ignore');
    assert.equal(fixed, lines('---', 'role: cto', '---', '- Define the architecture:', '  <!-- rolefit-disable-next-line role.foreign-duty -->', '  - Own the ERP and CRM.'));
    assert.deepEqual(remaining(fixed), []);
  });

  it('keeps CRLF files CRLF', () => {
    const crlf = posting.replace(/\n/g, '\r\n');
    for (const fix of fixes(crlf)) {
      const fixed = apply(crlf, fix.edits);
      assert.equal(fixed.replace(/\r\n/g, '').includes('\n'), false, `${fix.title} wrote a bare LF`);
    }
  });
});

describe('quick fixes for a duty written as prose', () => {
  const prose = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', 'Define the architecture. Own the ERP and CRM rollout.', 'Grow the engineering team.');

  it('edit the sentence only, never its neighbours', () => {
    assert.equal(applyFix(prose, 'Make it a partnership'), prose.replace('Own the ERP', 'In partnership with the CIO, own the ERP'));
    assert.equal(applyFix(prose, 'Remove'), prose.replace(' Own the ERP and CRM rollout.', ''));
    assert.equal(applyFix(prose, 'Replace'), prose.replace('Own the ERP and CRM rollout.', 'Own the architecture of the product platform.'));
  });

  it('ignore puts a disable-line comment after the sentence, inside the paragraph', () => {
    const fixed = applyFix(prose, 'Ignore');
    assert.equal(fixed, prose.replace('rollout.', 'rollout. <!-- rolefit-disable-line role.foreign-duty -->'));
    assert.deepEqual(remaining(fixed), []);
    assert.deepEqual(analyzePosting(fixed, classifier).items.map((i) => i.text), ['Define the architecture.', 'Own the ERP and CRM rollout.', 'Grow the engineering team.']);
  });
});

describe('quick fixes for a duty pasted with bullet characters', () => {
  const pasted = lines('---', 'role: cto', '---', '# Chief Technology Officer', '', 'Responsibilities:', '• Define the architecture.', '• Own the ERP and CRM rollout', '  for the Lisbon office.', '• Grow the engineering team.');

  it('edit the item\'s text and keep the bullet; remove takes its lines', () => {
    assert.equal(applyFix(pasted, 'Make it a partnership'), pasted.replace('• Own the ERP', '• In partnership with the CIO, own the ERP'));
    assert.equal(applyFix(pasted, 'Remove'), pasted.replace('• Own the ERP and CRM rollout\n  for the Lisbon office.\n', ''));
  });

  it('ignore puts a disable-next-line comment above the item, and the other bullets stay items', () => {
    const fixed = applyFix(pasted, 'Ignore');
    assert.equal(fixed, pasted.replace('• Own', '<!-- rolefit-disable-next-line role.foreign-duty -->\n• Own'));
    assert.deepEqual(remaining(fixed), []);
    assert.deepEqual(analyzePosting(fixed, classifier).items.map((i) => i.text), ['Define the architecture.', 'Own the ERP and CRM rollout for the Lisbon office.', 'Grow the engineering team.']);
  });
});

describe('fixes for the other rules', () => {
  it('role.unknown offers one "set the role" fix per role', () => {
    const text = lines('# Technology Leader', '## Responsibilities', '- Own the ERP and CRM.', '## Requirements', '- Ten years in IT');
    const offered = fixes(text, 'role.unknown');
    assert.deepEqual(offered.map((f) => f.title), ["Set the posting's role to CIO (Chief Information Officer)", "Set the posting's role to CTO (Chief Technology Officer)"]);
    assert.equal(apply(text, offered[0].edits), lines('---', 'role: cio', '---', '# Technology Leader', '## Responsibilities', '- Own the ERP and CRM.', '## Requirements', '- Ten years in IT'));
  });

  it('role.reads-like retitles the posting and its front matter role', () => {
    const text = lines('---', 'role: cto', '---', '# Chief Technology Officer', '- Own the ERP.', '- Run the CRM.', '- Run the service desk.', '- Buy laptops.');
    const fixed = applyFix(text, 'Retitle', 'role.reads-like');
    assert.equal(fixed, lines('---', 'role: cio', '---', '# Chief Information Officer (CIO)', '- Own the ERP.', '- Run the CRM.', '- Run the service desk.', '- Buy laptops.'));
    assert.deepEqual(remaining(fixed), []);
  });

  it('role.reads-like retitles a labelled title in place, keeping its label', () => {
    const text = lines('**Job title:** Chief Technology Officer', '', '## Responsibilities', '- Own the ERP.', '- Run the CRM.', '- Run the service desk.', '- Buy laptops.');
    assert.equal(applyFix(text, 'Retitle', 'role.reads-like'), text.replace('Chief Technology Officer', 'Chief Information Officer (CIO)'));
  });
});

describe('fix all', () => {
  it('makes every foreign duty a partnership with its owner, keeps every other line, and leaves no finding', () => {
    const text = lines('---', 'role: cto', '---', '- Own the ERP and CRM.', '- Define the architecture.', '- Run the service desk and buy laptops.');
    const analysis = analyzePosting(text, classifier);
    const fixed = apply(text, fixAllEdits(text, analysis.findings));
    assert.equal(fixed, lines('---', 'role: cto', '---', '- In partnership with the CIO, own the ERP and CRM.', '- Define the architecture.', '- In partnership with the CIO, run the service desk and buy laptops.'));
    assert.deepEqual(remaining(fixed), []);
    assert.deepEqual(fixAllEdits(fixed, analyzePosting(fixed, classifier).findings), [], 'a second fix all changes nothing');
  });

  it('the meaning check used on the corpora catches a dropped word, a repeated line and a changed requirement', () => {
    const text = lines('---', 'role: cto', '---', '## Responsibilities', '- Define the architecture.', '- Own the ERP and CRM rollout for 40 users.', '## Requirements', '- 10 years of SaaS');
    const analysis = analyzePosting(text, classifier);
    assert.equal(analysis.findings.filter((f) => f.ruleId === 'role.foreign-duty').length, 1);
    assertFixAllKeepsMeaning(text, apply(text, fixAllEdits(text, analysis.findings)), analysis, 'fix all');
    const broken = (line: string, replacement: string) => text.replace(line, replacement);
    assert.throws(() => assertFixAllKeepsMeaning(text, broken('- Own the ERP and CRM rollout for 40 users.', '- Own the ERP rollout for 40 users.'), analysis, 'x'), /"(and|CRM)" of .* is gone/);
    assert.throws(() => assertFixAllKeepsMeaning(text, broken('- Own the ERP and CRM rollout for 40 users.', '- Define the architecture.'), analysis, 'x'), /fix all made lines repeat/);
    assert.throws(() => assertFixAllKeepsMeaning(text, broken('- 10 years of SaaS', '- Define the platform.'), analysis, 'x'), /requirement list changed/);
  });
});
