import stem from 'wink-porter2-stemmer';

/** A word of a sentence after normalization, with where it stood in the original text. */
export interface Word {
  stem: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

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

/** The stem of one lower-case word, British spelling folded first. Cached: postings reuse a small vocabulary. */
export function stemWord(word: string): string {
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

/**
 * Splits text into stemmed words, dropping stop words. Offsets are UTF-16 offsets into `text`,
 * so evidence can be shown in the user's own words.
 */
export function toWords(text: string, stopWords: ReadonlySet<string>): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const lower = match[0].toLowerCase();
    if (stopWords.has(lower)) continue;
    const stemmed = stemWord(lower);
    // Inflections of stop words ("managing") are stop words too; short stems are not, or "its" would drop "IT".
    if (lower.length > 4 && stopWords.has(stemmed)) continue;
    const start = match.index!;
    words.push({ stem: stemmed, start, end: start + match[0].length });
  }
  return words;
}
