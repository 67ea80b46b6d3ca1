/**
 * `npm run eval`: how well rolefit judges postings.
 *
 * The numbers that predict real use come first: the labelled real postings, cross-validated by
 * source. In-sample numbers (text that shaped the knowledge base or the weights) follow, marked as
 * such. Add --verbose to list the misses on the sources that may be read while writing rules, and
 * --learning-curve to see how the real numbers move with less fitting data (about two minutes more).
 */
import path from 'node:path';
import { Classifier, Lexicon, type Strictness } from '../server/src/core';
import { builtinKnowledge, builtinModel } from '../server/src/knowledge/builtin';
import { corpusDir, DEVELOPMENT_DIR, evaluateOpenings, evaluatePlacedDuties, evaluatePolicySentences, evaluatePostings, evaluateSentences, evaluateTitles, ratio, type PlacedDutyMetrics, type PostingMetrics, type SentenceMetrics, type TitleMetrics } from './evaluate';
import { crossValidate, drawPart, emptyCounts, FOLDS, MISS_REASONS, scorePosting, secondReadings, sourceIntervals, summarize, totalScores, type ClassifierFactory, type MissReason, type RealScores, type ScoredPosting } from './evaluateReal';
import { bankFiles, DEFAULT_FIT, fitModel, isKnowledgeDuty, realExamples, seedExamples, type TextExample } from './model';
import { loadRealCorpus, realCorpusDir, type RealPosting } from './realCorpus';

const verbose = process.argv.includes('--verbose');
const learningCurve = process.argv.includes('--learning-curve');
const strictness = (process.argv.find((a) => a.startsWith('--strictness='))?.split('=')[1] ?? 'balanced') as Strictness;
const lexicon = new Lexicon(builtinKnowledge());
const pct = (value: number) => (Number.isNaN(value) ? '   —  ' : `${(value * 100).toFixed(1).padStart(5)}%`);

console.log(`rolefit eval (strictness ${strictness})`);
const realDir = realCorpusDir();
if (!realDir) {
  console.error('rolefit eval: no real corpus found; set ROLEFIT_REAL_CORPUS to the folder that holds labels.tsv.');
  process.exit(2);
}
const corpus = loadRealCorpus(realDir);
const seeds = seedExamples(lexicon, bankFiles(), DEFAULT_FIT);
const fittedOn = (training: RealPosting[], withSeeds: TextExample[]) => new Classifier(lexicon, fitModel(lexicon, [...realExamples(training, DEFAULT_FIT), ...withSeeds], DEFAULT_FIT), strictness);
const factory = (training: RealPosting[]) => fittedOn(training, seeds);

const started = Date.now();
const subsets: Array<[string, (p: RealPosting) => boolean]> = [
  ['all postings', () => true],
  ['sources kept aside (never read)', (p) => p.aside],
  ['sources read while writing rules', (p) => !p.aside],
];
const scored = crossValidate(corpus, factory);
const results = subsets.map(([name, filter]) => [name, scored.filter((entry) => filter(entry.posting))] as const);
const groups = new Set(corpus.map((p) => p.group));
const aside = corpus.filter((p) => p.aside);

console.log('');
console.log(`Real postings: ${realDir}`);
console.log(`${corpus.length} postings from ${groups.size} sources, ${corpus.reduce((n, p) => n + p.labels.length, 0)} labelled items.`);
console.log(`Cross-validated by source, ${FOLDS} folds: every posting is judged by a model fitted without any posting of its source,`);
console.log(`and the three duties transplanted into it come from other sources of its fold, never seen in fitting.`);
console.log(`A fixed third of the sources (${aside.length} postings, ${new Set(aside.map((p) => p.group)).size} sources) is kept aside: scored here, never read to write rules or vocabulary.`);
for (const [name, postings] of results) printReal(name, totalScores(postings));
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
printIntervals(results);
printSecondReadings(corpus.filter((p) => !p.aside));
if (learningCurve) printLearningCurve(totalScores(scored));

// In-sample: the shipped model on the postings it was fitted on.
const shipped = new Classifier(lexicon, builtinModel(), strictness);
const inSample: RealScores = { all: emptyCounts(), high: emptyCounts() };
for (const posting of corpus) scorePosting(posting, corpus, shipped, inSample);
console.log('');
console.log('In-sample (the shipped model on the real postings it was fitted on; transplants from any other source): not a prediction');
printRow(inSample);

const dir = corpusDir();
if (dir) {
  console.log('');
  console.log(`Hand-written corpus: ${dir} (in-sample: its sentence bank is fitting data and its postings shaped the vocabulary)`);
  printPostings('Postings (expected.tsv), rule role.foreign-duty', evaluatePostings(dir, shipped));
  printSentences('Sentence bank (duties.tsv)', evaluateSentences(path.join(dir, 'duties.tsv'), shipped));
}
console.log('');
const policySentences = path.resolve(__dirname, '..', 'tests', 'fixtures', 'policy', 'sentences.tsv');
console.log(`Policy sentences: ${path.relative(process.cwd(), policySentences)} (written for the policy tests by someone who saw neither the knowledge base nor the corpus; not fitting data, but two of their patterns, security oversight and customers' systems, shaped rules)`);
printSentences('Sentences (sentences.tsv)', evaluatePolicySentences(policySentences, shipped));
printPlaced(
  'Short duties as a hiring manager types them (policy/short-duties.tsv, written apart from the policy alone, not used to change anything), each in a posting of every role: share flagged',
  evaluatePlacedDuties(path.join(path.dirname(policySentences), 'short-duties.tsv'), shipped),
);
printPlaced(
  'More short duties, written apart the same way and used to choose how short duties are judged: development data (development/short-duties.tsv)',
  evaluatePlacedDuties(path.join(DEVELOPMENT_DIR, 'short-duties.tsv'), shipped),
);
console.log('');
console.log('Titles written apart from the title reader (a combined role\'s title is right when it gives roles it names)');
printTitles('the policy tests\' titles (policy/titles.tsv)', evaluateTitles(path.join(path.dirname(policySentences), 'titles.tsv'), lexicon));
printTitles('two sets used to mend the reader: development data (development/titles.tsv)', evaluateTitles(path.join(DEVELOPMENT_DIR, 'titles.tsv'), lexicon));
printTitles('executive and director titles written after the mends (policy/executive-titles.tsv)', evaluateTitles(path.join(path.dirname(policySentences), 'executive-titles.tsv'), lexicon));
printTitles('openings of postings, the title in a heading, a labelled line or a bold line, used to mend where the title is looked for: development data (development/openings)', evaluateOpenings(path.join(DEVELOPMENT_DIR, 'openings'), shipped));
printTitles('openings of postings pasted as plain text with bullet characters, used to mend where the title is looked for: development data (development/pasted-openings)', evaluateOpenings(path.join(DEVELOPMENT_DIR, 'pasted-openings'), shipped));

console.log('');
console.log(`Development set: ${path.relative(process.cwd(), DEVELOPMENT_DIR)} (in-sample: it shaped the knowledge base and is fitting data)`);
printPostings('Postings (postings/expected.tsv), rule role.foreign-duty', evaluatePostings(path.join(DEVELOPMENT_DIR, 'postings'), shipped));
printSentences('Sentences (sentences.tsv)', evaluateSentences(path.join(DEVELOPMENT_DIR, 'sentences.tsv'), shipped));

function printPlaced(name: string, placed: PlacedDutyMetrics): void {
  console.log(name);
  console.log(`  ${"a role's duty in another role's posting".padEnd(42)}${pct(ratio(placed.foreignFlagged, placed.foreign))}  (${placed.foreignFlagged} of ${placed.foreign}; the right owner named in ${placed.ownerRight})`);
  console.log(`  ${'a shared duty in any posting'.padEnd(42)}${pct(ratio(placed.sharedFlagged, placed.shared))}  (${placed.sharedFlagged} of ${placed.shared})`);
  console.log(`  ${"a role's duty in its own role's posting".padEnd(42)}${pct(ratio(placed.ownFlagged, placed.own))}  (${placed.ownFlagged} of ${placed.own})`);
  if (verbose) for (const wrong of placed.wrong) console.log(`    ${wrong}`);
}

function printReal(name: string, scores: RealScores): void {
  console.log('');
  console.log(`${name}: ${scores.all.postings} postings`);
  printRow(scores);
  if (verbose && name.startsWith('sources read')) for (const miss of scores.all.misses) console.log(`    ${miss}`);
}

/**
 * The postings rolefit is judged on later come from other sources: how far each number could move
 * on them, resampling whole sources.
 */
function printIntervals(subsets: ReadonlyArray<readonly [string, ScoredPosting[]]>): void {
  const measures: Array<[string, (scores: RealScores) => number]> = [
    ['own/shared/other items flagged', (s) => summarize(s.all).falseFlagRate],
    ['postings with a false flag', (s) => summarize(s.all).postingsWithFalseFlag],
    ['precision, postings as published', (s) => summarize(s.all).precision],
    ['recall, transplanted duties', (s) => summarize(s.all).transplantRecall],
    ['owner right when flagged', (s) => summarize(s.all).ownerRight],
  ];
  console.log('');
  console.log('How far each number could move on other sources: 90% of 1,000 resamplings of whole sources (all rows)');
  console.log(`  ${''.padEnd(36)} ${subsets.map(([name]) => name.split(' (')[0].padEnd(22)).join(' ')}`);
  const intervals = subsets.map(([, postings]) => sourceIntervals(postings, measures.map(([, measure]) => measure)));
  measures.forEach(([label], m) => {
    const cells = intervals.map((subset) => `${pct(subset[m][0]).trim()} – ${pct(subset[m][1]).trim()}`.padEnd(22));
    console.log(`  ${label.padEnd(36)} ${cells.join(' ')}`);
  });
}

/** A flag counts as false wherever the expert chose another owner, even where the expert's note names the flagged owner as a second reading. */
function printSecondReadings(postings: RealPosting[]): void {
  const readings = secondReadings(postings);
  console.log('');
  console.log(`How far the labels themselves reach (sources read while writing rules, ${postings.length} postings): arguable rows whose note names another reading`);
  console.log(`  own, shared and other items (requirements left out) with a reading foreign to the posting   ${readings.foreignReading} of ${readings.notForeign}, in ${readings.postingsWithForeignReading} postings`);
  console.log(`  foreign duties with a reading of shared or of the posting's role                             ${readings.notForeignReading} of ${readings.foreign}`);
}

/**
 * Whether more fitting data of the same kinds would help: the same cross-validation with part of the
 * training sources of each fold, or part of the sentence banks, in three draws each.
 */
function printLearningCurve(full: RealScores): void {
  const draws = [1, 2, 3];
  const knowledge = seeds.filter(isKnowledgeDuty);
  const banks = seeds.filter((example) => !isKnowledgeDuty(example));
  const fractions: Array<[string, number]> = [['a quarter', 0.25], ['half', 0.5], ['three quarters', 0.75]];
  const rows: Array<[string, ClassifierFactory[]]> = [
    ...fractions.map(([name, fraction]): [string, ClassifierFactory[]] => [
      `${name} of the training sources`,
      draws.map((draw) => (training) => fittedOn(drawPart(training, (p) => p.group, fraction, draw), seeds)),
    ]),
    ['no sentence bank (the knowledge base\'s duties only)', [(training) => fittedOn(training, knowledge)]],
    ...fractions.map(([name, fraction]): [string, ClassifierFactory[]] => [
      `${name} of the sentence banks`,
      draws.map((draw) => (training) => fittedOn(training, [...knowledge, ...drawPart(banks, (example) => example.group, fraction, draw)])),
    ]),
  ];
  const measures: Array<(counts: RealScores['all']) => number> = [
    (c) => summarize(c).falseFlagRate,
    (c) => summarize(c).postingsWithFalseFlag,
    (c) => summarize(c).precision,
    (c) => summarize(c).transplantRecall,
  ];
  const range = (values: number[]) => {
    const [low, high] = [pct(Math.min(...values)).trim(), pct(Math.max(...values)).trim()];
    return (low === high ? low : `${low} – ${high}`).padEnd(22);
  };
  console.log('');
  console.log(`Learning curve (all ${corpus.length} postings, cross-validated as above, all rows): the same fitting with less data, lowest – highest of the draws`);
  console.log(`  ${'fitting data'.padEnd(56)} ${['items flagged', 'postings, false flag', 'precision', 'transplant recall'].map((m) => m.padEnd(22)).join(' ')}`);
  for (const [name, factories] of rows) {
    const totals = factories.map((makeClassifier) => totalScores(crossValidate(corpus, makeClassifier)).all);
    console.log(`  ${name.padEnd(56)} ${measures.map((measure) => range(totals.map(measure))).join(' ')}`);
  }
  console.log(`  ${'all of both (the numbers above)'.padEnd(56)} ${measures.map((measure) => range([measure(full.all)])).join(' ')}`);
}

function printRow(scores: RealScores): void {
  const all = summarize(scores.all);
  const high = summarize(scores.high);
  const line = (label: string, a: string, h: string, target: string) => console.log(`  ${label.padEnd(36)} ${a.padEnd(22)} ${h.padEnd(22)} ${target}`);
  line('', 'all rows', 'high-confidence rows', 'target');
  line('own/shared/other items flagged', `${pct(all.falseFlagRate)} (${scores.all.notForeignFlagged}/${scores.all.notForeign})`, `${pct(high.falseFlagRate)} (${scores.high.notForeignFlagged}/${scores.high.notForeign})`, '≤ 1%');
  line('  … the note names that owner', `${scores.all.flaggedOnSecondReading} of ${scores.all.notForeignFlagged}`, '', '');
  line('flags on unlabelled lines', `${scores.all.unlabelledFlags}`, `${scores.high.unlabelledFlags}`, '');
  line('postings with a false flag', `${pct(all.postingsWithFalseFlag)} (${scores.all.postingsWithFalseFlag}/${scores.all.postings})`, `${pct(high.postingsWithFalseFlag)} (${scores.high.postingsWithFalseFlag}/${scores.high.postings})`, '≤ 10%');
  line('precision, postings as published', `${pct(all.precision)} (${scores.all.foreignFlagged}/${all.flags})`, `${pct(high.precision)} (${scores.high.foreignFlagged}/${high.flags})`, '≥ 85%');
  line('recall, foreign items as published', `${pct(all.publishedRecall)} (${scores.all.foreignFlagged}/${scores.all.foreign})`, `${pct(high.publishedRecall)} (${scores.high.foreignFlagged}/${scores.high.foreign})`, '');
  line('recall, transplanted duties', `${pct(all.transplantRecall)} (${scores.all.transplantsFlagged}/${scores.all.transplants})`, 'same: all are high', '≥ 85%');
  const share = (found: number, of: number) => `${pct(ratio(found, of))} (${found}/${of})`;
  const { transplants, transplantsFlagged, transplantsNamingOwner, transplantsNamingOwnerFlagged } = scores.all;
  line('  … naming an area of their owner', share(transplantsNamingOwnerFlagged, transplantsNamingOwner), '', '');
  line('  … naming none', share(transplantsFlagged - transplantsNamingOwnerFlagged, transplants - transplantsNamingOwner), '', '');
  console.log(`    missed: ${(Object.entries(MISS_REASONS) as Array<[MissReason, string]>).map(([reason, text]) => `${text} ${scores.all[reason]}`).join(', ')}`);
  line('owner right when flagged', `${pct(all.ownerRight)} (${scores.all.ownerRight}/${scores.all.rightFlags})`, `${pct(high.ownerRight)} (${scores.high.ownerRight}/${scores.high.rightFlags})`, '≥ 95%');
  line('role from the title alone', `${pct(all.titleRight)} (${scores.all.titleRight}/${scores.all.titles})`, `unknown ${scores.all.titleUnknown}, wrong ${scores.all.titleWrong}`, '≥ 95%, never wrong');
}

function printPostings(title: string, postings: PostingMetrics): void {
  console.log(title);
  console.log(`  precision            ${postings.precision.toFixed(3)}  (${postings.truePositives} right flags, ${postings.falsePositives} false flags)`);
  console.log(`  recall               ${postings.recall.toFixed(3)}  (${postings.truePositives} of ${postings.truePositives + postings.falseNegatives} expected flags)`);
  console.log(`  own/shared flagged   ${pct(ratio(postings.ownOrSharedFlagged, postings.ownOrShared))}  (${postings.ownOrSharedFlagged} of ${postings.ownOrShared})`);
  console.log(`  owner attribution    ${pct(ratio(postings.ownerCorrect, postings.truePositives))}  (${postings.ownerCorrect} of ${postings.truePositives} flags name the expected owner)`);
  if (postings.documentChecks.length > 0) {
    console.log(`  document checks      ${postings.documentChecks.filter((c) => c.passed).length}/${postings.documentChecks.length}`);
    for (const check of postings.documentChecks) console.log(`    ${check.passed ? 'ok  ' : 'FAIL'} ${check.file} ${check.expectation} (${check.got})`);
  }
  if (verbose) for (const miss of postings.misses) console.log(`    ${miss}`);
}

function printTitles(title: string, titles: TitleMetrics): void {
  console.log(`  ${title}: ${titles.right} of ${titles.titles} right, ${titles.unknown} unknown, ${titles.wrong.length} wrong`);
  if (verbose) for (const wrong of titles.wrong) console.log(`    ${wrong}`);
}

function printSentences(title: string, sentences: SentenceMetrics): void {
  console.log(title);
  console.log(`  role sentences with an owner   ${pct(ratio(sentences.decided, sentences.roleSentences))}  (${sentences.decided} of ${sentences.roleSentences})`);
  console.log(`  owner right when named         ${pct(ratio(sentences.decidedCorrect, sentences.decided))}  (${sentences.decidedCorrect} of ${sentences.decided})`);
  console.log(`  shared/other given an owner    ${pct(ratio(sentences.commonDecided, sentences.commonSentences))}  (${sentences.commonDecided} of ${sentences.commonSentences})`);
  if (verbose) for (const wrong of sentences.wrong) console.log(`    ${wrong}`);
}
