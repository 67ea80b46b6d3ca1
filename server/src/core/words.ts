import stem from 'wink-porter2-stemmer';

/** A word of a sentence after normalization, with where it stood in the original text. */
export interface Word {
  stem: string;
  start: number;
  end: number;
  /** A stop word: it counts for names ("head of IT") but not for evidence. */
  stop: boolean;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

/** British spellings folded to American ones before stemming, so "licence" and "license" meet. */
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

const stemCache = new Map<string, string>();

/** Longer runs of letters are no word a phrase names (hashes, pasted data); Porter2 takes quadratic time on them. */
const MAX_STEMMED_LENGTH = 40;

/** The stem of one lower-case word, British spelling folded first. Cached: postings reuse a small vocabulary. */
export function stemWord(word: string): string {
  if (word.length > MAX_STEMMED_LENGTH) return word;
  let cached = stemCache.get(word);
  if (cached === undefined) {
    let folded = word.replace(/['’]s$/, '').replace(/['’]/g, '');
    if (folded.length > 4) {
      for (const [pattern, replacement] of BRITISH_ENDINGS) folded = folded.replace(pattern, replacement);
    }
    // Short words stay as they are: Porter2 would fold "its" into "it" (as in IT).
    cached = folded.length > 3 ? stem(folded) : folded;
    if (stemCache.size > 50_000) stemCache.clear();
    stemCache.set(word, cached);
  }
  return cached;
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
 * Splits text into stemmed words in one pass: runs of letters and digits, with a trailing "'s" or
 * "'t" kept on the word. Offsets are UTF-16 offsets into `text`, so evidence can be shown in the
 * user's own words.
 */
export function toWords(text: string, stopWords: ReadonlySet<string>): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    let size = wordCharAt(text, i);
    if (size === 0) {
      i++;
      continue;
    }
    const start = i;
    while (size > 0) {
      i += size;
      size = i < text.length ? wordCharAt(text, i) : 0;
    }
    const quote = text.charCodeAt(i);
    if ((quote === 39 || quote === 0x2019) && i + 1 < text.length && wordCharAt(text, i + 1, LETTER) > 0) {
      i++;
      // By the letter's size, so that a letter outside the BMP (a surrogate pair) is never cut in half.
      for (let letter = wordCharAt(text, i, LETTER); letter > 0; letter = i < text.length ? wordCharAt(text, i, LETTER) : 0) i += letter;
    }
    const lower = text.slice(start, i).toLowerCase();
    let stop = stopWords.has(lower);
    const stemmed = stemWord(lower);
    // Inflections of stop words ("managing") are stop words too; short stems are not, or "its" would drop "IT".
    if (!stop && lower.length > 4 && stopWords.has(stemmed)) stop = true;
    words.push({ stem: stemmed, start, end: i, stop });
  }
  return words;
}
