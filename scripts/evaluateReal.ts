/**
 * Scores rolefit on the labelled real postings, cross-validated by source: the postings of a fold
 * are judged by a classifier built without any posting of that fold, and the duties transplanted
 * into them come from other sources of the same fold, so no sentence that is scored ever shaped
 * the model that scores it.
 */
import { analyzePosting, type Classifier, type JudgedItem, type Lexicon, type PostingAnalysis } from '../server/src/core';
import { STRONG_WEIGHT } from '../server/src/core/lexicon';
import { seededRandom } from './postings';
import { CONCRETE_ROLES, foldOf, stableHash, transplant, withoutFrontMatter, type RealLabel, type RealPosting } from './realCorpus';

export interface Counts {
  postings: number;
  /** Labelled items that must never be flagged: the posting's own duties, shared duties, requirements and other items. */
  notForeign: number;
  notForeignFlagged: number;
  /** False flags on arguable rows whose note names the flagged owner as a second reading ("competing cio"). */
  flaggedOnSecondReading: number;
  /** Flags on lines with no labelled item (prose sentences, headings): counted as false flags. */
  unlabelledFlags: number;
  postingsWithFalseFlag: number;
  /** Labelled duties owned by a concrete role that is not the posting's. */
  foreign: number;
  foreignFlagged: number;
  transplants: number;
  transplantsFlagged: number;
  /** Transplants that name one of their owner's areas in a strong phrase of the knowledge base, and how many of those are flagged. */
  transplantsNamingOwner: number;
  transplantsNamingOwnerFlagged: number;
  /** Why transplants were missed: an owner named, but the posting's role keeps more likelihood than its limit allows... */
  transplantsKeptByPostingRole: number;
  /** ... read as a shared duty (working with the owner included) ... */
  transplantsReadAsShared: number;
  /** ... no role likely enough to be named owner ... */
  transplantsWithNoSureOwner: number;
  /** ... read as a duty of the posting's own role ... */
  transplantsReadAsPostingRole: number;
  /** ... or not judged at all: read as a requirement or another kind of item. */
  transplantsNotJudged: number;
  /** Flags on foreign items and transplants, and how many of them name the labelled owner. */
  rightFlags: number;
  ownerRight: number;
  titles: number;
  titleRight: number;
  titleUnknown: number;
  titleWrong: number;
  misses: string[];
}

export function emptyCounts(): Counts {
  return {
    postings: 0, notForeign: 0, notForeignFlagged: 0, flaggedOnSecondReading: 0, unlabelledFlags: 0, postingsWithFalseFlag: 0, foreign: 0, foreignFlagged: 0,
    transplants: 0, transplantsFlagged: 0, transplantsNamingOwner: 0, transplantsNamingOwnerFlagged: 0,
    transplantsKeptByPostingRole: 0, transplantsReadAsShared: 0, transplantsWithNoSureOwner: 0, transplantsReadAsPostingRole: 0, transplantsNotJudged: 0, rightFlags: 0, ownerRight: 0, titles: 0, titleRight: 0, titleUnknown: 0, titleWrong: 0, misses: [],
  };
}

export interface RealScores {
  /** Every row. */
  all: Counts;
  /** Only high-confidence rows: flags on medium rows count neither way. */
  high: Counts;
}

export type ClassifierFactory = (training: RealPosting[]) => Classifier;

export const FOLDS = 10;

/** One posting's scores, judged by the model of its fold. */
export interface ScoredPosting {
  posting: RealPosting;
  scores: RealScores;
}

/**
 * About `fraction` of `items`, drawn by each item's key: an item is in or out of a draw by its key
 * alone, so the postings of a source go together, and every run draws the same part.
 */
export function drawPart<T>(items: readonly T[], keyOf: (item: T) => string, fraction: number, draw: number): T[] {
  return items.filter((item) => (stableHash(`${draw}:${keyOf(item)}`) % 10_000) / 10_000 < fraction);
}

/** Cross-validated scores of every posting of the corpus: each fold is judged by a model fitted on the other folds. */
export function crossValidate(corpus: RealPosting[], makeClassifier: ClassifierFactory, folds = FOLDS): ScoredPosting[] {
  const scored: ScoredPosting[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const test = corpus.filter((p) => foldOf(p.group, folds) === fold);
    if (test.length === 0) continue;
    const classifier = makeClassifier(corpus.filter((p) => foldOf(p.group, folds) !== fold));
    for (const posting of test) {
      const scores: RealScores = { all: emptyCounts(), high: emptyCounts() };
      scorePosting(posting, test, classifier, scores);
      scored.push({ posting, scores });
    }
  }
  return scored;
}

/** The scores of several postings added up. */
export function totalScores(scored: readonly ScoredPosting[]): RealScores {
  const total: RealScores = { all: emptyCounts(), high: emptyCounts() };
  for (const { scores } of scored) {
    for (const subset of ['all', 'high'] as const) {
      for (const [key, value] of Object.entries(scores[subset]) as Array<[keyof Counts, number | string[]]>) {
        if (Array.isArray(value)) (total[subset][key] as string[]).push(...value);
        else (total[subset][key] as number) += value;
      }
    }
  }
  return total;
}

/**
 * How far each measure could move on postings from other sources: the 5th and 95th percentiles of
 * each measure over `resamples` resamplings of whole sources, with replacement. Every measure is
 * read off the same resamplings, which are seeded, so every run prints the same intervals.
 */
export function sourceIntervals(scored: readonly ScoredPosting[], measures: ReadonlyArray<(scores: RealScores) => number>, resamples = 1000): Array<[number, number]> {
  const bySource = new Map<string, ScoredPosting[]>();
  for (const entry of scored) bySource.set(entry.posting.group, [...(bySource.get(entry.posting.group) ?? []), entry]);
  const sources = [...bySource.values()];
  const random = seededRandom(stableHash(`interval:${sources.length}`));
  const values = measures.map((): number[] => []);
  for (let r = 0; r < resamples; r++) {
    const sample: ScoredPosting[] = [];
    for (let i = 0; i < sources.length; i++) sample.push(...sources[Math.floor(random() * sources.length)]);
    const total = totalScores(sample);
    measures.forEach((measure, m) => {
      const value = measure(total);
      if (!Number.isNaN(value)) values[m].push(value);
    });
  }
  return values.map((list) => {
    list.sort((a, b) => a - b);
    const at = (q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))];
    return [at(0.05), at(0.95)];
  });
}

const namesRole = (note: string, role: string) => new RegExp(`\\b${role}\\b`, 'i').test(note);
const isForeign = (label: RealLabel, roles: string[]) => (CONCRETE_ROLES as readonly string[]).includes(label.owner) && !roles.includes(label.owner);

function foreignFlags(analysis: PostingAnalysis): Map<number, string> {
  const flagged = new Map<number, string>();
  for (const finding of analysis.findings) {
    if (finding.ruleId !== 'role.foreign-duty') continue;
    const line = finding.fix?.kind === 'foreign-duty' ? finding.fix.itemLine : finding.range.start.line;
    flagged.set(line + 1, finding.owner!);
  }
  return flagged;
}

/** Whether a duty names one of its owner's areas in a strong phrase of the knowledge base ("ERP", "pricing strategy"). */
function namesOwner(text: string, owner: string, lexicon: Lexicon): boolean {
  return lexicon.findPhrases(text).some((hit) => hit.targets.some((target) => target.kind === 'role' && target.roleId === owner && target.weight >= STRONG_WEIGHT));
}

export type MissReason = 'transplantsKeptByPostingRole' | 'transplantsReadAsShared' | 'transplantsWithNoSureOwner' | 'transplantsReadAsPostingRole' | 'transplantsNotJudged';

/** Each reason as `npm run eval` prints it. */
export const MISS_REASONS: Record<MissReason, string> = {
  transplantsKeptByPostingRole: "an owner named, but the posting's role keeps too much",
  transplantsReadAsShared: 'read as shared',
  transplantsWithNoSureOwner: 'no owner likely enough',
  transplantsReadAsPostingRole: "read as the posting role's own",
  transplantsNotJudged: 'not read as a duty',
};

/** Why a transplanted duty was not flagged, from its judgement in the posting. */
function missReason(item: JudgedItem | undefined, roles: readonly string[]): MissReason {
  const judgement = item?.judged ? item.judgement : undefined;
  switch (judgement?.decision) {
    case 'owner':
      return roles.includes(judgement.owner!) ? 'transplantsReadAsPostingRole' : 'transplantsKeptByPostingRole';
    case 'shared':
      return 'transplantsReadAsShared';
    case 'unclear':
      return 'transplantsWithNoSureOwner';
    default:
      return 'transplantsNotJudged';
  }
}

/** Scores one posting as published, with transplants, and its title read without front matter. */
export function scorePosting(posting: RealPosting, donors: RealPosting[], classifier: Classifier, scores: RealScores): void {
  const analysis = analyzePosting(posting.text, classifier, { roles: posting.roles });
  const flagged = foreignFlags(analysis);
  const labelled = new Map(posting.labels.map((l) => [l.line, l]));
  const textOf = (line: number) => analysis.items.find((i) => i.line === line - 1)?.text ?? '';

  for (const [subset, counts] of Object.entries(scores) as Array<[keyof RealScores, Counts]>) {
    counts.postings++;
    let falseFlags = 0;
    for (const label of posting.labels) {
      if (subset === 'high' && label.confidence !== 'high') continue;
      const got = flagged.get(label.line);
      if (isForeign(label, posting.roles)) {
        counts.foreign++;
        if (got) {
          counts.foreignFlagged++;
          counts.rightFlags++;
          if (got === label.owner) counts.ownerRight++;
          else counts.misses.push(`${posting.file}:${label.line} flagged as ${got}, labelled ${label.owner}`);
        }
      } else {
        counts.notForeign++;
        if (got) {
          counts.notForeignFlagged++;
          if (label.confidence === 'medium' && namesRole(label.note, got)) counts.flaggedOnSecondReading++;
          falseFlags++;
          if (!posting.aside) counts.misses.push(`${posting.file}:${label.line} false flag as ${got} (${label.kind}, ${label.owner}, ${label.confidence}): ${textOf(label.line)}`);
        }
      }
    }
    for (const line of flagged.keys()) {
      if (labelled.has(line)) continue;
      counts.unlabelledFlags++;
      falseFlags++;
      if (!posting.aside) counts.misses.push(`${posting.file}:${line} flag on a line with no labelled item`);
    }
    if (falseFlags > 0) counts.postingsWithFalseFlag++;
  }

  const grafted = transplant(posting, donors);
  if (grafted) {
    const graftedAnalysis = analyzePosting(grafted.text, classifier, { roles: posting.roles });
    const graftedFlags = foreignFlags(graftedAnalysis);
    const naming = new Set(grafted.transplants.filter((t) => namesOwner(t.text, t.owner, classifier.lexicon)));
    const reasons = new Map(grafted.transplants.map((t) => [t, missReason(graftedAnalysis.items.find((item) => item.line === t.line - 1), posting.roles)]));
    for (const counts of Object.values(scores)) {
      for (const t of grafted.transplants) {
        counts.transplants++;
        const got = graftedFlags.get(t.line);
        if (naming.has(t)) {
          counts.transplantsNamingOwner++;
          if (got) counts.transplantsNamingOwnerFlagged++;
        }
        if (!got) {
          const reason = reasons.get(t)!;
          counts[reason]++;
          // Neither the host nor the donor may be a source kept aside: its sentences are never shown.
          if (!posting.aside && !t.fromAside) counts.misses.push(`transplant into ${posting.file} missed (${t.owner}; ${MISS_REASONS[reason]}): ${t.from}`);
          continue;
        }
        counts.transplantsFlagged++;
        counts.rightFlags++;
        if (got === t.owner) counts.ownerRight++;
      }
    }
  }

  // The title alone: front matter removed, roles read from the H1 of a file known to be a posting (as `rolefit check <file>` takes it).
  const titleRoles = analyzePosting(withoutFrontMatter(posting.text), classifier, { posting: true }).roles;
  for (const counts of Object.values(scores)) {
    counts.titles++;
    if (titleRoles.length === 0) counts.titleUnknown++;
    else if (titleRoles.every((r) => posting.roles.includes(r))) counts.titleRight++;
    else {
      counts.titleWrong++;
      if (!posting.aside) counts.misses.push(`${posting.file} title read as ${titleRoles.join('+')}, labelled ${posting.roles.join('+')}`);
    }
  }
}

export function summarize(counts: Counts) {
  const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
  const flags = counts.foreignFlagged + counts.notForeignFlagged + counts.unlabelledFlags;
  return {
    falseFlagRate: ratio(counts.notForeignFlagged, counts.notForeign),
    postingsWithFalseFlag: ratio(counts.postingsWithFalseFlag, counts.postings),
    precision: ratio(counts.foreignFlagged, flags),
    publishedRecall: ratio(counts.foreignFlagged, counts.foreign),
    transplantRecall: ratio(counts.transplantsFlagged, counts.transplants),
    ownerRight: ratio(counts.ownerRight, counts.rightFlags),
    titleRight: ratio(counts.titleRight, counts.titles),
    flags,
  };
}

/** How many arguable rows carry, in the expert's note, a second reading that would turn the flag around. */
export interface SecondReadings {
  /** Duties and other items no flag should touch. */
  notForeign: number;
  /** Those of them that are arguable, with a note naming an owner foreign to the posting ("competing cio"). */
  foreignReading: number;
  postingsWithForeignReading: number;
  foreign: number;
  /** Foreign duties that are arguable, with a note naming "shared" or one of the posting's roles. */
  notForeignReading: number;
}

export function secondReadings(postings: readonly RealPosting[]): SecondReadings {
  const result: SecondReadings = { notForeign: 0, foreignReading: 0, postingsWithForeignReading: 0, foreign: 0, notForeignReading: 0 };
  for (const posting of postings) {
    let withForeignReading = false;
    for (const label of posting.labels) {
      if (label.kind === 'requirement') continue;
      const named = CONCRETE_ROLES.filter((role) => role !== label.owner && namesRole(label.note, role));
      const arguable = label.confidence === 'medium';
      if (isForeign(label, posting.roles)) {
        result.foreign++;
        if (arguable && (/\bshared\b/i.test(label.note) || named.some((role) => posting.roles.includes(role)))) result.notForeignReading++;
      } else {
        result.notForeign++;
        if (arguable && named.some((role) => !posting.roles.includes(role))) {
          result.foreignReading++;
          withForeignReading = true;
        }
      }
    }
    if (withForeignReading) result.postingsWithForeignReading++;
  }
  return result;
}
