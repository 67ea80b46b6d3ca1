/** Scores the classifier on the labelled corpus: `npm run eval` (add --verbose to list every miss). */
import { Classifier, Lexicon, type Strictness } from '../server/src/core';
import { builtinKnowledge } from '../server/src/knowledge/builtin';
import path from 'node:path';
import { corpusDir, evaluatePostings, evaluateSentences, HOLDOUT_DIR, ratio, type PostingMetrics, type SentenceMetrics } from './evaluate';

const dir = corpusDir();
if (!dir) {
  console.error('rolefit eval: no corpus found; set ROLEFIT_CORPUS to the folder that holds expected.tsv.');
  process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const strictness = (process.argv.find((a) => a.startsWith('--strictness='))?.split('=')[1] ?? 'balanced') as Strictness;
const classifier = new Classifier(new Lexicon(builtinKnowledge()), strictness);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

function printPostings(title: string, postings: PostingMetrics): void {
  console.log(title);
  console.log(`  precision            ${postings.precision.toFixed(3)}  (${postings.truePositives} right flags, ${postings.falsePositives} false flags)`);
  console.log(`  recall               ${postings.recall.toFixed(3)}  (${postings.truePositives} of ${postings.truePositives + postings.falseNegatives} expected flags)`);
  console.log(`  own/shared flagged   ${pct(ratio(postings.ownOrSharedFlagged, postings.ownOrShared))}  (${postings.ownOrSharedFlagged} of ${postings.ownOrShared})`);
  console.log(`  owner attribution    ${pct(ratio(postings.ownerCorrect, postings.truePositives))}  (${postings.ownerCorrect} of ${postings.truePositives} flags name the expected owner)`);
  console.log(`  flags off any item   ${postings.unlabelledFlags}`);
  if (postings.documentChecks.length > 0) {
    console.log(`  document checks      ${postings.documentChecks.filter((c) => c.passed).length}/${postings.documentChecks.length}`);
    for (const check of postings.documentChecks) console.log(`    ${check.passed ? 'ok  ' : 'FAIL'} ${check.file} ${check.expectation} (${check.got})`);
  }
  if (verbose) for (const miss of postings.misses) console.log(`    ${miss}`);
}

function printSentences(title: string, sentences: SentenceMetrics): void {
  console.log(title);
  console.log(`  role sentences with an owner   ${pct(ratio(sentences.decided, sentences.roleSentences))}  (${sentences.decided} of ${sentences.roleSentences})`);
  console.log(`  owner right when named         ${pct(ratio(sentences.decidedCorrect, sentences.decided))}  (${sentences.decidedCorrect} of ${sentences.decided})`);
  console.log(`  shared/other given an owner    ${pct(ratio(sentences.commonDecided, sentences.commonSentences))}  (${sentences.commonDecided} of ${sentences.commonSentences})`);
  if (verbose) for (const wrong of sentences.wrong) console.log(`    ${wrong}`);
}

console.log(`rolefit eval (strictness ${strictness})`);
console.log('');
console.log(`Development corpus: ${dir}`);
printPostings('Postings (expected.tsv), rule role.foreign-duty', evaluatePostings(dir, classifier));
printSentences('Sentence bank (duties.tsv)', evaluateSentences(path.join(dir, 'duties.tsv'), classifier));
console.log('');
console.log(`Held-out set, never used for tuning: ${path.relative(process.cwd(), HOLDOUT_DIR)}`);
printPostings('Postings (postings/expected.tsv), rule role.foreign-duty', evaluatePostings(path.join(HOLDOUT_DIR, 'postings'), classifier));
printSentences('Sentences (sentences.tsv)', evaluateSentences(path.join(HOLDOUT_DIR, 'sentences.tsv'), classifier));
