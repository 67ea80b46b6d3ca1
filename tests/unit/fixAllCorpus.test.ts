/**
 * Fix all on real text: the hand-written postings of ../shared/corpus and the real postings of
 * ../shared/corpus/real, as published and with three duties of other roles moved into each, at every
 * strictness. The generated postings get the same checks in fuzz.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePosting, Classifier, fixAllEdits, Lexicon, type Strictness } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { corpusDir } from '../../scripts/evaluate';
import { loadRealCorpus, realCorpusDir, transplant } from '../../scripts/realCorpus';
import { assertFixAllKeepsMeaning } from './fixAllProperties';

const lexicon = new Lexicon(builtinKnowledge());
const LEVELS: Strictness[] = ['lenient', 'balanced', 'strict'];
const classifiers = new Map(LEVELS.map((level) => [level, new Classifier(lexicon, builtinModel(), level)]));

/** Applies fix all to each posting at each strictness and checks it; returns how many items it fixed. */
function fixAllChecked(postings: Array<{ name: string; text: string }>): number {
  let fixed = 0;
  for (const { name, text } of postings) {
    for (const level of LEVELS) {
      const classifier = classifiers.get(level)!;
      const analysis = analyzePosting(text, classifier, { posting: true });
      const edits = fixAllEdits(text, analysis.findings);
      const after = TextDocument.applyEdits(TextDocument.create('file:///p.md', 'markdown', 1, text), edits);
      assertFixAllKeepsMeaning(text, after, analysis, `${name} (${level})`);
      const left = analyzePosting(after, classifier, { posting: true }).findings.filter((f) => f.ruleId === 'role.foreign-duty');
      assert.deepEqual(left.map((f) => f.text), [], `${name} (${level}): fix all left foreign duties`);
      fixed += edits.length;
    }
  }
  return fixed;
}

const shared = corpusDir();
const real = realCorpusDir();

describe('fix all on the corpora', () => {
  it('keeps every line, requirement and word of the hand-written postings', { skip: shared ? false : 'no ../shared/corpus beside the repository' }, () => {
    const postings = fs.readdirSync(shared!).filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((name) => ({ name, text: fs.readFileSync(path.join(shared!, name), 'utf8') }));
    const fixed = fixAllChecked(postings);
    console.log(`fix all: ${postings.length} hand-written postings, ${fixed} items fixed over three strictness levels`);
    assert.ok(fixed >= 20, `only ${fixed} items fixed: the check proved little`);
  });

  it('keeps every line, requirement and word of the real postings, with and without transplanted duties', { skip: real ? false : 'no ../shared/corpus/real beside the repository' }, () => {
    const corpus = loadRealCorpus(real!);
    const postings = corpus.flatMap((posting) => {
      const moved = transplant(posting, corpus);
      return [{ name: posting.file, text: posting.text }, ...(moved ? [{ name: `${posting.file} + 3 transplanted duties`, text: moved.text }] : [])];
    });
    const fixed = fixAllChecked(postings);
    console.log(`fix all: ${postings.length} real postings, ${fixed} items fixed over three strictness levels`);
    assert.ok(fixed >= 500, `only ${fixed} items fixed: the check proved little`);
  });
});
