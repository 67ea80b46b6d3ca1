import type { Lexicon } from './lexicon';
import { IT_KEY, keySet, type Word } from './words';

/** Words that make a title a job title: a seniority or a post. */
const SENIORITY = keySet([
  'chief', 'officer', 'president', 'vp', 'svp', 'evp', 'avp', 'head', 'director', 'manager', 'lead', 'leader', 'principal', 'executive', 'cxo',
]);

/**
 * "Technology" and "technical" name the CTO in "Head of Technology" or "Technical Director", but a
 * "Technology Leader" may be any technology executive.
 */
const VAGUE_FUNCTIONS = new Set(['technology', 'tech', 'technical']);
const OFFICES = new Set(['director', 'officer', 'president', 'vp']);

function namesOffice(words: readonly Word[], at: number): boolean {
  const before = words[at - 1]?.key;
  return before === 'of' || before === 'for' || OFFICES.has(words[at + 1]?.key ?? '') || (before !== undefined && OFFICES.has(before));
}

/**
 * Words beside a function that make it another discipline: "Civil Engineering", "Sales
 * Engineering", "Physical Security", "Product Marketing" name no role of rolefit's.
 */
const OTHER_DISCIPLINES = new Set([
  'civil', 'mechanical', 'electrical', 'chemical', 'structural', 'maintenanc', 'manufactur', 'plant', 'facility', 'field', 'sal', 'biomedical',
  'environmental', 'industrial', 'physical', 'process', 'market', 'marketer', 'supply', 'safety', 'transfer', 'entry', 'protection',
]);
/** Security that guards places and goods, and engineering that builds them, wherever the title says so. */
const OTHER_SECURITY = /\b(loss prevention|safety)\b/i;
const OTHER_ENGINEERING = /\b(roads?|bridges?|highways?|construction|refinery|mining)\b/i;

/** Another occupation: "HR Business Partner – Engineering" and "Finance Director – Technology Company" name no role. */
const OTHER_POSTS = new Set(['financ', 'financial', 'hr', 'recruitment', 'recruiter', 'talent', 'accountant', 'counsel', 'legal', 'sal', 'market', 'consultant']);

type Span = { roleId: string; wordIndex: number; lastWordIndex: number };

/** What a title says, anywhere in it, that makes its security or its engineering another discipline's. */
interface Discipline {
  words: readonly Word[];
  guardsPlaces: boolean;
  buildsPlaces: boolean;
}

function namesOtherDiscipline({ words, guardsPlaces, buildsPlaces }: Discipline, span: Span): boolean {
  if (OTHER_DISCIPLINES.has(words[span.wordIndex - 1]?.key ?? '') || OTHER_DISCIPLINES.has(words[span.lastWordIndex + 1]?.key ?? '')) return true;
  if (span.roleId === 'ciso') return guardsPlaces;
  return span.roleId === 'cto' && buildsPlaces && words.slice(span.wordIndex, span.lastWordIndex + 1).some((w) => w.key === 'engineer');
}

/** The initials of a spelled-out title: "Chief People Officer" → "CPO". */
function initials(text: string): string {
  return (text.match(/\b[A-Z]/g) ?? []).join('');
}

/** Titles that say they are a job posting: "Job description: …", "State job classification 0239". */
const POSTING_WORDS = /\b(job (description|classification|posting|profile|spec(ification)?)|position description|role profile|vacancy|we(')?re hiring)\b/i;

export interface TitleRoles {
  roles: string[];
  /** The title names a post ("Director", "Head of", "Chief … Officer", a role's own title), not only a function. */
  namesPost: boolean;
}

/**
 * The roles a posting's title names, read the way a recruiter reads it:
 * 1. a role's own title or abbreviation ("Chief Information Security Officer", "VP of Product", "CTO");
 * 2. "Chief … Officer" around function words, every function counted ("Chief Information and
 *    Technology Officer" is the CIO and the CTO);
 * 3. otherwise the function a title names, at any seniority and in any order ("Information
 *    Technology Director", "Senior Director/Vice President, Engineering"): the first one named,
 *    except that a security function wins over engineering or technology ("Engineering Manager,
 *    Security Operations") unless IT was named before it ("IT Operations and Security Lead").
 * No role when no function is named, nor for a function of another discipline ("Civil Engineering",
 * "Physical Security", "Product Marketing") or another occupation's client ("HR Business Partner –
 * Engineering").
 */
export function rolesFromTitle(publishedTitle: string, lexicon: Lexicon): TitleRoles {
  // "Product & Engineering" is two functions, as "Product and Engineering" is, not "product engineering".
  // "C.T.O." is the CTO.
  const title = publishedTitle.replace(/\s+&\s+/g, ' and ').replace(/\b(?:[A-Z]\.){2,}/g, (dotted) => dotted.replace(/\./g, ''));
  const words = lexicon.words(title);
  const namesPost = words.some((w) => SENIORITY.has(w.key)) || POSTING_WORDS.test(title);
  const chief = chiefOfficerSpan(words);
  const insideChief = (f: { wordIndex: number; lastWordIndex: number }) => chief !== undefined && f.wordIndex > chief[0] && f.lastWordIndex < chief[1];
  const discipline: Discipline = { words, guardsPlaces: OTHER_SECURITY.test(title), buildsPlaces: OTHER_ENGINEERING.test(title) };
  const named = lexicon
    .findFunctions(words)
    .filter((f) => f.wordIndex < f.lastWordIndex || !VAGUE_FUNCTIONS.has(words[f.wordIndex].key) || insideChief(f) || namesOffice(words, f.wordIndex))
    .filter((f) => !namesOtherDiscipline(discipline, f));
  // A function named only after another occupation ("HR Business Partner – Engineering") is that occupation's client.
  const functionSegments = new Set(named.map((f) => words[f.wordIndex].segment));
  const otherPost = words.find((w) => OTHER_POSTS.has(w.key) && !functionSegments.has(w.segment));
  const afterOtherPost = (span: Span) => otherPost !== undefined && words[span.wordIndex].segment > otherPost.segment;
  const functions = named.filter((f) => !afterOtherPost(f));
  // Functions never overlap: each word belongs to one at most.
  const functionAt = new Map<number, Span>();
  for (const f of functions) for (let i = f.wordIndex; i <= f.lastWordIndex; i++) functionAt.set(i, f);
  // "Head of IT Security" is not the Head of IT, nor "Head of Product and Engineering" only the Head of Product:
  // a role's title that runs on into another function is not that title.
  const runsOn = (mention: Span) => {
    const next = mention.lastWordIndex + 1;
    const into = (f: Span | undefined) => f !== undefined && f.roleId !== mention.roleId && words[f.lastWordIndex].segment === words[mention.lastWordIndex].segment;
    const joined = words[next]?.key === 'and' ? functionAt.get(next + 1) : undefined;
    return into(functionAt.get(next)) || (joined?.wordIndex === next + 1 && into(joined));
  };
  // "Chief People Officer (CPO)": an abbreviation beside a spelled-out title abbreviates that title.
  const spelled = chief ? initials(title.slice(words[chief[0]].start, words[chief[1]].end)) : undefined;
  const abbreviates = (mention: { wordIndex: number; lastWordIndex: number }) =>
    mention.wordIndex === mention.lastWordIndex && !insideChief(mention) && words[mention.wordIndex].key.toUpperCase() === spelled;
  const explicit = unique(
    lexicon
      .findRoleMentions(title, words)
      .filter((m) => !runsOn(m) && !abbreviates(m) && !namesOtherDiscipline(discipline, m) && !afterOtherPost(m))
      .map((m) => m.roleId),
  );
  if (explicit.length > 0) return { roles: explicit, namesPost: true };

  if (chief) {
    const inside = functions.filter(insideChief).map((f) => f.roleId);
    // "Information" alone names the CIO only between "Chief" and "Officer".
    for (let i = chief[0] + 1; i < chief[1]; i++) if (words[i].key === 'information' && functionAt.get(i)?.wordIndex !== i) inside.push('cio');
    if (inside.length > 0) return { roles: unique(inside.filter((id) => lexicon.role(id))), namesPost: true };
  }
  if (functions.length === 0) return { roles: [], namesPost };
  const security = functions.findIndex((f) => f.roleId === 'ciso');
  if (security > 0) {
    const itBefore = functions.slice(0, security).some((f) => f.roleId === 'cio' && f.lastWordIndex + 1 < functions[security].wordIndex);
    if (!itBefore) return { roles: ['ciso'], namesPost };
  }
  // "VP Engineering & Product": two core functions joined name a combined role.
  const [first, second] = functions;
  if (second && security < 0 && first.roleId !== second.roleId && isCore(words, first) && isCore(words, second) && JOINED.test(title.slice(words[first.lastWordIndex].end, words[second.wordIndex].start))) {
    return { roles: [first.roleId, second.roleId], namesPost };
  }
  return { roles: [first.roleId], namesPost };
}

/** Words that name a whole function, not a part of one ("Engineering", not "Infrastructure"). */
const CORE_FUNCTIONS = new Set(['engineer', 'technology', 'product', IT_KEY, 'data', 'analytic']);
const JOINED = /^\s*(?:and|&|\/|\+)\s*$/i;

function isCore(words: readonly Word[], f: { wordIndex: number; lastWordIndex: number }): boolean {
  return f.wordIndex === f.lastWordIndex && CORE_FUNCTIONS.has(words[f.wordIndex].key);
}

/** Indexes of "Chief" and the "Officer" after it, when the title has both. */
function chiefOfficerSpan(words: readonly Word[]): [number, number] | undefined {
  const chief = words.findIndex((w) => w.key === 'chief');
  if (chief < 0) return undefined;
  const officer = words.findIndex((w, i) => i > chief && w.key === 'officer');
  return officer > chief ? [chief, officer] : undefined;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
