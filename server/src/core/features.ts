import type { Lexicon, PhraseHit } from './lexicon';
import type { SectionKind } from './types';
import { IT_KEY, keyOf, keySet, type Word } from './words';

/** The class of items that no single role owns. */
export const SHARED_CLASS = 'shared';

/** Where in the item a feature came from, so an explanation can quote the writer's words. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What the model reads in one item. Plain features have a weight per class ("w:erp" counts for
 * the CIO); tied features have one weight for every class and a value per class ("kb-strong" is
 * the number of strong knowledge-base phrases of that class), so they also work for roles that a
 * workspace configuration file adds and the fitted weights have never seen.
 */
export interface ItemFeatures {
  plain: Map<string, Span[]>;
  tied: Map<string, Map<string, number>>;
  /** The spans behind each tied feature of each class, by `tiedKey(feature, class)`. */
  tiedSpans: Map<string, Span[]>;
  words: Word[];
  hits: PhraseHit[];
  /** Classes the item says it works with ("partner with the CIO"), and executives outside the roles. */
  collaborators: Array<{ roleId?: string; name: string; team?: boolean }>;
}

/** Words that name a function: qualifying a generic object ("IT budget", "product team"), they decide its owner. */
const DOMAINS = new Map<string, string>(
  Object.entries({
    product: 'product',
    engineer: 'engineering',
    software: 'engineering',
    developer: 'engineering',
    security: 'security',
    cybersecurity: 'security',
    infosec: 'security',
    cyber: 'security',
    data: 'data',
    analytics: 'data',
    bi: 'data',
  }).map(([word, domain]) => [keyOf(word), domain]),
).set(IT_KEY, 'it');

/** Objects that any function has: alone they say nothing about the owner ("the budget", "the team"). */
const GENERIC_OBJECTS = keySet([
  'budget', 'staff', 'team', 'personnel', 'workforce', 'department', 'project', 'vendor', 'supplier', 'policy', 'roadmap', 'upgrade',
  'training', 'strategy', 'plan', 'operations', 'services', 'system', 'needs', 'practices', 'governance', 'standards', 'leadership', 'manager',
  'investment', 'spend', 'contract', 'procurement', 'asset', 'function', 'program', 'initiative', 'organization', 'unit', 'resources',
  'support', 'hiring', 'recruit', 'leader', 'professional', 'specialist', 'capability', 'architect', 'analyst', 'scientist', 'engineer',
  'developer', 'expert', 'employee', 'people', 'group', 'tool', 'platform', 'risk', 'compliance', 'audit', 'metric', 'report', 'portfolio',
]);
/** "Product engineers" build the product: they are the CTO's, not the CPO's. */
const NOT_PRODUCT_OBJECTS = keySet(['engineer', 'developer', 'architect', 'platform', 'system']);

/** People and teams of a function: "engineers", "data analysts", "the IT team". */
const PEOPLE = keySet([
  'staff', 'team', 'personnel', 'workforce', 'manager', 'leader', 'analyst', 'scientist', 'engineer', 'developer', 'architect', 'specialist',
  'professional', 'designer', 'owner', 'department', 'organization', 'function', 'people', 'employee', 'expert', 'group', 'programmer',
]);
/** Engineers and developers with no other function named are the CTO's (rule 3). */
const ENGINEERS = keySet(['engineer', 'developer', 'programmer']);
/** Engineers of these are not software engineers. */
const NOT_SOFTWARE = keySet(['network', 'infrastructure', 'system', 'support', 'desktop', 'field', 'sales', 'solution', 'services', 'telecom', 'electrical', 'civil', 'process', 'quality', 'test']);
const MANAGING_VERBS = keySet([
  'manage', 'coach', 'mentor', 'hire', 'recruit', 'lead', 'build', 'grow', 'develop', 'supervise', 'direct', 'motivate', 'train', 'retain',
  'organize', 'scale', 'head', 'run', 'oversee', 'guide', 'inspire', 'nurture', 'attract',
]);
const MANAGING_REACH = 6;

/** The function whose people or team the content word at `i` names, if any. */
function peopleDomain(content: readonly Word[], i: number): string | undefined {
  const word = content[i];
  if (!PEOPLE.has(word.key)) return undefined;
  const before = i > 0 && content[i - 1].segment === word.segment ? content[i - 1].key : undefined;
  const domain = before ? DOMAINS.get(before) : undefined;
  if (domain && !(domain === 'product' && NOT_PRODUCT_OBJECTS.has(word.key))) return domain;
  if (ENGINEERS.has(word.key) && !(before && NOT_SOFTWARE.has(before))) return 'engineering';
  return undefined;
}

/** Whose: a customer's system is the product's business, an employee's is internal IT. */
const CUSTOMER_WORDS = keySet(['customer', 'client', 'merchant', 'patient', 'consumer', 'subscriber']);
const INTERNAL_WORDS = keySet(['employee', 'staff', 'organization', 'company', 'agency', 'department', 'workforce', 'colleague', 'enterprise', 'corporate', 'internal']);

/** What a customer's possessive may own for the item to be about the customer's systems. */
const SYSTEM_WORDS = keySet(['system', 'erp', 'crm', 'platform', 'software', 'tool', 'stack', 'environment', 'infrastructure', 'identity', 'sso', 'cloud', IT_KEY, 'application', 'app', 'instance', 'account', 'tenant', 'network', 'salesforce', 'sap', 'netsuite', 'workday', 'hubspot']);
const POSSESSIVE_PRONOUNS = keySet(['their', 'its']);
/** "Company-wide", "organization-wide": the scope is the organisation's own. */
const WIDE = keyOf('wide');

/**
 * Where the item speaks of customers' systems: "integrations with customers' ERP", "customers
 * use Salesforce", "from their CRM" after a customer is named, "customer-facing". Whose system it
 * is decides the owner, so the scope covers the whole item.
 */
function customerScope(words: readonly Word[]): Span | undefined {
  let customer: Word | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (CUSTOMER_WORDS.has(word.key)) {
      customer ??= word;
      const next = words.slice(i + 1, i + 4).filter((w) => !w.stop);
      if (word.possessive && next.some((w) => SYSTEM_WORDS.has(w.key))) return word;
      if (next[0]?.key === 'facing' || next[0]?.key === 'use' || next[0]?.key === 'using') return word;
    } else if (customer && POSSESSIVE_PRONOUNS.has(word.key) && words.slice(i + 1, i + 4).some((w) => SYSTEM_WORDS.has(w.key))) {
      return customer;
    }
  }
  return undefined;
}

/** How far apart (in content words) a function word and the object it qualifies may stand. */
const QUALIFIER_REACH = 3;

// Feature names are made once per word and kept: building and hashing a new string for every
// word of every item is most of the cost of reading a posting for the first time.
const wordFeatures = new Map<string, string>();
const pairFeatures = new Map<string, Map<string, string>>();
const FEATURE_CACHE_LIMIT = 100_000;

function wordFeature(key: string): string {
  let name = wordFeatures.get(key);
  if (name === undefined) {
    if (wordFeatures.size >= FEATURE_CACHE_LIMIT) wordFeatures.clear();
    wordFeatures.set(key, (name = `w:${key}`));
  }
  return name;
}

function pairFeature(first: string, second: string): string {
  let names = pairFeatures.get(first);
  if (!names) {
    if (pairFeatures.size >= FEATURE_CACHE_LIMIT) pairFeatures.clear();
    pairFeatures.set(first, (names = new Map()));
  }
  let name = names.get(second);
  if (name === undefined) names.set(second, (name = `b:${first} ${second}`));
  return name;
}

/** Reads the features of one item. Pure: the same text always gives the same features. */
export function itemFeatures(text: string, lexicon: Lexicon, known?: (feature: string) => boolean, words = lexicon.words(text)): ItemFeatures {
  const content = words.filter((w) => !w.stop && !isNumber(w.key));
  const plain = new Map<string, Span[]>();
  // At run time only features with a weight matter; fitting passes no filter and sees them all.
  const add = (name: string, start: number, end: number) => {
    if (known && !known(name)) return;
    const spans = plain.get(name);
    if (spans) spans.push({ start, end });
    else plain.set(name, [{ start, end }]);
  };

  for (let i = 0; i < content.length; i++) {
    const word = content[i];
    add(wordFeature(word.key), word.start, word.end);
    const next = content[i + 1];
    if (next && next.segment === word.segment) add(pairFeature(word.key, next.key), word.start, next.end);
  }

  // A function word qualifying a generic object decides the owner: "IT budget", "budget for IT".
  for (let i = 0; i < content.length; i++) {
    const domain = DOMAINS.get(content[i].key);
    if (!domain) continue;
    for (let j = Math.max(0, i - QUALIFIER_REACH); j <= Math.min(content.length - 1, i + QUALIFIER_REACH); j++) {
      const object = content[j];
      if (j === i || object.segment !== content[i].segment || !GENERIC_OBJECTS.has(object.key)) continue;
      if (domain === 'product' && NOT_PRODUCT_OBJECTS.has(object.key)) continue;
      add(`q:${domain}`, Math.min(content[i].start, object.start), Math.max(content[i].end, object.end));
      break;
    }
  }

  // Rule 3 of the policy: managing a named function's people goes to that function's owner.
  for (let i = 0; i < content.length; i++) {
    const domain = peopleDomain(content, i);
    if (!domain) continue;
    // Stop words count here: "lead the IT team" is managing it.
    const at = indexOf(words, content[i]);
    for (let j = at - 1; j >= Math.max(0, at - MANAGING_REACH) && words[j].clause === content[i].clause; j--) {
      if (MANAGING_VERBS.has(words[j].key)) {
        add(`m:${domain}`, words[j].start, content[i].end);
        break;
      }
    }
  }

  const customers = customerScope(words);
  if (customers) add('s:customer', customers.start, customers.end);
  for (let i = 0; i < content.length; i++) {
    const word = content[i];
    const next = content[i + 1];
    if (INTERNAL_WORDS.has(word.key) && (word.possessive || (next?.segment === word.segment && next.key === WIDE))) add('s:internal', word.start, word.end);
  }

  const hits = lexicon.findPhrases(text, words);
  const tied = new Map<string, Map<string, number>>();
  const tiedSpans = new Map<string, Span[]>();
  const raise = (feature: string, cls: string, span: Span) => {
    let values = tied.get(feature);
    if (!values) tied.set(feature, (values = new Map()));
    values.set(cls, (values.get(cls) ?? 0) + 1);
    const key = tiedKey(feature, cls);
    const spans = tiedSpans.get(key);
    if (spans) spans.push(span);
    else tiedSpans.set(key, [span]);
  };
  for (const hit of hits) {
    const counted = new Set<string>();
    for (const target of hit.targets) {
      const strength = target.weight >= 3 ? 'strong' : 'weak';
      if (target.kind === 'role') {
        // Whose system: the ERP or the sign-on a customer runs is not the company's own.
        if (customers && (target.roleId === 'cio' || (target.roleId === 'ciso' && target.areaId === 'identity-access'))) continue;
        add(`a:${target.roleId}/${target.areaId}`, hit.start, hit.end);
        if (counted.has(target.roleId)) continue;
        counted.add(target.roleId);
        raise(`kb-${strength}`, target.roleId, hit);
      } else {
        add(`c:${target.areaId}`, hit.start, hit.end);
        if (target.kind === 'shared' && !counted.has(SHARED_CLASS)) {
          counted.add(SHARED_CLASS);
          raise(`kb-${strength}`, SHARED_CLASS, hit);
        }
      }
    }
  }

  // A specific duty with a generic tail ("run penetration tests and report the results to the board") is the specific duty.
  const strong = tied.get('kb-strong');
  if (strong && [...strong.keys()].some((cls) => cls !== SHARED_CLASS)) {
    strong.delete(SHARED_CLASS);
    tied.get('kb-weak')?.delete(SHARED_CLASS);
  }

  const collaborators = lexicon.collaborators(text, words);
  for (const collaborator of collaborators) {
    if (collaborator.roleId) raise('collab', collaborator.roleId, collaborator);
    else add('x:executive', collaborator.start, collaborator.end);
  }

  return { plain, tied, tiedSpans, words, hits, collaborators: collaborators.map(({ roleId, name, team }) => ({ roleId, name, team })) };
}

/** The index of `word` in `words`, searching from where it must be at the latest. */
function indexOf(words: readonly Word[], word: Word): number {
  for (let i = words.length - 1; i >= 0; i--) if (words[i] === word) return i;
  return -1;
}

export function tiedKey(feature: string, cls: string): string {
  return `${feature}\u0000${cls}`;
}

function isNumber(key: string): boolean {
  const code = key.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/** Where an item stands: the kind of its section and the words of its heading. */
export interface ItemContext {
  section: SectionKind;
  heading: string;
}

const NUMBER_WORDS = keySet(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'fifteen', 'twenty', 'several', 'many']);

/** What the kind model reads: the item's words and first word, its section and heading, and "N years". */
export function kindFeatures(words: readonly Word[], context: ItemContext, headingWords: readonly Word[]): string[] {
  const features = new Set<string>([`sec:${context.section}`]);
  if (words.length > 0) features.add(`f:${words[0].key}`);
  if (words.length < 5) features.add('len:short');
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.stop) features.add(wordFeature(word.key));
    if (word.key === 'year' && i > 0 && words.slice(Math.max(0, i - 3), i).some((w) => isNumber(w.key) || NUMBER_WORDS.has(w.key))) features.add('n:years');
  }
  for (const word of headingWords) features.add(`h:${word.key}`);
  return [...features];
}
