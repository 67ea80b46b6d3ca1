/** A word of a sentence after normalization, with where it stood in the original text. */
export interface Word {
  /**
   * The word's key: lower case, British spelling folded, inflection removed ("systems" → "system",
   * "managing" → "manag"), derivations kept ("production" is not "product"). Information
   * technology, whatever its spelling ("IT", "I.T.", "ICT", "information systems"), is `IT_KEY`.
   */
  key: string;
  start: number;
  end: number;
  /** A stop word: it counts for names ("head of IT") but not for evidence. */
  stop: boolean;
  /** The stretch between punctuation the word stands in: a phrase never spans two. */
  segment: number;
  /** The clause: like the segment, but commas do not end it, so a list stays in one ("with sales, design and product"). */
  clause: number;
  /** Written as a possessive: "customers'", "the customer's". */
  possessive: boolean;
}

/** The key of information technology; upper case, so no lower-cased word can be it. */
export const IT_KEY = 'IT';

export interface WordOptions {
  /** Knowledge-base phrases are written in lower case, and there "it" always means IT. */
  phrase?: boolean;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const LOWER = /\p{Ll}/u;

/** British spellings folded to American ones, so "licence" and "license" meet. */
const BRITISH_ENDINGS: Array<[RegExp, string]> = [
  [/isation(s?)$/, 'ization$1'],
  [/is(e|es|ed|ing)$/, 'iz$1'],
  [/yse(s|d)?$/, 'yze$1'],
  [/ogue(s?)$/, 'og$1'],
  [/our(s?)$/, 'or$1'],
  [/^licenc/, 'licens'],
  [/^programme/, 'program'],
  [/^centre/, 'center'],
];

/** One test before the eight: most words have none of these endings. */
const MAYBE_BRITISH = /(?:is(?:ation|e|es|ed|ing)s?|yse[sd]?|ogues?|ours?)$|^(?:licenc|programme|centre)/;

/** Words the suffix rules would get wrong. A Map: a word such as "constructor" must not find an object's own properties. */
const IRREGULAR = new Map<string, string>(Object.entries({
  analyses: 'analysis',
  bases: 'basis',
  criteria: 'criterion',
  people: 'person',
  during: 'during',
  bring: 'bring',
  string: 'string',
  something: 'something',
  anything: 'anything',
  everything: 'everything',
  nothing: 'nothing',
  news: 'news',
  data: 'data',
  media: 'media',
  series: 'series',
  species: 'species',
}));

const VOWEL = /[aeiouy]/;
/** Doubled final consonants that an inflection adds ("planning", "controlled"). */
const DOUBLED = /(bb|dd|gg|ll|mm|nn|pp|rr|tt)$/;

/**
 * Removes inflection only: plurals, third person, -ed and -ing, then a final "e" and a doubled
 * consonant so that "manage", "managed" and "managing" meet. Derivational suffixes stay, so
 * "production", "productivity" and "product" remain three words, as do "manager" and "management".
 */
export function lemmaOf(lower: string): string {
  let word = lower;
  if (word.length > 4 && MAYBE_BRITISH.test(word)) for (const [pattern, replacement] of BRITISH_ENDINGS) word = word.replace(pattern, replacement);
  if (word.length <= 3) return word;
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  if (word.length > 4 && (word.endsWith('ies') || word.endsWith('ied'))) word = `${word.slice(0, -3)}y`;
  else if (word.endsWith('sses')) word = word.slice(0, -2);
  else if (/(?:x|ch|sh|zz)es$/.test(word)) word = word.slice(0, -2);
  else if (word.endsWith('s') && !/(?:ss|us|is|ys|as|os)$/.test(word)) word = word.slice(0, -1);
  else if (word.length >= 6 && word.endsWith('ing') && VOWEL.test(word.slice(0, -3))) word = word.slice(0, -3);
  else if (word.length >= 5 && word.endsWith('ed') && !word.endsWith('eed') && VOWEL.test(word.slice(0, -2))) word = word.slice(0, -2);
  if (word.length > 3 && word.endsWith('e') && !word.endsWith('ee')) word = word.slice(0, -1);
  if (word.length > 3 && DOUBLED.test(word)) word = word.slice(0, -1);
  return word;
}

const lemmaCache = new Map<string, string>();

/** Longer runs of letters are no word a phrase names (hashes, pasted data). */
const MAX_WORD_LENGTH = 40;

/** The key of one lower-case word. Cached: postings reuse a small vocabulary. */
export function keyOf(lower: string): string {
  if (lower.length > MAX_WORD_LENGTH) return lower;
  let cached = lemmaCache.get(lower);
  if (cached === undefined) {
    cached = lemmaOf(lower.replace(/['’]/g, ''));
    if (lemmaCache.size > 50_000) lemmaCache.clear();
    lemmaCache.set(lower, cached);
  }
  return cached;
}

/**
 * The keys of words written out in full, so that a hand-written list matches whatever the key of
 * each word is ("supervise" is "superviz", "people" is "person") and never drifts from it.
 */
export function keySet(words: readonly string[]): Set<string> {
  return new Set(words.map(keyOf));
}

/** Upper-case spellings of information technology. */
const IT_SPELLINGS = new Set(['IT', 'ICT', 'MIS']);
/** "IS" is information systems only before a word such as "team" or "department", or after "of" ("Head of IS"). */
const IS_NOUN = /^\s+(team|department|staff|function|director|manager|strategy|services|unit|division|operations|budget|leadership)\b/i;
const IS_AFTER = /\bof\s+$/i;
/** In text written all in capitals, "IT" before one of these nouns is information technology. */
const IT_NOUNS = new Set(['infrastructur', 'staff', 'system', 'servic', 'support', 'department', 'team', 'operation', 'budget', 'strategy', 'security', 'governanc', 'project', 'equipment', 'asset', 'director', 'manager', 'policy', 'vendor', 'function', 'need', 'leadership', 'unit', 'network', 'help']);
/** Word pairs and triples that mean information technology. */
const IT_PHRASES: string[][] = [
  ['information', 'technology'],
  ['information', 'system'],
  ['information', 'and', 'communication', 'technology'],
  ['information', 'communication', 'technology'],
];

/** Characters that end a clause (a comma ends only a segment). */
function isSegmentBreak(code: number): boolean {
  // ; : ( ) [ ] { } ! ? " | — – • and the typographic quotes
  return (
    code === 59 || code === 58 || code === 40 || code === 41 || code === 91 || code === 93 || code === 123 || code === 125 ||
    code === 33 || code === 63 || code === 34 || code === 124 || code === 0x2014 || code === 0x2013 || code === 0x2022 || code === 0x201c || code === 0x201d
  );
}

/** The length (1 or 2 UTF-16 units) of the letter or digit at `i`, or 0. ASCII is decided without a regular expression. */
function wordCharAt(text: string, i: number, pattern: RegExp = LETTER_OR_DIGIT): number {
  const code = text.charCodeAt(i);
  if (code < 128) {
    const lower = code | 0x20;
    return (lower >= 97 && lower <= 122) || (pattern === LETTER_OR_DIGIT && code >= 48 && code <= 57) ? 1 : 0;
  }
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
    const pair = text.slice(i, i + 2);
    return pattern.test(pair) ? 2 : 0;
  }
  return pattern.test(text[i]) ? 1 : 0;
}

/**
 * Splits text into words in one pass: runs of letters and digits, with a trailing "'s" or "'t"
 * kept on the word. Offsets are UTF-16 offsets into `text`, so evidence can be shown in the
 * writer's own words. Punctuation starts a new segment; a full stop does too unless it closes
 * a one-letter abbreviation ("e.g.", "I.T.").
 */
export function toWords(text: string, stopWords: ReadonlySet<string>, options: WordOptions = {}): Word[] {
  const words: Word[] = [];
  const shouting = !options.phrase && !LOWER.test(text);
  let segment = 0;
  let clause = 0;
  let i = 0;
  while (i < text.length) {
    let size = wordCharAt(text, i);
    if (size === 0) {
      const code = text.charCodeAt(i);
      if (code === 44) segment++;
      else if (isSegmentBreak(code)) {
        segment++;
        clause++;
      } else if (code === 46 && words.length > 0) {
        const last = words[words.length - 1];
        const next = text.charCodeAt(i + 1);
        // A full stop before a space ends a sentence; "e.g." and "I.T." do not.
        if (last.end === i && last.end - last.start > 1 && (Number.isNaN(next) || next === 32 || next === 10 || next === 13 || next === 9)) {
          segment++;
          clause++;
        }
      }
      i++;
      continue;
    }
    const start = i;
    while (size > 0) {
      i += size;
      size = i < text.length ? wordCharAt(text, i) : 0;
    }
    const letterEnd = i;
    let possessive = false;
    const quote = text.charCodeAt(i);
    if ((quote === 39 || quote === 0x2019) && i + 1 < text.length && wordCharAt(text, i + 1, LETTER) > 0) {
      i++;
      // By the letter's size, so that a letter outside the BMP (a surrogate pair) is never cut in half.
      for (let letter = wordCharAt(text, i, LETTER); letter > 0; letter = i < text.length ? wordCharAt(text, i, LETTER) : 0) i += letter;
      possessive = i - letterEnd === 2 && (text.charCodeAt(letterEnd + 1) | 0x20) === 115;
    } else if ((quote === 39 || quote === 0x2019) && (text.charCodeAt(i - 1) | 0x20) === 115) {
      // "customers'", a plural possessive: the quote stays outside the word.
      possessive = true;
    }
    const raw = text.slice(start, possessive ? letterEnd : i);
    const lower = raw.toLowerCase();
    let key: string;
    if ((IT_SPELLINGS.has(raw) || (raw === 'IS' && (IS_NOUN.test(text.slice(i, i + 20)) || IS_AFTER.test(text.slice(Math.max(0, start - 4), start))))) && !shouting) key = IT_KEY;
    else if (options.phrase && lower === 'it') key = IT_KEY;
    else key = keyOf(lower);
    const stop = key !== IT_KEY && stopWords.has(lower);
    words.push({ key, start, end: i, stop, segment, clause, possessive });
  }
  if (shouting) markShoutedIT(words);
  return mergeITPhrases(text, words);
}

/** In text written all in capitals, "IT" is information technology when a noun it qualifies follows. */
function markShoutedIT(words: Word[]): void {
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i].key === 'it' && words[i + 1].segment === words[i].segment && IT_NOUNS.has(words[i + 1].key)) {
      words[i] = { ...words[i], key: IT_KEY, stop: false };
    }
  }
}

/** "I.T.", "information technology", "information systems" become one IT word. */
function mergeITPhrases(text: string, words: Word[]): Word[] {
  let merged: Word[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    let span = 0;
    if ((word.key === 'i' && words[i + 1]?.key === 't' && text.charAt(word.end) === '.' && words[i + 1].start === word.end + 1)) span = 2;
    else if (word.key === 'information') {
      // Only words next to each other: "Information & Technology" names two things.
      const adjacent = (k: number) => k === 0 || /^[\s-]+$/.test(text.slice(words[i + k - 1].end, words[i + k].start));
      for (const phrase of IT_PHRASES) {
        if (phrase.every((key, k) => words[i + k]?.key === key && adjacent(k))) span = Math.max(span, phrase.length);
      }
    }
    if (span === 0) {
      merged?.push(word);
      continue;
    }
    merged ??= words.slice(0, i);
    const last = words[i + span - 1];
    merged.push({ key: IT_KEY, start: word.start, end: last.end, stop: false, segment: word.segment, clause: word.clause, possessive: last.possessive });
    i += span - 1;
  }
  return merged ?? words;
}
