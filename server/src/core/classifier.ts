import { itemFeatures, kindFeatures, SHARED_CLASS, type ItemContext, type ItemFeatures } from './features';
import { STRONG_WEIGHT, type Lexicon } from './lexicon';
import { PARTNERSHIP_START, partnershipPrefix, splitLabel } from './partnership';
import { compileModel, contributions, dutyProbability, scoreClasses, type CompiledModel, type Model } from './model';
import type { EvidenceWord, Judgement, Strictness } from './types';
import { keySet, type Word } from './words';

interface Thresholds {
  /** Least probability the model must give a role before it is named owner. */
  owner: number;
  /** The same for a short item that names one of the role's duty areas in the knowledge base's own words (below). */
  ownerWhenNamed: number;
  /** Least probability that the item is a duty at all; requirements and other items are never judged. */
  duty: number;
  /**
   * The same under a heading of duties, which says what its list holds: there an item is a duty unless
   * its form plainly says otherwise ("Ten years in IT"), however short it is ("Own the ERP rollout").
   */
  dutyUnderDuties: number;
  /**
   * Most probability the posting's own role may keep for a foreign duty to be flagged: where the
   * posting's role is a plausible owner, a reasonable expert could disagree, so rolefit says nothing.
   */
  postingRole: number;
  /**
   * The same for a short item that names one of its owner's duty areas in the knowledge base's own
   * words: with few words the model stays less sure than the policy that defines the area.
   */
  postingRoleWhenNamed: number;
}

/** Chosen on the real postings, cross-validated by source, for few false flags first (see `npm run eval`). */
const THRESHOLDS: Record<Strictness, Thresholds> = {
  lenient: { owner: 0.9, ownerWhenNamed: 0.8, duty: 0.5, dutyUnderDuties: 0.2, postingRole: 0.002, postingRoleWhenNamed: 0.01 },
  balanced: { owner: 0.6, ownerWhenNamed: 0.4, duty: 0.5, dutyUnderDuties: 0.2, postingRole: 0.004, postingRoleWhenNamed: 0.02 },
  strict: { owner: 0.5, ownerWhenNamed: 0.3, duty: 0.5, dutyUnderDuties: 0.2, postingRole: 0.02, postingRoleWhenNamed: 0.1 },
};

/** Most words of an item whose naming of its owner's area relaxes the posting-role limit; longer items give the model words enough. */
const SHORT_ITEM_WORDS = 12;

/** Words that name a part of a security program (rule 4), as opposed to keeping things secure. */
const SECURITY_PROGRAM = keySet([
  'policies', 'policy', 'program', 'framework', 'assessment', 'assess', 'audit', 'test', 'incident', 'response', 'breach', 'awareness', 'training',
  'compliance', 'certification', 'control', 'architecture', 'soc', 'siem', 'vulnerability', 'penetration', 'pentest', 'bounty', 'identity', 'iam',
  'encryption', 'encrypt', 'firewall', 'standard', 'procedure', 'plan', 'investigation', 'investigate', 'forensics', 'team', 'staff', 'strategy',
  'roadmap', 'budget', 'iso', 'nist', 'gdpr', 'pci', 'hipaa', 'risk', 'monitor', 'operations', 'analyst', 'engineer', 'officer', 'tool', 'dlp', 'mfa', 'privileges',
]);

/** Words that praise a qualification: "strong", "proven", "hands-on". */
const QUALIFICATION_ADJECTIVES = 'strong|deep|solid|proven|demonstrated|demonstrable|extensive|broad|good|excellent|hands-on|practical|prior|working|sound|thorough|significant|substantial|considerable|relevant|previous|wide|in-depth|expert|advanced|basic|detailed|firm|clear|outstanding|exceptional';
/** How qualifications, skills, experience and education begin (rule 8): "Experience with", "Familiarity with", "Ten years", "Degree in". */
const QUALIFICATION_HEADS = [
  'experience\\s+(?:in|with|of|as|at|managing|leading|building|running|handling|working|delivering|designing|developing|implementing|overseeing|scaling|using|across|within|on)',
  'familiarity\\s+with', 'knowledge\\s+(?:of|in)', 'understanding\\s+of', 'proficiency\\s+(?:in|with)', 'expertise\\s+(?:in|with)', 'track\\s+record',
  'background\\s+in', '(?:bachelor|master|doctorate)(?:\\W?s)?\\s+(?:degree|of|in)\\b', '(?:phd|mba)\\b', 'degree\\s+in', 'exposure\\s+to', 'fluen(?:cy|t)\\s+in', 'certification\\s+(?:in|as)', 'certified\\s+(?:in|as|by)',
  '\\d+\\+?\\s*(?:years|yrs)', '(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\\s+(?:or\\s+more\\s+)?(?:\\+\\s*)?years',
  'abilit(?:y|ies)\\s+to', 'experienced\\s+(?:in|with|at|as)', 'you\\s+(?:have|bring|hold)\\b', 'you\\s+are\\s+an?\\s',
  '(?:have|has)\\s+(?:an?\\s+)?(?:proven\\s+|strong\\s+|deep\\s+|solid\\s+|demonstrated\\s+)?(?:experience|knowledge|background|track)',
];
/**
 * An item written as a qualification is a requirement wherever it stands, even in a list of duties
 * ("Familiarity with SOC 2 audits" under "Responsibilities"): the fitted model has seen few such
 * items outside a requirements section to learn it from.
 */
const QUALIFICATION_FORM = new RegExp(`^\\W*(?:an?\\s+)?(?:(?:${QUALIFICATION_ADJECTIVES})[\\s,]+(?:and\\s+)?)*(?:${QUALIFICATION_HEADS.join('|')})`, 'i');

/** The role an item written by the partnership fix ("In partnership with the CIO, …") names. */
function partnershipOwner(text: string, lexicon: Lexicon): string | undefined {
  if (!text.includes(PARTNERSHIP_START)) return undefined;
  const { rest } = splitLabel(text);
  for (const role of lexicon.roles) if (rest.startsWith(partnershipPrefix(role.abbreviation))) return role.id;
  return undefined;
}

/** A phrase of one of the CISO's program areas, or a word that names a part of a program. */
function namesSecurityProgram(features: ItemFeatures): boolean {
  const programArea = features.hits.some((hit) => hit.targets.some((t) => t.kind === 'role' && t.roleId === 'ciso' && t.areaId !== 'security-strategy' && t.weight >= STRONG_WEIGHT));
  return programArea || features.words.some((w) => SECURITY_PROGRAM.has(w.key));
}

/**
 * The role of a short item that names one of its duty areas in the knowledge base's strong words, and
 * no other role's; a customer's system ("our clients' ERP") names no area of the CIO's.
 */
function namedRole(features: ItemFeatures): string | undefined {
  if (features.words.length > SHORT_ITEM_WORDS) return undefined;
  const named = [...(features.tied.get('kb-strong')?.keys() ?? [])].filter((cls) => cls !== SHARED_CLASS);
  return named.length === 1 ? named[0] : undefined;
}

export interface ForeignVerdict {
  flagged: boolean;
  /** The likelihood the posting's role (the likeliest of a hybrid's) keeps. */
  kept: number;
  /** The most it may keep for the duty to be flagged. */
  limit: number;
}

/** "the CTO keeps 1.1% likelihood, within the 2% a short duty that names the CPO's area may leave it" */
export function describeForeignVerdict(verdict: ForeignVerdict, judgement: Judgement, roles: readonly string[], lexicon: Lexicon): string {
  const name = (id: string) => lexicon.role(id)?.abbreviation ?? id;
  const percent = (p: number) => (p < 0.0005 ? 'under 0.1%' : `${p < 0.1 ? Math.round(p * 1000) / 10 : Math.round(p * 100)}%`);
  const allowed = judgement.namesOwnersArea ? `a short duty that names the ${name(judgement.owner!)}'s area may leave it` : 'a duty of another role may leave it';
  return `the ${roles.map(name).join('/')} keeps ${percent(verdict.kept)} likelihood, ${verdict.flagged ? 'within' : 'more than'} the ${percent(verdict.limit)} ${allowed}`;
}

/**
 * Why an owner is named where "shared" is likelier: "a short duty that names the CIO's area, and no
 * other role's, is the CIO's"; undefined where the likelihoods alone explain the owner.
 */
export function describeNamedOwner(judgement: Judgement, lexicon: Lexicon): string | undefined {
  if (judgement.decision !== 'owner' || !judgement.namesOwnersArea || (judgement.scores[SHARED_CLASS] ?? 0) <= judgement.scores[judgement.owner!]) return undefined;
  const name = lexicon.role(judgement.owner!)?.abbreviation ?? judgement.owner;
  return `a short duty that names the ${name}'s area, and no other role's, is the ${name}'s, though its few words leave more likelihood to shared`;
}

const CACHE_LIMIT = 20_000;
const MAX_EVIDENCE = 4;
/** A single word or pair must have moved the decision this much (in logits) to be shown as a reason. */
const MIN_WORD_EVIDENCE = 0.3;

/** Knowledge-base phrases (0) before word pairs and what the item's structure says (1) before single words (2). */
function evidenceRank(feature: string): number {
  if (feature.startsWith('w:')) return 2;
  if (feature.startsWith('kb-') || feature.startsWith('a:') || feature.startsWith('c:')) return 0;
  return 1;
}

/** Longer stretches read as a quote, not as a reason. */
const MAX_EVIDENCE_WORDS = 4;

/** A sentence read outside any posting (`rolefit explain`, the knowledge base's own duties): an item of a list of duties. */
const NO_CONTEXT: ItemContext = { section: 'responsibilities', heading: '' };

/**
 * Decides which role owns an item. Results are cached by text and section, so re-analysis after an
 * edit only judges the items that changed.
 */
export class Classifier {
  private readonly cache = new Map<string, Judgement>();
  private readonly thresholds: Thresholds;
  private readonly classes: string[];
  private readonly classIndexes: number[];
  private readonly weights: CompiledModel;
  private readonly known: (feature: string) => boolean;
  private readonly headingWords = new Map<string, Word[]>();
  /** Per role, the word keys of each duty area, to name the area of an item no phrase points to. */
  private readonly areaWords = new Map<string, Array<{ id: string; keys: Set<string> }>>();

  constructor(
    readonly lexicon: Lexicon,
    readonly model: Model,
    readonly strictness: Strictness = 'balanced',
  ) {
    this.thresholds = THRESHOLDS[strictness];
    this.classes = [...lexicon.roles.map((r) => r.id), SHARED_CLASS];
    this.weights = compileModel(model);
    this.classIndexes = this.classes.map((cls) => model.owner.classes.indexOf(cls));
    const plain = this.weights.plain;
    this.known = (feature) => plain.has(feature);
  }

  judge(text: string, context: ItemContext = NO_CONTEXT): Judgement {
    const cacheKey = `${context.section}\u0000${context.heading}\u0000${text}`;
    let judgement = this.cache.get(cacheKey);
    if (!judgement) {
      judgement = this.judgeUncached(text, context);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(cacheKey, judgement);
    }
    return judgement;
  }

  private judgeUncached(text: string, context: ItemContext): Judgement {
    // Rule 8 of the policy: requirements, and items that are not responsibilities, have no owner.
    if (context.section === 'requirements' || QUALIFICATION_FORM.test(text)) return { decision: 'neutral', scores: {}, dutyProbability: 0, evidence: [] };
    const words = this.lexicon.words(text);
    const duty = dutyProbability(this.weights, kindFeatures(words, context, this.wordsOfHeading(context.heading)));
    if (duty < (context.section === 'responsibilities' ? this.thresholds.dutyUnderDuties : this.thresholds.duty)) return { decision: 'neutral', scores: {}, dutyProbability: duty, evidence: [] };

    const features = itemFeatures(text, this.lexicon, this.known, words);
    const { probabilities } = scoreClasses(this.weights, features, this.classes, this.classIndexes);
    const scores: Record<string, number> = {};
    let best = 0;
    let second = -1;
    for (let i = 0; i < this.classes.length; i++) {
      scores[this.classes[i]] = probabilities[i];
      if (i === 0) continue;
      if (probabilities[i] > probabilities[best]) {
        second = best;
        best = i;
      } else if (second < 0 || probabilities[i] > probabilities[second]) second = i;
    }
    let [top, topProbability, runnerUp] = [this.classes[best], probabilities[best], this.classes[second]];
    const base = { scores, dutyProbability: duty };
    // A short duty that names one role's area in the knowledge base's words, and no other's, is that
    // role's when the model ranks it first of the roles: with few words it leaves much to "shared".
    const named = namedRole(features);
    if (named !== undefined && top === SHARED_CLASS && named === runnerUp) [top, topProbability, runnerUp] = [named, scores[named], SHARED_CLASS];
    const ownerBar = named === top ? this.thresholds.ownerWhenNamed : this.thresholds.owner;

    // Working with the owner ("partner with the CIO on the ERP rollout") is a shared duty, and so is
    // an item the partnership fix rewrote, whatever its words weigh. Working with the owner's team
    // ("with the design team") is only evidence: in real postings such duties are mostly the team owner's.
    const partner = partnershipOwner(text, this.lexicon);
    const collaboration = features.collaborators.find((c) => (c.roleId === top && !c.team) || (partner !== undefined && c.roleId === partner));
    if (collaboration) {
      const owner = collaboration.roleId!;
      return { ...base, decision: 'shared', collaboratesWith: collaboration.name, area: this.areaOf(owner, features), evidence: this.evidence(text, features, owner, owner === top ? runnerUp : top) };
    }
    // A shared duty is explained by its shared area ("Own department budget"), not by words.
    if (top === SHARED_CLASS) {
      return { ...base, decision: 'shared', commonArea: this.commonAreaOf(features), collaboratesWith: features.collaborators[0]?.name, evidence: [] };
    }
    // Rule 4 of the policy: keeping things secure, as oversight, is every leader's duty; the CISO owns the parts of a program.
    if (top === 'ciso' && !namesSecurityProgram(features)) {
      return { ...base, decision: 'shared', commonArea: 'security-oversight', evidence: this.evidence(text, features, top, runnerUp) };
    }
    const evidence = this.evidence(text, features, top, runnerUp);
    if (topProbability < ownerBar) return { ...base, decision: 'unclear', area: this.areaOf(top, features), evidence };
    return { ...base, decision: 'owner', owner: top, area: this.areaOf(top, features), evidence, namesOwnersArea: named === top };
  }

  private wordsOfHeading(heading: string): Word[] {
    let words = this.headingWords.get(heading);
    if (!words) {
      words = this.lexicon.words(heading);
      if (this.headingWords.size >= CACHE_LIMIT) this.headingWords.clear();
      this.headingWords.set(heading, words);
    }
    return words;
  }

  /** Whether a judged item is a foreign duty in a posting for `roles`: owned elsewhere, and plainly not the posting's. */
  isForeign(judgement: Judgement, roles: readonly string[]): boolean {
    return this.foreignVerdict(judgement, roles)?.flagged ?? false;
  }

  /** For a duty another role owns: how much likelihood the posting's roles keep, and how much they may keep for it to be flagged. */
  foreignVerdict(judgement: Judgement, roles: readonly string[]): ForeignVerdict | undefined {
    if (judgement.decision !== 'owner' || roles.length === 0 || roles.includes(judgement.owner!)) return undefined;
    const kept = Math.max(...roles.map((role) => judgement.scores[role] ?? 0));
    const limit = judgement.namesOwnersArea ? this.thresholds.postingRoleWhenNamed : this.thresholds.postingRole;
    return { flagged: kept <= limit, kept, limit };
  }

  /**
   * The reasons for `winner` over `runnerUp`, in the writer's words: the knowledge base's phrases
   * and what the item's structure says first, then word pairs, then single words; the opening verb
   * ("Set", "Run") and words that barely counted are no reason to show.
   */
  private evidence(text: string, features: ItemFeatures, winner: string, runnerUp: string): EvidenceWord[] {
    const result: EvidenceWord[] = [];
    const first = features.words.find((w) => !w.stop);
    const shown = contributions(this.weights, features, winner, runnerUp)
      .filter((c) => evidenceRank(c.feature) === 0 || (c.weight >= MIN_WORD_EVIDENCE && c.spans[0]?.start !== first?.start))
      .sort((a, b) => evidenceRank(a.feature) - evidenceRank(b.feature) || b.weight - a.weight);
    for (const contribution of shown) {
      for (const span of contribution.spans) {
        const quoted = text.slice(span.start, span.end);
        if (quoted.split(/\s+/).length > MAX_EVIDENCE_WORDS) continue;
        const lower = quoted.toLowerCase();
        if (result.some((e) => e.text.toLowerCase().includes(lower) || lower.includes(e.text.toLowerCase()))) continue;
        result.push({ phrase: contribution.feature, text: quoted, weight: Math.round(contribution.weight * 100) / 100 });
        if (result.length === MAX_EVIDENCE) return result;
      }
    }
    return result;
  }

  /** The role's duty area the item is about: the one its phrases point to, else the one sharing most of its words. */
  private areaOf(roleId: string, features: ItemFeatures): string | undefined {
    const byPhrase = new Map<string, number>();
    for (const hit of features.hits) {
      for (const target of hit.targets) {
        if (target.kind === 'role' && target.roleId === roleId) byPhrase.set(target.areaId, (byPhrase.get(target.areaId) ?? 0) + target.weight);
      }
    }
    const bestByPhrase = [...byPhrase].sort((a, b) => b[1] - a[1])[0];
    if (bestByPhrase) return bestByPhrase[0];
    const areas = this.areaWordsOf(roleId);
    let best = areas[0]?.id;
    let bestOverlap = 0;
    for (const area of areas) {
      const overlap = features.words.filter((w) => !w.stop && area.keys.has(w.key)).length;
      if (overlap > bestOverlap) {
        best = area.id;
        bestOverlap = overlap;
      }
    }
    return best;
  }

  private areaWordsOf(roleId: string): Array<{ id: string; keys: Set<string> }> {
    let areas = this.areaWords.get(roleId);
    if (!areas) {
      areas = (this.lexicon.role(roleId)?.areas ?? []).map((area) => {
        const text = [area.name, area.summary, ...area.duties, ...area.evidence.strong, ...area.evidence.weak].join(' ');
        return { id: area.id, keys: new Set(this.lexicon.words(text).filter((w) => !w.stop).map((w) => w.key)) };
      });
      this.areaWords.set(roleId, areas);
    }
    return areas;
  }

  private commonAreaOf(features: ItemFeatures): string | undefined {
    const scores = new Map<string, number>();
    for (const hit of features.hits) {
      for (const target of hit.targets) {
        if (target.kind === 'shared') scores.set(target.areaId, (scores.get(target.areaId) ?? 0) + target.weight);
      }
    }
    return [...scores].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
}
