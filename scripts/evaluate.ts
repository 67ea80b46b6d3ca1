import fs from 'node:fs';
import path from 'node:path';
import { analyzePosting, Classifier, type Lexicon, type PostingAnalysis } from '../server/src/core';
import { rolesFromTitle } from '../server/src/core/titles';

const CONCRETE_ROLES = new Set(['cto', 'cio', 'cpo', 'ciso', 'cdo']);

export interface PostingMetrics {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Items owned by the posting's role or shared, and how many of them were flagged. */
  ownOrShared: number;
  ownOrSharedFlagged: number;
  /** Flags on lines the corpus has no row for (headings, tables, comments, code). */
  unlabelledFlags: number;
  /** Correctly flagged items whose owner rolefit named right. */
  ownerCorrect: number;
  documentChecks: Array<{ file: string; expectation: string; passed: boolean; got: string }>;
  misses: string[];
}

export interface SentenceMetrics {
  /** Sentences owned by a concrete role. */
  roleSentences: number;
  /** Of those, how many got an owner, and how many that owner was right. */
  decided: number;
  decidedCorrect: number;
  /** Shared or "other" sentences that got an owner: each would be a false flag somewhere. */
  commonSentences: number;
  commonDecided: number;
  wrong: string[];
}

interface ExpectedRow {
  file: string;
  line: number;
  owner: string;
  flag: string;
  note: string;
}

function readTsv(file: string): string[][] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

export function evaluatePostings(postingsDir: string, classifier: Classifier): PostingMetrics {
  const rows: ExpectedRow[] = readTsv(path.join(postingsDir, 'expected.tsv')).map(([file, line, owner, flag, note]) => ({ file, line: Number(line), owner, flag, note: note ?? '' }));
  const files = [...new Set(rows.map((r) => r.file))];
  const metrics: PostingMetrics = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 0,
    recall: 0,
    ownOrShared: 0,
    ownOrSharedFlagged: 0,
    unlabelledFlags: 0,
    ownerCorrect: 0,
    documentChecks: [],
    misses: [],
  };
  for (const file of files) {
    const analysis = analyzePosting(fs.readFileSync(path.join(postingsDir, file), 'utf8'), classifier);
    const flagged = new Map<number, string>();
    const items = new Map(analysis.items.map((item) => [item.line + 1, item]));
    for (const finding of analysis.findings) {
      if (finding.ruleId !== 'role.foreign-duty') continue;
      const item = analysis.items.find((i) => i.range === finding.range);
      flagged.set((item?.line ?? finding.range.start.line) + 1, finding.owner!);
    }
    const labelled = new Set<number>();
    for (const row of rows.filter((r) => r.file === file)) {
      if (row.line === 0) {
        metrics.documentChecks.push(documentCheck(file, row.note, analysis));
        continue;
      }
      labelled.add(row.line);
      const got = flagged.get(row.line);
      const text = items.get(row.line)?.text ?? '(no item found)';
      if (row.flag === 'yes') {
        if (got) {
          metrics.truePositives++;
          if (got === row.owner) metrics.ownerCorrect++;
          else metrics.misses.push(`${file}:${row.line} flagged as ${got}, expected owner ${row.owner}: ${text}`);
        } else {
          metrics.falseNegatives++;
          metrics.misses.push(`${file}:${row.line} missed (${row.owner}, judged ${describe(items.get(row.line)?.judgement)}): ${text}`);
        }
      } else if (got) {
        metrics.falsePositives++;
        metrics.misses.push(`${file}:${row.line} false flag as ${got} (expected ${row.owner}): ${text}`);
      }
      if (row.flag !== 'n/a' && (row.owner === 'shared' || analysis.roles.includes(row.owner))) {
        metrics.ownOrShared++;
        if (got) metrics.ownOrSharedFlagged++;
      }
    }
    for (const line of flagged.keys()) {
      if (!labelled.has(line)) {
        metrics.unlabelledFlags++;
        metrics.falsePositives++;
        metrics.misses.push(`${file}:${line} flagged a line with no item row`);
      }
    }
  }
  metrics.precision = ratio(metrics.truePositives, metrics.truePositives + metrics.falsePositives);
  metrics.recall = ratio(metrics.truePositives, metrics.truePositives + metrics.falseNegatives);
  return metrics;
}

function describe(judgement: PostingAnalysis['items'][number]['judgement'] | undefined): string {
  if (!judgement) return 'not found';
  const scores = Object.entries(judgement.scores).filter(([, p]) => p >= 0.05).map(([r, p]) => `${r} ${p.toFixed(2)}`).join(', ');
  return `${judgement.decision}${judgement.owner ? ` ${judgement.owner}` : ''} [${scores}]`;
}

function documentCheck(file: string, expectation: string, analysis: PostingAnalysis) {
  const [kind, role] = expectation.split(':');
  let passed = false;
  let got = `roles ${analysis.roles.join(',') || 'none'} from ${analysis.roleSource}`;
  if (kind === 'role-unknown') passed = analysis.roleSource === 'unknown' && analysis.findings.some((f) => f.ruleId === 'role.unknown');
  else if (kind === 'detected-role') passed = analysis.roleSource === 'title' && analysis.roles.length === 1 && analysis.roles[0] === role;
  else if (kind === 'reads-like') {
    const readsLike = analysis.findings.find((f) => f.ruleId === 'role.reads-like');
    got = readsLike ? `reads like ${readsLike.owner}` : 'no reads-like finding';
    passed = readsLike?.owner === role;
  }
  return { file, expectation, passed, got };
}

/** Scores single sentences from a TSV whose first columns are text and owner, then optionally kind and confidence. */
export function evaluateSentences(file: string, classifier: Classifier): SentenceMetrics {
  return sentenceMetrics(readTsv(file), classifier);
}

/** The policy tests' sentences (case, text, expected owner or "requirement", confidence), scored like a sentence bank. */
export interface PlacedDutyMetrics {
  /** A duty of a role put in a posting of each other role. */
  foreign: number;
  foreignFlagged: number;
  ownerRight: number;
  /** A shared duty put in a posting of every role. */
  shared: number;
  sharedFlagged: number;
  /** A duty of a role put in a posting of its own role. */
  own: number;
  ownFlagged: number;
  wrong: string[];
}

/** Each duty of a `text owner …` table as the one item of a posting of every role: what is flagged, and as whose. */
export function evaluatePlacedDuties(file: string, classifier: Classifier): PlacedDutyMetrics {
  const metrics: PlacedDutyMetrics = { foreign: 0, foreignFlagged: 0, ownerRight: 0, shared: 0, sharedFlagged: 0, own: 0, ownFlagged: 0, wrong: [] };
  for (const [text, owner] of readTsv(file)) {
    for (const role of CONCRETE_ROLES) {
      const posting = `---\nrole: ${role}\n---\n# Posting\n\n## Responsibilities\n\n- ${text}\n`;
      const flag = analyzePosting(posting, classifier).findings.find((f) => f.ruleId === 'role.foreign-duty');
      if (owner === role) {
        metrics.own++;
        if (flag) metrics.ownFlagged++;
      } else if (!CONCRETE_ROLES.has(owner)) {
        metrics.shared++;
        if (flag) metrics.sharedFlagged++;
      } else {
        metrics.foreign++;
        if (flag) metrics.foreignFlagged++;
        if (flag?.owner === owner) metrics.ownerRight++;
      }
      if (flag && flag.owner !== owner) metrics.wrong.push(`${text}: flagged as the ${flag.owner}'s in a ${role} posting, labelled ${owner}`);
    }
  }
  return metrics;
}

export function evaluatePolicySentences(file: string, classifier: Classifier): SentenceMetrics {
  const rows = readTsv(file).map(([, text, expected, confidence]) => (expected === 'requirement' ? [text, 'other', 'requirement', confidence] : [text, expected, 'duty', confidence]));
  return sentenceMetrics(rows, classifier);
}

function sentenceMetrics(rows: string[][], classifier: Classifier): SentenceMetrics {
  const metrics: SentenceMetrics = { roleSentences: 0, decided: 0, decidedCorrect: 0, commonSentences: 0, commonDecided: 0, wrong: [] };
  for (const [text, owner, kind = 'duty', confidence = 'high'] of rows) {
    const judgement = classifier.judge(text);
    const decided = judgement.decision === 'owner';
    // Requirements have no owner (rule 8 of the policy), whatever their subject.
    if (CONCRETE_ROLES.has(owner) && kind === 'duty') {
      metrics.roleSentences++;
      if (decided) {
        metrics.decided++;
        if (judgement.owner === owner) metrics.decidedCorrect++;
        else metrics.wrong.push(`${owner}→${judgement.owner} (${confidence}): ${text}`);
      }
    } else {
      metrics.commonSentences++;
      if (decided) {
        metrics.commonDecided++;
        metrics.wrong.push(`${owner}→${judgement.owner} (${confidence}): ${text}`);
      }
    }
  }
  return metrics;
}

export interface TitleMetrics {
  titles: number;
  /** Every role read is one the title names (a combined role's title may give one of its roles). */
  right: number;
  unknown: number;
  /** A role the title does not name. */
  wrong: string[];
}

/** Titles with the roles they name (tab-separated title and roles, "unknown" or ids joined by commas), read by rolefit. */
export function evaluateTitles(file: string, lexicon: Lexicon): TitleMetrics {
  return titleMetrics(readTsv(file), (title) => rolesFromTitle(title, lexicon).roles);
}

/** Postings' openings (a folder of Markdown files and expected.tsv): the role each gives from its title alone. */
export function evaluateOpenings(dir: string, classifier: Classifier): TitleMetrics {
  return titleMetrics(readTsv(path.join(dir, 'expected.tsv')), (file) => analyzePosting(fs.readFileSync(path.join(dir, file), 'utf8'), classifier, { posting: true }).roles);
}

function titleMetrics(rows: string[][], rolesOf: (title: string) => string[]): TitleMetrics {
  const metrics: TitleMetrics = { titles: 0, right: 0, unknown: 0, wrong: [] };
  for (const [title, expected] of rows) {
    const named = expected === 'unknown' ? [] : expected.split(',');
    const roles = rolesOf(title);
    metrics.titles++;
    if (roles.length === 0 && named.length > 0) metrics.unknown++;
    else if (roles.every((role) => named.includes(role))) metrics.right++;
    else metrics.wrong.push(`${title}: read as ${roles.join('+')}, names ${expected}`);
  }
  return metrics;
}

export function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

/** Postings and sentences written apart from the knowledge base, then used to extend it: development data. */
export const DEVELOPMENT_DIR = path.resolve(__dirname, '..', 'tests', 'fixtures', 'development');

/** The corpus folder: $ROLEFIT_CORPUS, or shared/corpus beside the repository. */
export function corpusDir(): string | undefined {
  const dir = process.env.ROLEFIT_CORPUS ?? path.resolve(__dirname, '..', '..', 'shared', 'corpus');
  return fs.existsSync(path.join(dir, 'expected.tsv')) ? dir : undefined;
}
