import type { CommonArea, DutyArea, KnowledgeBase, Role } from '../knowledge/schema';
import { stemWord, toWords, type Word } from './words';

export const STRONG_WEIGHT = 3;
export const WEAK_WEIGHT = 1;

/** Where a phrase counts: an area of a role, or a shared/neutral area. */
export type PhraseTarget =
  | { kind: 'role'; roleId: string; areaId: string; weight: number }
  | { kind: 'shared' | 'neutral'; areaId: string; weight: number };

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Set when a phrase ends here. */
  phrase?: { text: string; targets: PhraseTarget[] };
}

export interface PhraseHit {
  phrase: string;
  /** The matched words as the writer typed them. */
  original: string;
  targets: PhraseTarget[];
}

/**
 * The knowledge base turned into what the classifier needs at speed: a trie of stemmed phrases,
 * lookups by id, and the role names a sentence may mention.
 */
export class Lexicon {
  readonly stopWords: ReadonlySet<string>;
  readonly roles: readonly Role[];
  private readonly roleById = new Map<string, Role>();
  private readonly areaByKey = new Map<string, DutyArea>();
  private readonly commonById = new Map<string, CommonArea>();
  private readonly phrases: TrieNode = { next: new Map() };
  private readonly roleMentions: TrieNode = { next: new Map() };
  private readonly collaboration: TrieNode = { next: new Map() };
  /** Roles and the other executives a duty may be shared with. */
  private readonly executives: TrieNode = { next: new Map() };
  /** The teams each role leads ("product management" for the CPO), by role id. */
  private readonly teams: TrieNode = { next: new Map() };

  constructor(readonly knowledge: KnowledgeBase) {
    const stops = new Set<string>();
    for (const word of knowledge.stopWords) {
      const lower = word.toLowerCase();
      stops.add(lower);
      stops.add(stemWord(lower));
    }
    this.stopWords = stops;
    this.roles = knowledge.roles;

    for (const role of knowledge.roles) {
      this.roleById.set(role.id, role);
      for (const area of role.areas) {
        this.areaByKey.set(`${role.id}/${area.id}`, area);
        this.addEvidence(area.evidence.strong, { kind: 'role', roleId: role.id, areaId: area.id, weight: STRONG_WEIGHT });
        this.addEvidence(area.evidence.weak, { kind: 'role', roleId: role.id, areaId: area.id, weight: WEAK_WEIGHT });
      }
      for (const name of [role.abbreviation, role.name, ...role.titles]) {
        insert(this.roleMentions, allStems(name), { text: role.id, targets: [] });
        insert(this.executives, allStems(name), { text: role.abbreviation, targets: [] });
      }
      for (const team of role.teams) insert(this.teams, allStems(team), { text: role.id, targets: [] });
    }
    for (const area of knowledge.common) {
      this.commonById.set(area.id, area);
      this.addEvidence(area.evidence.strong, { kind: area.kind, areaId: area.id, weight: STRONG_WEIGHT });
      this.addEvidence(area.evidence.weak, { kind: area.kind, areaId: area.id, weight: WEAK_WEIGHT });
    }
    for (const executive of knowledge.otherExecutives) {
      insert(this.executives, allStems(executive), { text: executive, targets: [] });
    }
    for (const verb of knowledge.collaborationVerbs) {
      insert(this.collaboration, allStems(verb), { text: verb, targets: [] });
    }
  }

  role(id: string): Role | undefined {
    return this.roleById.get(id);
  }

  area(roleId: string, areaId: string): DutyArea | undefined {
    return this.areaByKey.get(`${roleId}/${areaId}`);
  }

  commonArea(id: string): CommonArea | undefined {
    return this.commonById.get(id);
  }

  /** Every word of the text, stop words marked; the one tokenization a sentence gets. */
  words(text: string): Word[] {
    return toWords(text, this.stopWords);
  }

  /** Evidence phrases found in `text`, longest match first, each phrase once. */
  findPhrases(text: string, words = this.words(text)): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const seen = new Set<string>();
    for (const match of matchAll(this.phrases, words.filter((word) => !word.stop))) {
      if (seen.has(match.phrase.text)) continue;
      seen.add(match.phrase.text);
      hits.push({ phrase: match.phrase.text, original: text.slice(match.start, match.end), targets: match.phrase.targets });
    }
    return hits;
  }

  /** Role ids named in `text` ("the CIO", "Chief Product Officer"), in order. */
  findRoleMentions(text: string, words = this.words(text)): Array<{ roleId: string; start: number; end: number; wordIndex: number }> {
    return matchAll(this.roleMentions, words).map((m) => ({
      roleId: m.phrase.text,
      start: m.start,
      end: m.end,
      wordIndex: m.wordIndex,
    }));
  }

  /**
   * The executive the text works with or for, which makes the duty a shared one: a collaboration
   * phrase followed closely by an executive's title ("partner with the CIO on …", "work with the CFO"),
   * or an executive's possession ("sit on the CDO's council").
   */
  collaboratesWith(text: string, words = this.words(text)): string | undefined {
    const mentions = matchAll(this.executives, words);
    if (mentions.length === 0) return undefined;
    // The word pattern keeps "'s" on the word, so a possessive mention ends with it.
    const possessive = mentions.find((m) => /['’]s$/i.test(text.slice(m.start, m.end)));
    if (possessive) return possessive.phrase.text;
    return this.afterCollaborationVerb(words, mentions)?.phrase.text;
  }

  /** The team of `roleId` the text works with ("work with product management on …"), if any. */
  collaboratesWithTeamOf(roleId: string, words: readonly Word[]): string | undefined {
    const teams = matchAll(this.teams, words).filter((m) => m.phrase.text === roleId);
    if (teams.length === 0) return undefined;
    // A bare "with" is not enough here: "provide employees with IT support" is still the CIO's duty.
    const team = this.afterCollaborationVerb(words, teams, (verb) => verb !== 'with');
    return team ? words.slice(team.wordIndex, team.lastWordIndex + 1).map((w) => w.stem).join(' ') : undefined;
  }

  private afterCollaborationVerb(words: readonly Word[], mentions: TrieMatch[], acceptVerb: (verb: string) => boolean = () => true): TrieMatch | undefined {
    for (const verb of matchAll(this.collaboration, words)) {
      if (!acceptVerb(verb.phrase.text)) continue;
      const mention = mentions.find((m) => m.wordIndex > verb.wordIndex && m.wordIndex - verb.lastWordIndex <= 3);
      if (mention) return mention;
    }
    return undefined;
  }


  private addEvidence(phrases: readonly string[], target: PhraseTarget): void {
    for (const phrase of phrases) {
      const stems = this.words(phrase).filter((w) => !w.stop).map((w) => w.stem);
      if (stems.length === 0) continue;
      const node = walk(this.phrases, stems);
      node.phrase ??= { text: phrase.toLowerCase(), targets: [] };
      node.phrase.targets.push(target);
    }
  }
}

/** Names and collaboration phrases keep their stop words: "head of IT" must not shrink to "head". */
function allStems(text: string): string[] {
  return toWords(text, NO_STOP_WORDS).map((w) => w.stem);
}

const NO_STOP_WORDS: ReadonlySet<string> = new Set();

function walk(root: TrieNode, stems: readonly string[]): TrieNode {
  let node = root;
  for (const stem of stems) {
    let child = node.next.get(stem);
    if (!child) {
      child = { next: new Map() };
      node.next.set(stem, child);
    }
    node = child;
  }
  return node;
}

function insert(root: TrieNode, stems: readonly string[], phrase: NonNullable<TrieNode['phrase']>): void {
  if (stems.length === 0) return;
  const node = walk(root, stems);
  node.phrase ??= phrase;
}

interface TrieMatch {
  phrase: NonNullable<TrieNode['phrase']>;
  start: number;
  end: number;
  wordIndex: number;
  lastWordIndex: number;
}

/** Non-overlapping longest matches of a trie over words, left to right. */
function matchAll(root: TrieNode, words: readonly Word[]): TrieMatch[] {
  const found: TrieMatch[] = [];
  let i = 0;
  while (i < words.length) {
    let node: TrieNode | undefined = root;
    let best: { end: number; phrase: NonNullable<TrieNode['phrase']> } | undefined;
    for (let j = i; j < words.length; j++) {
      node = node.next.get(words[j].stem);
      if (!node) break;
      if (node.phrase) best = { end: j, phrase: node.phrase };
    }
    if (!best) {
      i++;
      continue;
    }
    found.push({ phrase: best.phrase, start: words[i].start, end: words[best.end].end, wordIndex: i, lastWordIndex: best.end });
    i = best.end + 1;
  }
  return found;
}
