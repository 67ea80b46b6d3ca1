import { STRONG_WEIGHT, type Lexicon } from './lexicon';
import type { EvidenceWord, Judgement, Strictness } from './types';

interface Thresholds {
  /** Least score a role needs to be named owner (a strong phrase is 3, a weak one 1). */
  minScore: number;
  /** How many times the runner-up's score the owner needs. */
  margin: number;
}

const THRESHOLDS: Record<Strictness, Thresholds> = {
  lenient: { minScore: 4, margin: 2 },
  balanced: { minScore: 3, margin: 1.5 },
  strict: { minScore: 2, margin: 1.25 },
};

const CACHE_LIMIT = 20_000;

/**
 * Decides which role owns a sentence. Results are cached by text, so re-analysis after an edit
 * only judges the items that changed.
 */
export class Classifier {
  private readonly cache = new Map<string, Judgement>();
  private readonly thresholds: Thresholds;

  constructor(
    readonly lexicon: Lexicon,
    readonly strictness: Strictness = 'balanced',
  ) {
    this.thresholds = THRESHOLDS[strictness];
  }

  judge(text: string): Judgement {
    let judgement = this.cache.get(text);
    if (!judgement) {
      judgement = this.judgeUncached(text);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(text, judgement);
    }
    return judgement;
  }

  private judgeUncached(text: string): Judgement {
    const scores: Record<string, number> = {};
    const areaScores = new Map<string, number>();
    const commonScores = new Map<string, number>();
    const evidenceByRole = new Map<string, EvidenceWord[]>();
    const commonEvidence: EvidenceWord[] = [];
    let sharedScore = 0;
    let neutralScore = 0;

    const words = this.lexicon.words(text);
    for (const hit of this.lexicon.findPhrases(text, words)) {
      // A phrase listed in several areas of one role counts once for that role.
      const countedRoles = new Set<string>();
      for (const target of hit.targets) {
        const word = { phrase: hit.phrase, text: hit.original, weight: target.weight };
        if (target.kind === 'role') {
          const areaKey = `${target.roleId}/${target.areaId}`;
          areaScores.set(areaKey, (areaScores.get(areaKey) ?? 0) + target.weight);
          if (countedRoles.has(target.roleId)) continue;
          countedRoles.add(target.roleId);
          scores[target.roleId] = (scores[target.roleId] ?? 0) + target.weight;
          const list = evidenceByRole.get(target.roleId) ?? [];
          list.push(word);
          evidenceByRole.set(target.roleId, list);
        } else {
          commonScores.set(target.areaId, (commonScores.get(target.areaId) ?? 0) + target.weight);
          commonEvidence.push(word);
          if (target.kind === 'shared') sharedScore += target.weight;
          else neutralScore += target.weight;
        }
      }
    }

    const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const [topRole, topScore] = ranked[0] ?? [undefined, 0];
    const secondScore = ranked[1]?.[1] ?? 0;
    const topArea = topRole ? bestArea(areaScores, topRole) : undefined;
    const base = { scores, sharedScore, neutralScore };
    const byWeight = (words: EvidenceWord[]) => [...words].sort((a, b) => b.weight - a.weight);

    // Naming the owner in the duty ("help the CISO gather SOC 2 evidence") means working with the owner, not being it;
    // naming it as the subject ("The CTO will…", "As CIO, …") describes the hire.
    const namesOwner = topRole && this.lexicon.findRoleMentions(text, words).some((mention) => mention.roleId === topRole && !isSubject(text, mention.start));
    const collaboratesWith =
      this.lexicon.collaboratesWith(text, words) ??
      (namesOwner ? this.lexicon.role(topRole)?.abbreviation : undefined) ??
      (topRole ? this.lexicon.collaboratesWithTeamOf(topRole, words) : undefined);
    if (collaboratesWith) {
      return {
        ...base,
        decision: 'shared',
        collaboratesWith,
        area: topArea,
        evidence: byWeight(topRole ? (evidenceByRole.get(topRole) ?? []) : commonEvidence),
      };
    }

    const { minScore, margin } = this.thresholds;
    const commonDecision = (): Judgement => {
      if (sharedScore === 0 && neutralScore === 0) {
        return { ...base, decision: 'unclear', area: topArea, evidence: byWeight(topRole ? (evidenceByRole.get(topRole) ?? []) : []) };
      }
      const kind = sharedScore >= neutralScore ? 'shared' : 'neutral';
      const commonArea = [...commonScores.entries()]
        .filter(([id]) => this.lexicon.commonArea(id)?.kind === kind)
        .sort((a, b) => b[1] - a[1])[0]?.[0];
      return { ...base, decision: kind, commonArea, evidence: byWeight(commonEvidence) };
    };

    if (!topRole || topScore < minScore) return commonDecision();
    // Shared words outweigh the role's: "own the engineering budget and report it to the board" is any
    // executive's duty. Neutral words (years, industries) never outweigh a role: "5 years running ITIL" is the CIO's.
    const strongForTop = (evidenceByRole.get(topRole) ?? []).some((word) => word.weight >= STRONG_WEIGHT);
    if (sharedScore > topScore || (sharedScore === topScore && !strongForTop)) return commonDecision();
    if (secondScore * margin > topScore) {
      return { ...base, decision: 'unclear', area: topArea, evidence: byWeight(evidenceByRole.get(topRole) ?? []) };
    }
    return {
      ...base,
      decision: 'owner',
      owner: topRole,
      area: topArea,
      evidence: byWeight(evidenceByRole.get(topRole) ?? []),
    };
  }
}

function bestArea(areaScores: Map<string, number>, roleId: string): string | undefined {
  let best: string | undefined;
  let bestScore = -1;
  const prefix = `${roleId}/`;
  for (const [key, score] of areaScores) {
    if (key.startsWith(prefix) && score > bestScore) {
      best = key.slice(prefix.length);
      bestScore = score;
    }
  }
  return best;
}

/** True when a role mention at `start` is the sentence's subject: its first words, or after "as". */
function isSubject(text: string, start: number): boolean {
  const before = text.slice(0, start).toLowerCase().replace(/[^\p{L}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean);
  return before.length <= 1 || before.at(-1) === 'as';
}
