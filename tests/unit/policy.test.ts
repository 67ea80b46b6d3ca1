/**
 * The labelling policy (shared/corpus/real/README.md), rule by rule, on sentences and titles
 * written for these tests by someone who saw neither the knowledge base nor the labelled corpus
 * (tests/fixtures/policy). They are not fitting data.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzePosting, Classifier, Lexicon } from '../../server/src/core';
import { rolesFromTitle } from '../../server/src/core/titles';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';

const lexicon = new Lexicon(builtinKnowledge());
const classifier = new Classifier(lexicon, builtinModel());
const fixtures = path.resolve(__dirname, '..', 'fixtures', 'policy');
const table = (file: string, folder = fixtures) =>
  fs
    .readFileSync(path.join(folder, file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));

const ROLES = ['cto', 'cio', 'cpo', 'ciso', 'cdo'];
const sentences = table('sentences.tsv').map(([kase, text, expected, confidence]) => ({ kase, text, expected, confidence }));

/** What a writer sees for the sentence as a duty: the owner rolefit names, "shared", or no verdict. */
function verdict(text: string): string {
  const judgement = classifier.judge(text);
  return judgement.decision === 'owner' ? judgement.owner! : judgement.decision === 'shared' ? 'shared' : 'no verdict';
}

/** Flags the sentence raises in a posting of each role, as an item under the heading and the lead-in line above its list, if any. */
function flagsIn(section: string, text: string, leadIn?: string): string[] {
  return ROLES.flatMap((role) =>
    analyzePosting(`---\nrole: ${role}\n---\n# Posting\n\n## ${section}\n\n${leadIn ? `${leadIn}\n` : ''}- ${text}\n`, classifier)
      .findings.filter((f) => f.ruleId === 'role.foreign-duty')
      .map((f) => `${role}: ${f.owner}`),
  );
}

describe('the labelling policy, on sentences written apart from rolefit', () => {
  for (const kase of [...new Set(sentences.map((s) => s.kase))]) {
    const rows = sentences.filter((s) => s.kase === kase);
    const duties = rows.filter((s) => s.expected !== 'requirement');
    if (duties.length === 0) continue;

    it(`${kase}: never names a wrong owner for a sentence an expert is sure of, and names most owners`, () => {
      const wrong = duties.filter((s) => s.confidence === 'high').map((s) => ({ ...s, got: verdict(s.text) })).filter((s) => ROLES.includes(s.got) && s.got !== s.expected);
      // One slip in a case is the most a reader would forgive; rolefit abstains rather than guess.
      assert.ok(wrong.length <= 1, wrong.map((s) => `${s.text}: expected ${s.expected}, got ${s.got}`).join('\n'));
      const right = duties.filter((s) => verdict(s.text) === s.expected).length;
      assert.ok(right / duties.length >= 0.6, `${right} of ${duties.length} right`);
    });
  }

  it('rule 8: a requirement never raises role.foreign-duty, in any posting', () => {
    for (const row of sentences.filter((s) => s.expected === 'requirement')) {
      assert.deepEqual(flagsIn('Requirements', row.text), [], row.text);
      assert.deepEqual(flagsIn('What you bring', row.text), [], row.text);
      // Job boards head the list with a line, not a heading, often under a heading of duties.
      assert.deepEqual(flagsIn('The role', row.text, '**What you bring:**'), [], row.text);
      assert.deepEqual(flagsIn('The role', row.text, 'Qualifications:'), [], row.text);
    }
  });

  it('rule 8: an item written as a qualification is a requirement even in a list of duties', () => {
    for (const text of [
      'Experience with ERP rollouts at a listed company',
      'Familiarity with SOC 2 and ISO 27001 audits',
      'Deep knowledge of pricing and packaging',
      'Proven track record of building data platforms',
      '10+ years leading engineering teams',
      'Five or more years running an IT service desk',
      "Master's degree in information security",
      'Ability to present the product roadmap to the board',
      'You have run a security operations centre',
    ]) {
      assert.deepEqual(flagsIn('Responsibilities', text), [], text);
      assert.equal(classifier.judge(text).decision, 'neutral', text);
    }
    // The same words as a duty are judged: a master data programme, understanding customers.
    assert.notEqual(classifier.judge('Own master data management for customers and products').decision, 'neutral');
    assert.notEqual(classifier.judge('Understanding customer needs through interviews and research').decision, 'neutral');
  });

  it('rule 2: a generic executive duty is never flagged, in any posting', () => {
    for (const row of sentences.filter((s) => s.kase === 'rule2' && s.expected === 'shared' && s.confidence === 'high')) {
      assert.deepEqual(flagsIn('Responsibilities', row.text), [], row.text);
    }
  });

  it('rule 1: the posting is never evidence: a sentence gets the same verdict in every posting', () => {
    for (const row of sentences.filter((s) => s.kase === 'rule1')) {
      const owners = new Set(flagsIn('Responsibilities', row.text).map((flag) => flag.split(': ')[1]));
      assert.ok(owners.size <= 1, `${row.text}: ${[...owners]}`);
    }
  });
});

// Short duties as a hiring manager types them, written apart from rolefit from the policy alone and
// not used to change anything; each is put in a posting of every role.
describe('short duties written apart, in a posting of every role', () => {
  const duties = table('short-duties.tsv').map(([text, owner, confidence, note]) => ({ text, owner, confidence, note: note ?? '' }));

  it('are never flagged in a posting of their own role, nor, when an expert is sure they are shared, in any', () => {
    for (const duty of duties) {
      const flags = flagsIn('Responsibilities', duty.text);
      if (duty.owner === 'shared' && duty.confidence === 'high') assert.deepEqual(flags, [], duty.text);
      else assert.ok(!flags.some((flag) => flag.startsWith(`${duty.owner}:`)), `${duty.text}: ${flags}`);
    }
  });

  for (const duty of duties.filter((d) => d.owner !== 'shared' && d.confidence === 'high')) {
    it(`"${duty.text}" is flagged as the ${duty.owner}'s, if at all`, { todo: duty.note.startsWith('todo:') ? duty.note.slice('todo:'.length).trim() : undefined }, () => {
      for (const flag of flagsIn('Responsibilities', duty.text)) assert.equal(flag.split(': ')[1], duty.owner, flag);
    });
  }
});

describe('titles, read the way a recruiter reads them', () => {
  for (const [title, expected] of table('titles.tsv')) {
    it(`"${title}" → ${expected}`, () => {
      const roles = rolesFromTitle(title, lexicon).roles;
      if (expected === 'unknown') assert.deepEqual(roles, []);
      else assert.deepEqual([...roles].sort(), expected.split(',').sort());
    });
  }
});

/**
 * A title of a combined role may give one of its roles, an ambiguous one none, and no title may give
 * a role it does not name. Rows noted "todo:" are known misses, reported by the runner as to do.
 */
function titlesNeverWrong(rows: string[][], rolesOf = (title: string) => rolesFromTitle(title, lexicon).roles): void {
  for (const [title, expected, note] of rows) {
    it(`"${title}" → ${expected}`, { todo: note.startsWith('todo:') ? note.slice('todo:'.length).trim() : undefined }, () => {
      const roles = rolesOf(title);
      if (expected === 'unknown') return assert.deepEqual(roles, []);
      const named = expected.split(',');
      assert.ok(roles.every((role) => named.includes(role)), `read as ${roles.join(', ')}`);
      if (named.length === 1 && !note.startsWith('ambiguous')) assert.deepEqual(roles, named);
      else assert.ok(roles.length > 0 || note.startsWith('ambiguous'), 'no role read');
    });
  }
}

// Written apart from the title reader, in two sets, by people who saw only the title rule, then used
// to mend it (another discipline's "Engineering" or "Security", another occupation, an abbreviation
// of a spelled-out title, "&"): development data.
describe('titles of the development set: never a role the title does not name', () => {
  titlesNeverWrong(table('titles.tsv', path.resolve(__dirname, '..', 'fixtures', 'development')));
});

// Openings of postings whose title is a labelled line, a bold line or a heading under the company's
// name, written apart from rolefit and then used to mend where the title is looked for: development data.
describe('openings of postings: the title found where it stands, never a role it does not name', () => {
  const openings = path.resolve(__dirname, '..', 'fixtures', 'development', 'openings');
  titlesNeverWrong(table('expected.tsv', openings), (file) => analyzePosting(fs.readFileSync(path.join(openings, file), 'utf8'), classifier, { posting: true }).roles);
});

// Openings of postings pasted from a job board, an email or a document (plain text, bullet characters,
// no blank lines), written apart from rolefit and then used to mend where the title is looked for: development data.
describe('openings of pasted postings: the title found in the first lines, never a role it does not name', () => {
  const openings = path.resolve(__dirname, '..', 'fixtures', 'development', 'pasted-openings');
  titlesNeverWrong(table('expected.tsv', openings), (file) => analyzePosting(fs.readFileSync(path.join(openings, file), 'utf8'), classifier, { posting: true }).roles);
});

// Executive and director titles written the same way after those mends, and not used to change the reader.
describe('executive titles written apart: never a role the title does not name', () => {
  titlesNeverWrong(table('executive-titles.tsv'));
});
