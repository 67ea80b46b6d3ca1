import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePosting, Classifier, Lexicon } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { miniClassifier } from './miniKnowledge';

const classifier = miniClassifier();
const lines = (...parts: string[]) => parts.join('\n');
const analyze = (text: string, options = {}) => analyzePosting(text, classifier, options);
const rules = (text: string, options = {}) => analyze(text, options).findings.map((f) => `${f.range.start.line}:${f.ruleId}${f.owner ? `:${f.owner}` : ''}`);

describe('the posting role', () => {
  it('comes from front matter role', () => {
    const analysis = analyze(lines('---', 'role: cto', '---', '# Head of IT'));
    assert.deepEqual([analysis.roles, analysis.roleSource], [['cto'], 'front-matter']);
  });

  it('comes from front matter roles, a hybrid role', () => {
    const analysis = analyze(lines('---', 'roles: [cto, cio]', '---'));
    assert.deepEqual([analysis.roles, analysis.roleSource], [['cto', 'cio'], 'front-matter']);
  });

  it('accepts an abbreviation in any case in front matter', () => {
    assert.deepEqual(analyze(lines('---', 'role: CIO', '---')).roles, ['cio']);
  });

  it('comes from the title\'s alias or abbreviation when there is no front matter', () => {
    assert.deepEqual(analyze('# VP of Engineering, Payments').roles, ['cto']);
    assert.deepEqual(analyze('# Technology lead (CIO)').roles, ['cio']);
    assert.equal(analyze('# IT Director').roleSource, 'title');
  });

  it('is unknown for a posting whose title names no role, and says so without flagging', () => {
    const text = lines('# Technology Leader', '', '## Responsibilities', '', '- Own the ERP and CRM.', '- Define the tech stack and architecture.', '', '## Requirements', '', '- Ten years in technology');
    assert.deepEqual(rules(text), ['0:role.unknown']);
    assert.equal(analyze(text).roleSource, 'unknown');
  });

  it('comes from a line labelled as the title, a heading or bold line standing first, or a heading under a company name', () => {
    const roleOf = (...parts: string[]) => {
      const analysis = analyze(lines(...parts, '', '## Responsibilities', '', '- Lead the team'));
      return [analysis.roles.join(), analysis.roleSource, analysis.title?.text];
    };
    assert.deepEqual(roleOf('Job Title: IT Director'), ['cio', 'title', 'IT Director']);
    assert.deepEqual(roleOf('**Position:** VP of Engineering', 'Location: Remote'), ['cto', 'title', 'VP of Engineering']);
    assert.deepEqual(roleOf('## Head of IT'), ['cio', 'title', 'Head of IT']);
    assert.deepEqual(roleOf('__Chief Technology Officer__', '', 'We are hiring.'), ['cto', 'title', 'Chief Technology Officer']);
    assert.deepEqual(roleOf('# Acme Corp', '', '## Head of Engineering', '', 'Acme builds software.'), ['cto', 'title', 'Head of Engineering']);
  });

  it('comes from the first line of a posting pasted from a job board, short and not a sentence', () => {
    const pasted = analyze(lines('Head of IT – Manchester (Hybrid)', 'Acme Ltd · Full-time', '', 'Responsibilities:', '• Run the service desk', '• Set the pricing and packaging strategy'));
    assert.deepEqual([pasted.isPosting, pasted.roles, pasted.roleSource, pasted.title?.text], [true, ['cio'], 'title', 'Head of IT – Manchester (Hybrid)']);
    // Nor the post a first sentence is hiring for, when it is written as a title.
    const roleOf = (first: string) => analyze(lines(first, '', '## Responsibilities', '', '- Lead the team'), { posting: true }).roles;
    assert.deepEqual(roleOf('Acme is looking for a Head of IT to run our service desk and our ERP across six sites.'), ['cio']);
    assert.deepEqual(roleOf('Our CTO is hiring a Head of IT, who will run the service desk.'), ['cio']);
    // A sentence that hires no titled post, or a line about another post, is not a title.
    for (const first of ['Our CTO leads a team of forty engineers.', 'Reporting to the Chief Technology Officer', 'We are hiring engineers to join our CTO and her platform team.']) {
      assert.deepEqual(analyze(lines(first, '', '## Responsibilities', '', '- Lead the team'), { posting: true }).roles, [], first);
    }
  });

  it('is read from a line that names a post before a company name that only names a function', () => {
    const builtin = new Classifier(new Lexicon(builtinKnowledge()), builtinModel());
    const roleOf = (...parts: string[]) => analyzePosting(lines(...parts, '', '## Responsibilities', '', '- Own the roadmap'), builtin, { posting: true }).roles;
    assert.deepEqual(roleOf('# Orbital Analytics GmbH', '', '**Position:** Director of Product Management'), ['cpo']);
    assert.deepEqual(roleOf('# Orbital Analytics GmbH', '', 'Poste : Directeur Produit (Chief Product Officer)'), ['cpo']);
    assert.deepEqual(roleOf('# Orbital Analytics GmbH'), ['cdo']);
  });

  it('is not read from a heading that names a function but no post, nor from a line after the first paragraph or list', () => {
    assert.deepEqual(analyze(lines('# Notes', '', '## Engineering', '', '- Build the API'), { posting: true }).roles, []);
    assert.deepEqual(analyze(lines('# Acme', '', 'We build software.', '', '## Chief Technology Officer', '', '- Lead the team'), { posting: true }).roles, []);
    assert.deepEqual(analyze(lines('# Acme', '', '- Lead the team', '', 'Job title: Chief Technology Officer'), { posting: true }).roles, []);
    assert.deepEqual(analyze(lines('# Chief Information Officer', '', 'Job title: Chief Technology Officer')).roles, ['cio']);
    // A line about the posting's manager or partner names another post.
    for (const line of ['## Reporting to the Head of Engineering', '**Works closely with the IT Director**', 'Hiring manager: VP of Engineering']) {
      assert.deepEqual(analyze(lines('# Acme', '', line, '', '- Lead the team'), { posting: true }).roles, [], line);
    }
  });

  it('falls back to the title when the front matter role is empty', () => {
    const analysis = analyze(lines('---', 'role:', '---', '# Head of IT', '- Own the ERP.'));
    assert.deepEqual([analysis.roles, analysis.roleSource], [['cio'], 'title']);
  });
});

describe('what is a posting', () => {
  it('is a file whose front matter names a role, whose title names a post, or that has the sections of a posting', () => {
    assert.equal(analyze(lines('---', 'role: cto', '---', 'Notes.')).isPosting, true);
    assert.equal(analyze(lines('# VP of Engineering', 'Notes.')).isPosting, true);
    assert.equal(analyze(lines('# Platform team', '## What you will do', '- Own the ERP.', '## What we offer', '- A laptop')).isPosting, true);
  });

  it('is not a README, a changelog or notes, which get no finding at all', () => {
    for (const text of [
      lines('# rolefit', '', 'Checks postings.', '', '## Requirements', '', '- Node 20', '', '## Usage', '', '- Run the ERP check'),
      lines('# Changelog', '', '## 0.2.0', '', '- Own the ERP and CRM rollout'),
      lines('# Meeting notes', '', '- Roll out the ERP next quarter', '- Buy laptops for the new hires'),
      lines('# Data pipeline', '', '- Load the CRM export into the warehouse'),
      lines('# Sprint notes', '', 'Tasks:', '- Migrate the ERP', '', 'Requirements:', '- Node 20'),
    ]) {
      const analysis = analyze(text);
      assert.equal(analysis.isPosting, false, text);
      assert.deepEqual(analysis.findings, [], text);
    }
  });

  it('is any file the configuration names as a posting', () => {
    const analysis = analyze(lines('# Notes', '- Own the ERP and CRM.'), { posting: true });
    assert.deepEqual(analysis.findings.map((f) => f.ruleId), ['role.unknown']);
  });
});

describe('fit', () => {
  it('leaves out items the writer silenced', () => {
    const text = lines('---', 'role: cto', '---', '- Define the architecture.', '<!-- rolefit-disable-next-line -->', '- Own the ERP and CRM.');
    assert.deepEqual(analyze(text).fit, { cto: 1 });
  });

  it('reports an unknown role id in front matter at its value and falls back to the title', () => {
    const analysis = analyze(lines('---', 'role: cxo', '---', '# Head of IT'));
    assert.deepEqual([analysis.roles, analysis.roleSource], [['cio'], 'title']);
    const problem = analysis.findings.find((f) => f.ruleId === 'posting.front-matter')!;
    assert.match(problem.message, /Unknown role "cxo"/);
    assert.deepEqual(problem.range.start, { line: 1, character: 6 });
  });

  it('is taken from the option over everything else', () => {
    const analysis = analyze(lines('---', 'role: cto', '---'), { roles: ['cio'] });
    assert.deepEqual([analysis.roles, analysis.roleSource], [['cio'], 'option']);
  });
});

describe('role.foreign-duty', () => {
  const cto = (...items: string[]) => lines('---', 'role: cto', '---', '# CTO', '', '## Responsibilities', '', ...items.map((i) => `- ${i}`));

  it('flags a duty owned by another role, on the item text, with owner, area and evidence', () => {
    const analysis = analyze(cto('Define the architecture and tech stack.', 'Own the ERP and CRM rollout.'));
    const finding = analysis.findings.find((f) => f.ruleId === 'role.foreign-duty')!;
    assert.deepEqual(finding.range, { start: { line: 8, character: 2 }, end: { line: 8, character: 30 } });
    assert.equal(finding.owner, 'cio');
    assert.equal(finding.area, 'business-systems');
    assert.deepEqual(finding.evidence, ['ERP', 'CRM']);
    assert.match(finding.message, /belongs to the CIO \(Business systems: "ERP", "CRM"\), not to a CTO/);
    assert.equal(finding.fix?.kind === 'foreign-duty' && finding.fix.replacement, 'Own the architecture of the product platform.');
  });

  it('does not flag duties of the posting role, shared duties, or partnerships with the owner', () => {
    assert.deepEqual(rules(cto('Grow the engineering team.', 'Own the budget and headcount, reporting to the board.', 'Partner with the CIO on the ERP and CRM.', 'Work with the Head of IT on laptops.')), []);
  });

  it('does not flag a sentence with too little evidence', () => {
    assert.deepEqual(rules(cto('Improve our systems.')), []);
  });

  it('never flags a requirement, whatever it names (rule 8)', () => {
    const analysis = analyze(lines('---', 'role: cto', '---', '## Requirements', '- ITIL service desk experience', '- Five years running the ERP and CRM'));
    assert.deepEqual(analysis.findings, []);
    assert.deepEqual(analysis.items.map((i) => i.judgement.decision), ['neutral', 'neutral']);
  });

  it('leaves benefits, about and measures sections alone', () => {
    assert.deepEqual(rules(lines('---', 'role: cto', '---', '## What we offer', '- New laptops and a help desk', '## About us', '- We run our ERP and CRM well', '## Key metrics', '- ERP and CRM uptime above 99.9%')), []);
    // The same item under a heading of duties is judged.
    assert.deepEqual(rules(lines('---', 'role: cto', '---', '## Responsibilities', '- ERP and CRM uptime above 99.9%')), ['4:role.foreign-duty:cio']);
  });

  it('accepts both roles of a hybrid posting', () => {
    assert.deepEqual(rules(lines('---', 'roles: [cto, cio]', '---', '- Own the ERP and CRM.', '- Define the architecture.')), []);
  });
});

describe('suppression comments', () => {
  const head = ['---', 'role: cto', '---'];
  it('disable-next-line silences the next item only', () => {
    assert.deepEqual(rules(lines(...head, '<!-- rolefit-disable-next-line -->', '- Own the ERP and CRM.', '- Run the service desk and laptops.')), ['5:role.foreign-duty:cio']);
  });

  it('disable-next-line with a rule id silences that rule only', () => {
    assert.deepEqual(rules(lines(...head, '<!-- rolefit-disable-next-line role.reads-like -->', '- Own the ERP and CRM.')), ['4:role.foreign-duty:cio']);
    assert.deepEqual(rules(lines(...head, '<!-- rolefit-disable-next-line role.foreign-duty -->', '- Own the ERP and CRM.')), []);
  });

  it('disable … enable silences a region', () => {
    const text = lines(...head, '<!-- rolefit-disable -->', '- Own the ERP and CRM.', '- Run the help desk.', '<!-- rolefit-enable -->', '- Buy laptops and run the service desk.');
    assert.deepEqual(rules(text), ['7:role.foreign-duty:cio']);
  });

  it('a comment at the end of the item line silences it (disable-line)', () => {
    assert.deepEqual(rules(lines(...head, '- Own the ERP and CRM. <!-- rolefit-disable-line -->')), []);
  });

  it('a comment after a sentence of prose silences that sentence, even when the paragraph opens with a line of ideographic spaces', () => {
    const prose = (...paragraph: string[]) => lines(...head, '# Chief Technology Officer', '', '## Responsibilities', '', ...paragraph);
    assert.deepEqual(rules(prose('\u3000', 'Own the ERP and CRM rollout.')), ['8:role.foreign-duty:cio']);
    assert.deepEqual(rules(prose('\u3000', 'Own the ERP and CRM rollout. <!-- rolefit-disable-line role.foreign-duty -->')), []);
  });

  it('a comment inside a code block does nothing', () => {
    assert.deepEqual(rules(lines(...head, '```', '<!-- rolefit-disable -->', '```', '- Own the ERP and CRM.')), ['6:role.foreign-duty:cio']);
  });
});

describe('whole-posting fit', () => {
  it('gives the share of owner-judged items per role and reports a posting that reads like another role', () => {
    const text = lines('# Chief Technology Officer (CTO)', '', '## Responsibilities', '- Own the ERP.', '- Run the CRM.', '- Run the service desk.', '- Buy laptops.', '- Define the architecture.');
    const analysis = analyze(text);
    assert.deepEqual(analysis.fit, { cio: 0.8, cto: 0.2 });
    assert.equal(analysis.postingFit, 0.2);
    const readsLike = analysis.findings.find((f) => f.ruleId === 'role.reads-like')!;
    assert.equal(readsLike.owner, 'cio');
    assert.equal(readsLike.range.start.line, 0);
    assert.match(readsLike.message, /reads like a CIO role: 80%/);
  });

  it('does not speak about the whole posting with fewer than four judged duties', () => {
    assert.deepEqual(rules(lines('# CTO', '- Own the ERP.', '- Run the CRM.', '- Buy laptops.')).filter((r) => r.includes('reads-like')), []);
  });
});

describe('options', () => {
  it('a severity of off drops a rule and another severity replaces the default', () => {
    const text = lines('---', 'role: cto', '---', '- Own the ERP and CRM.');
    assert.deepEqual(analyze(text, { severities: { 'role.foreign-duty': 'off' } }).findings, []);
    assert.equal(analyze(text, { severities: { 'role.foreign-duty': 'error' } }).findings[0].severity, 'error');
  });

  it('a posting over the size limit is checked up to it and says so', () => {
    const text = lines('---', 'role: cto', '---', '- Own the ERP and CRM.', ...Array.from({ length: 200 }, () => '- Run the service desk.'));
    const analysis = analyze(text, { maxCharacters: 100 });
    assert.equal(analysis.reduced, true);
    assert.equal(analysis.findings[0].ruleId, 'posting.too-large');
    assert.ok(analysis.items.length < 10);
  });
});
