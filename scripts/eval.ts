/** Scores the classifier on the labelled corpus: `npm run eval` (add --verbose to list every miss). */
import { Classifier, Lexicon, type Strictness } from '../server/src/core';
import { builtinKnowledge } from '../server/src/knowledge/builtin';
import { corpusDir, evaluatePostings, evaluateSentences, ratio } from './evaluate';

const dir = corpusDir();
if (!dir) {
  console.error('rolefit eval: no corpus found; set ROLEFIT_CORPUS to the folder that holds expected.tsv.');
  process.exit(2);
}
const verbose = process.argv.includes('--verbose');
const strictness = (process.argv.find((a) => a.startsWith('--strictness='))?.split('=')[1] ?? 'balanced') as Strictness;
const classifier = new Classifier(new Lexicon(builtinKnowledge()), strictness);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

const postings = evaluatePostings(dir, classifier);
console.log(`rolefit eval on ${dir} (strictness ${strictness})`);
console.log('');
console.log('Postings (expected.tsv), rule role.foreign-duty');
console.log(`  precision            ${postings.precision.toFixed(3)}  (${postings.truePositives} right flags, ${postings.falsePositives} false flags)`);
console.log(`  recall               ${postings.recall.toFixed(3)}  (${postings.truePositives} of ${postings.truePositives + postings.falseNegatives} expected flags)`);
console.log(`  own/shared flagged   ${pct(ratio(postings.ownOrSharedFlagged, postings.ownOrShared))}  (${postings.ownOrSharedFlagged} of ${postings.ownOrShared})`);
console.log(`  owner attribution    ${pct(ratio(postings.ownerCorrect, postings.truePositives))}  (${postings.ownerCorrect} of ${postings.truePositives} flags name the expected owner)`);
console.log(`  flags off any item   ${postings.unlabelledFlags}`);
const passedDocs = postings.documentChecks.filter((c) => c.passed).length;
console.log(`  document checks      ${passedDocs}/${postings.documentChecks.length}`);
for (const check of postings.documentChecks) console.log(`    ${check.passed ? 'ok  ' : 'FAIL'} ${check.file} ${check.expectation} (${check.got})`);

const sentences = evaluateSentences(dir, classifier);
console.log('');
console.log('Sentence bank (duties.tsv)');
console.log(`  role sentences with an owner   ${pct(ratio(sentences.decided, sentences.roleSentences))}  (${sentences.decided} of ${sentences.roleSentences})`);
console.log(`  owner right when named         ${pct(ratio(sentences.decidedCorrect, sentences.decided))}  (${sentences.decidedCorrect} of ${sentences.decided})`);
console.log(`  shared/other given an owner    ${pct(ratio(sentences.commonDecided, sentences.commonSentences))}  (${sentences.commonDecided} of ${sentences.commonSentences})`);

if (verbose) {
  console.log('', 'Posting misses:');
  for (const miss of postings.misses) console.log(`  ${miss}`);
  console.log('', 'Sentence misattributions:');
  for (const wrong of sentences.wrong) console.log(`  ${wrong}`);
}
