import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePosting } from '../../server/src/core';

const lines = (...parts: string[]) => parts.join('\n');

describe('parsePosting', () => {
  it('reads the front matter role and the first H1 as title', () => {
    const posting = parsePosting(lines('---', 'role: cto', 'company: Acme', '---', '', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture'));
    assert.deepEqual(posting.roleValue?.value, 'cto');
    assert.deepEqual(posting.roleValue?.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 9 } });
    assert.equal(posting.frontMatter?.endLine, 3);
    assert.equal(posting.title?.text, 'Chief Technology Officer');
    assert.deepEqual(posting.title?.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 26 } });
  });

  it('gives each item a range from the first character after the marker to the end of its text', () => {
    const posting = parsePosting(lines('# T', '', '## Responsibilities', '', '- Own the ERP', '* Run the CRM  ', '12. Grow the team', '3) Mentor leaders'));
    assert.deepEqual(
      posting.items.map((i) => [i.text, i.range.start.line, i.range.start.character, i.range.end.character]),
      [
        ['Own the ERP', 4, 2, 13],
        ['Run the CRM', 5, 2, 13],
        ['Grow the team', 6, 4, 17],
        ['Mentor leaders', 7, 3, 17],
      ],
    );
    assert.ok(posting.items.every((i) => i.section.kind === 'responsibilities'));
  });

  it('joins a wrapped bullet and ends its range on the continuation line', () => {
    const posting = parsePosting(lines('## Responsibilities', '', '- Own the ERP and', '  the CRM rollout.', '- Next'));
    assert.equal(posting.items[0].text, 'Own the ERP and the CRM rollout.');
    assert.deepEqual(posting.items[0].range, { start: { line: 2, character: 2 }, end: { line: 3, character: 18 } });
    assert.equal(posting.items[0].endLine, 3);
  });

  it('finds nested items and counts the parent\'s children in its end line', () => {
    const posting = parsePosting(lines('## Responsibilities', '', '1. Own the roadmap, including:', '   - quarterly planning', '   - a public page', '2. Next'));
    assert.deepEqual(posting.items.map((i) => [i.text, i.depth, i.line, i.endLine, i.markerColumn]), [
      ['Own the roadmap, including:', 1, 2, 4, 0],
      ['quarterly planning', 2, 3, 3, 3],
      ['a public page', 2, 4, 4, 3],
      ['Next', 1, 5, 5, 0],
    ]);
  });

  it('skips fenced code, HTML comments and tables', () => {
    const posting = parsePosting(
      lines('## Responsibilities', '', '| a | b |', '|---|---|', '| - ERP | x |', '', '<!-- note', '- Own the ERP rollout.', '-->', '', '```text', '- CRM experience', '```', '', '- Real item'),
    );
    assert.deepEqual(posting.items.map((i) => i.text), ['Real item']);
  });

  it('knows the kind of each section from its heading', () => {
    const posting = parsePosting(lines('# T', '## What you will do', '- a', '## About you', '- b', '## Benefits', '- c', '## About us', '- d', '## Partnerships', '- e', '## How to apply', '- f'));
    assert.deepEqual(posting.items.map((i) => i.section.kind), ['responsibilities', 'requirements', 'benefits', 'about', 'collaboration', 'application']);
  });

  it('reads metrics and expectations the post is judged by as measures, not duties', () => {
    const posting = parsePosting(lines('# T', '## Key metrics', '- a', '## How you will be measured', '- b', '**Performance expectations:**', '- c', '## Product metrics and analytics', '- d'));
    assert.deepEqual(posting.items.map((i) => i.section.kind), ['measures', 'measures', 'measures', 'other']);
  });

  it('reads a description of the company\'s stack or product as about the company, not as duties', () => {
    const posting = parsePosting(lines('# T', '## Our stack', '- a', '## The tech stack', '- b', '## The Product', '- c', '## Product strategy', '- d', '### Product', '- e'));
    assert.deepEqual(posting.items.map((i) => i.section.kind), ['about', 'about', 'about', 'other', 'other']);
  });

  it('reads a domain\'s "experience" as a subject and a heading of duties and qualifications as holding both', () => {
    const posting = parsePosting(lines('# T', '## Customer Experience', '- a', '## Developer experience', '- b', '## Experience', '- c', '## Skills and experience', '- d', '## Duties and Qualifications', '- e', '## Responsibilities', '- f'));
    assert.deepEqual(posting.items.map((i) => i.section.kind), ['other', 'other', 'requirements', 'requirements', 'other', 'responsibilities']);
  });

  it('reads a line in bold or ending with a colon above a list as heading its section, as job boards write them', () => {
    const posting = parsePosting(
      lines('# T', '## The role', '', '**Requirements:**', '- a', '', '_What we offer_', '', '- b', '', 'In this role you will:', '- c', '', 'We want someone who:', '- d', '## Benefits', '- e'),
    );
    assert.deepEqual(posting.items.map((i) => [i.text, i.section.kind, i.section.heading]), [
      ['a', 'requirements', 'Requirements'],
      ['b', 'benefits', 'What we offer'],
      ['c', 'responsibilities', 'In this role you will'],
      // A line that names no kind of section ends the one before it: back to what the heading holds.
      ['d', 'responsibilities', 'The role'],
      ['e', 'benefits', 'Benefits'],
    ]);
  });

  it('leaves lines that only group items, and sentences that introduce a list, to the heading above them', () => {
    const posting = parsePosting(
      lines('## Responsibilities', '', '**Strategy**', '- a', '', 'Our team is small and our customers are many, so the person we hire will also need to:', '- b', '', 'Requirements: see below', '- c'),
    );
    assert.deepEqual(posting.items.map((i) => i.section.kind), ['responsibilities', 'responsibilities', 'responsibilities']);
  });

  it('reads bullets pasted from a word processor as items, with exact ranges, under the line that heads them', () => {
    const posting = parsePosting(lines('# T', '', 'What you will do:', '•\tOwn the ERP rollout', '● Run the help desk,', '  across three sites', '', '**Requirements**', '· Ten years in IT', '', 'We grew – and we keep growing.'));
    assert.deepEqual(
      posting.items.map((i) => [i.text, i.section.kind, i.line, i.endLine, i.markerColumn, i.range]),
      [
        ['Own the ERP rollout', 'responsibilities', 3, 3, 0, { start: { line: 3, character: 2 }, end: { line: 3, character: 21 } }],
        ['Run the help desk, across three sites', 'responsibilities', 4, 5, 0, { start: { line: 4, character: 2 }, end: { line: 5, character: 20 } }],
        ['Ten years in IT', 'requirements', 8, 8, 0, { start: { line: 8, character: 2 }, end: { line: 8, character: 17 } }],
      ],
    );
  });

  it('reads a posting pasted with no blank line: a line that heads bullets ends the bullet above it', () => {
    const posting = parsePosting(lines('Chief Technology Officer', 'Acme · Berlin', 'Responsibilities:', '• Own the architecture', '  of the platform', 'Requirements:', '• Ten years in software', 'What we offer:', '– A laptop'));
    assert.deepEqual(posting.otherTitles.map((t) => t.text), ['Chief Technology Officer', 'Acme · Berlin']);
    assert.deepEqual(
      posting.items.map((i) => [i.text, i.section.kind, i.line, i.endLine]),
      [
        ['Own the architecture of the platform', 'responsibilities', 3, 4],
        ['Ten years in software', 'requirements', 6, 6],
        ['A laptop', 'benefits', 8, 8],
      ],
    );
  });

  it('reads Word\'s second-level bullets ("o …") under a pasted bullet as its nested items', () => {
    const posting = parsePosting(lines('## Responsibilities', '', '• Run IT operations', 'o the service desk', 'o laptops and phones,', '  for all staff', '• Own the IT budget'));
    assert.deepEqual(
      posting.items.map((i) => [i.text, i.depth, i.line, i.endLine, i.range.end.line]),
      [
        ['Run IT operations', 1, 2, 5, 2],
        ['the service desk', 2, 3, 3, 3],
        ['laptops and phones, for all staff', 2, 4, 5, 5],
        ['Own the IT budget', 1, 6, 6, 6],
      ],
    );
  });

  it('keeps line numbers with CRLF and lone CR line endings', () => {
    const posting = parsePosting('---\r\nrole: cio\r\n---\r# T\r\n\r\n- Own the ERP\r\n');
    assert.equal(posting.roleValue?.value, 'cio');
    assert.equal(posting.items[0].line, 5);
    assert.deepEqual(posting.items[0].range, { start: { line: 5, character: 2 }, end: { line: 5, character: 13 } });
  });

  it('reports front matter that is not closed or not valid YAML', () => {
    assert.match(parsePosting(lines('---', 'role: cto', '# Title')).frontMatterProblems[0].message, /not closed/);
    const invalid = parsePosting(lines('---', 'role: [cto', '---', '# T'));
    assert.match(invalid.frontMatterProblems[0].message, /not valid YAML/);
    assert.equal(invalid.frontMatterProblems[0].range.start.line >= 1, true);
  });

  it('strips a task-list box from the item text and range', () => {
    const posting = parsePosting(lines('- [ ] Own the ERP'));
    assert.equal(posting.items[0].text, 'Own the ERP');
    assert.equal(posting.items[0].range.start.character, 6);
  });
});

describe('duties written as prose', () => {
  it('reads each sentence of a paragraph under a responsibilities heading as an item, with exact ranges', () => {
    const posting = parsePosting(lines('# Director of IT', '', '## Duties', '', 'The incumbent plans budgets, e.g. for the U.S. office. He or she manages I.T. staff;', '  and reports to the board. (4) Help recruit staff.'));
    assert.deepEqual(
      posting.items.map((i) => [i.text, i.range, i.prose]),
      [
        ['The incumbent plans budgets, e.g. for the U.S. office.', { start: { line: 4, character: 0 }, end: { line: 4, character: 54 } }, true],
        ['He or she manages I.T. staff; and reports to the board.', { start: { line: 4, character: 55 }, end: { line: 5, character: 27 } }, true],
        ['(4) Help recruit staff.', { start: { line: 5, character: 28 }, end: { line: 5, character: 51 } }, true],
      ],
    );
  });

  it('leaves a paragraph alone when the section, or a section below it, lists the duties', () => {
    const posting = parsePosting(lines('## Role and responsibilities', '', 'We are growing fast. You will run IT.', '', '### Responsibilities', '', '- Run the service desk'));
    assert.deepEqual(posting.items.map((i) => i.text), ['Run the service desk']);
  });

  it('reads no prose outside responsibilities sections', () => {
    const posting = parsePosting(lines('# CTO', '', 'Own the ERP rollout.', '', '## About us', '', 'We run the ERP well.'));
    assert.deepEqual(posting.items, []);
  });
});
