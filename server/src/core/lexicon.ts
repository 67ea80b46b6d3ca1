import type { CommonArea, DutyArea, KnowledgeBase, Role } from '../knowledge/schema';
import { toWords, type Word } from './words';

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
  start: number;
  end: number;
  /** Index of the first matched word among all the text's words, and the segment it stands in. */
  wordIndex: number;
  segment: number;
}

/** Someone the text works with or for: one of the roles, or another executive. */
export interface Collaborator {
  /** The role's id, or undefined for executives outside the roles (CEO, CFO, the board). */
  roleId?: string;
  /** As it is to be shown: the role's abbreviation or the executive's title. */
  name: string;
  /** A team the role leads ("the design team"), not the role's executive. */
  team?: boolean;
  start: number;
  end: number;
}

/**
 * The knowledge base turned into what the classifier needs at speed: a trie of phrases by word
 * key, lookups by id, and the role names a sentence may mention.
 */
export class Lexicon {
  readonly stopWords: ReadonlySet<string>;
  readonly roles: readonly Role[];
  private readonly roleById = new Map<string, Role>();
  private readonly roleByAbbreviation = new Map<string, string>();
  private readonly areaByKey = new Map<string, DutyArea>();
  private readonly commonById = new Map<string, CommonArea>();
  private readonly phrases: TrieNode = { next: new Map() };
  private readonly roleMentions: TrieNode = { next: new Map() };
  private readonly collaboration: TrieNode = { next: new Map() };
  /** Roles and the other executives a duty may be shared with. */
  private readonly executives: TrieNode = { next: new Map() };
  /** The teams each role leads ("product management" for the CPO), by role id. */
  private readonly teams: TrieNode = { next: new Map() };
  /** The words that name each role's function in a title ("engineering", "information security"). */
  private readonly functions: TrieNode = { next: new Map() };

  constructor(readonly knowledge: KnowledgeBase) {
    // Stop words are matched as written, every form listed: a word whose key only looks like one
    // ("notes" and "not", "themes" and "them") still counts.
    this.stopWords = new Set(knowledge.stopWords.map((word) => word.toLowerCase()));
    this.roles = knowledge.roles;

    for (const role of knowledge.roles) {
      this.roleById.set(role.id, role);
      this.roleByAbbreviation.set(role.abbreviation, role.id);
      for (const area of role.areas) {
        this.areaByKey.set(`${role.id}/${area.id}`, area);
        this.addEvidence(area.evidence.strong, { kind: 'role', roleId: role.id, areaId: area.id, weight: STRONG_WEIGHT });
        this.addEvidence(area.evidence.weak, { kind: 'role', roleId: role.id, areaId: area.id, weight: WEAK_WEIGHT });
      }
      for (const name of [role.abbreviation, role.name, ...role.titles]) {
        insert(this.roleMentions, allKeys(name), { text: role.id, targets: [] });
        insert(this.executives, allKeys(name), { text: role.abbreviation, targets: [] });
      }
      for (const team of role.teams) insert(this.teams, allKeys(team), { text: role.id, targets: [] });
      for (const name of role.functions) insert(this.functions, allKeys(name), { text: role.id, targets: [] });
    }
    for (const area of knowledge.common) {
      this.commonById.set(area.id, area);
      this.addEvidence(area.evidence.strong, { kind: area.kind, areaId: area.id, weight: STRONG_WEIGHT });
      this.addEvidence(area.evidence.weak, { kind: area.kind, areaId: area.id, weight: WEAK_WEIGHT });
    }
    for (const executive of knowledge.otherExecutives) {
      insert(this.executives, allKeys(executive), { text: executive, targets: [] });
    }
    // The partnership fix's own wording is always read as one, whatever the configuration file says.
    for (const verb of [...knowledge.collaborationVerbs, PARTNERSHIP_PHRASE]) {
      insert(this.collaboration, allKeys(verb), { text: verb, targets: [] });
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
    const content = words.filter((word) => !word.stop);
    for (const match of matchAll(this.phrases, content)) {
      if (seen.has(match.phrase.text)) continue;
      seen.add(match.phrase.text);
      const first = content[match.wordIndex];
      hits.push({
        phrase: match.phrase.text,
        original: text.slice(match.start, match.end),
        targets: match.phrase.targets,
        start: match.start,
        end: match.end,
        wordIndex: words.indexOf(first),
        segment: first.segment,
      });
    }
    return hits;
  }

  /** Role ids named in `text` ("the CIO", "Chief Product Officer"), in order. */
  findRoleMentions(text: string, words = this.words(text)): Array<{ roleId: string; start: number; end: number; wordIndex: number; lastWordIndex: number }> {
    return matchAll(this.roleMentions, words).map((m) => ({
      roleId: m.phrase.text,
      start: m.start,
      end: m.end,
      wordIndex: m.wordIndex,
      lastWordIndex: m.lastWordIndex,
    }));
  }

  /** The role functions a title names ("Director of Information Security" names the CISO's), in order. */
  findFunctions(words: readonly Word[]): Array<{ roleId: string; wordIndex: number; lastWordIndex: number }> {
    return matchAll(this.functions, words).map((m) => ({ roleId: m.phrase.text, wordIndex: m.wordIndex, lastWordIndex: m.lastWordIndex }));
  }

  /**
   * Who the text works with or for, which makes a duty a shared one: an executive named closely
   * after a collaboration phrase ("partner with the CIO on …", "report to the CEO") or as a
   * possessor ("sit on the CDO's council"), and a role's team after a collaboration phrase other
   * than a bare "with" ("work with product management"; "provide employees with IT support" is
   * still the CIO's duty).
   */
  collaborators(text: string, words = this.words(text)): Collaborator[] {
    const found: Collaborator[] = [];
    const executives = matchAll(this.executives, words);
    for (const mention of executives) {
      if (words[mention.lastWordIndex].possessive) found.push(this.collaborator(mention));
    }
    for (const mention of this.afterCollaborationVerb(words, executives)) found.push(this.collaborator(mention));
    const teams = matchAll(this.teams, words);
    for (const team of this.afterCollaborationVerb(words, teams, (verb) => verb !== 'with')) {
      found.push({ roleId: team.phrase.text, name: text.slice(team.start, team.end), team: true, start: team.start, end: team.end });
    }
    return found;
  }

  private collaborator(mention: TrieMatch): Collaborator {
    const roleId = this.roleByAbbreviation.get(mention.phrase.text);
    return { roleId, name: mention.phrase.text, start: mention.start, end: mention.end };
  }

  /**
   * The mentions that follow a collaboration phrase closely in the same clause: three words, or
   * further along a list ("partner with sales, design and product teams").
   */
  private afterCollaborationVerb(words: readonly Word[], mentions: TrieMatch[], acceptVerb: (verb: string) => boolean = () => true): TrieMatch[] {
    if (mentions.length === 0) return [];
    const found = new Set<TrieMatch>();
    for (const verb of matchAll(this.collaboration, words)) {
      if (!acceptVerb(verb.phrase.text)) continue;
      const clause = words[verb.lastWordIndex].clause;
      for (const m of mentions) {
        const distance = m.wordIndex - verb.lastWordIndex;
        if (distance <= 0 || words[m.wordIndex].clause !== clause) continue;
        const listed = words[m.wordIndex].segment !== words[verb.lastWordIndex].segment;
        if (distance <= 3 || (listed && distance <= COLLABORATION_LIST_REACH)) found.add(m);
      }
    }
    return [...found];
  }

  private addEvidence(phrases: readonly string[], target: PhraseTarget): void {
    for (const phrase of phrases) {
      const keys = toWords(phrase, this.stopWords, { phrase: true }).filter((w) => !w.stop).map((w) => w.key);
      if (keys.length === 0) continue;
      const node = walk(this.phrases, keys);
      node.phrase ??= { text: phrase.toLowerCase(), targets: [] };
      node.phrase.targets.push(target);
    }
  }
}

const PARTNERSHIP_PHRASE = 'in partnership with';

/** How many words a list of collaborators may run after its collaboration phrase. */
const COLLABORATION_LIST_REACH = 10;

/** Names and collaboration phrases keep their stop words: "head of IT" must not shrink to "head". */
function allKeys(text: string): string[] {
  return toWords(text, NO_STOP_WORDS, { phrase: true }).map((w) => w.key);
}

const NO_STOP_WORDS: ReadonlySet<string> = new Set();

function walk(root: TrieNode, keys: readonly string[]): TrieNode {
  let node = root;
  for (const key of keys) {
    let child = node.next.get(key);
    if (!child) {
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  return node;
}

function insert(root: TrieNode, keys: readonly string[], phrase: NonNullable<TrieNode['phrase']>): void {
  if (keys.length === 0) return;
  const node = walk(root, keys);
  node.phrase ??= phrase;
}

interface TrieMatch {
  phrase: NonNullable<TrieNode['phrase']>;
  start: number;
  end: number;
  wordIndex: number;
  lastWordIndex: number;
}

/** Non-overlapping longest matches of a trie over words, left to right, never across punctuation. */
function matchAll(root: TrieNode, words: readonly Word[]): TrieMatch[] {
  const found: TrieMatch[] = [];
  let i = 0;
  while (i < words.length) {
    let node: TrieNode | undefined = root;
    let best: { end: number; phrase: NonNullable<TrieNode['phrase']> } | undefined;
    for (let j = i; j < words.length && words[j].segment === words[i].segment; j++) {
      node = node.next.get(words[j].key);
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
