import MarkdownIt from 'markdown-it';
import { parseDocument, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { sectionKindOf } from './sections';
import { parseDirectives, type Directive } from './suppression';
import type { FrontMatter, PostingItem, Range, Section } from './types';

// html: true so that HTML comments become html_block tokens instead of text that may hold list items.
// Only the block structure is read, so inline parsing is off: it is also quadratic on some input ("x <!--" thousands of times).
const markdown = new MarkdownIt({ html: true }).disable('inline');

/** The text split into lines the way LSP counts them (\r\n, \r and \n all end a line). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** A value from the front matter with where it stands in the posting. */
export interface FrontMatterValue {
  value: unknown;
  range: Range;
}

export interface FrontMatterProblem {
  message: string;
  range: Range;
}

export interface ParsedPosting {
  lines: string[];
  frontMatter?: FrontMatter;
  /** The role or roles key of the front matter. */
  roleValue?: FrontMatterValue;
  frontMatterProblems: FrontMatterProblem[];
  /** The first level-one heading. */
  title?: TitleLine;
  /**
   * Lines before the first list that may carry the title when the level-one heading names no post:
   * a line labelled as the title ("Job title: …", "**Position:** …"), a heading before any paragraph,
   * or an opening line in bold.
   */
  otherTitles: TitleLine[];
  sections: Section[];
  items: PostingItem[];
  directives: Directive[];
}

export interface TitleLine {
  text: string;
  line: number;
  /** The title's own text, without a heading's marks, a label or emphasis. */
  range: Range;
}

/** "Job title: …", "**Position:** …", "Role – …", "Poste : …": a label, then the title. */
const TITLE_LABEL = /^[ \t]*(?:[*_]{1,2}[ \t]*)?(?:job[ \t]+title|position[ \t]+title|title|position|role|vacancy|job|poste|puesto|cargo|stelle|ruolo|functie)[ \t]*(?:[*_]{1,2}[ \t]*)?[:：–—][ \t]*(?:[*_]{1,2}[ \t]*)?/i;
/** A line that is bold from end to end: "**Chief Technology Officer**". */
const BOLD_LINE = /^[ \t]*(\*\*|__)(?=\S)(.*\S)\1[ \t]*$/;
/** A line about another post ("Reporting to the CTO", "Working with the VP of Product") names the posting's manager or partner, not its title. */
const ANOTHER_POST = /\b(?:reports?|reporting)\s+(?:in)?to\b|\b(?:works?|working|partners?|partnering)\s+(?:closely\s+)?with\b|\b(?:hiring|line)\s+manager\b|\babout\b/i;
/** A line that starts with a word and ends without a sentence's punctuation. */
const PLAIN_TITLE = /^[ \t]*[\p{L}\p{N}].*[^.!?;:,\s][ \t]*$/u;
/** "Acme is looking for a Head of Product to …": the title a pasted posting gives only in its first sentence, in capitals. */
const HIRING = /\b(?:looking for|hiring|seeking|recruiting|searching for)\s+(?:an?|our|its|their)\s+(?:(?:first|new|next|experienced|seasoned|permanent|interim|fractional)\s+)*(\p{Lu}[^.,;:()\[\]–—]{0,80}?)(?=\s+(?:to|who|that|with|for|in|at|based|on|and)\b|\s*[.,;:()\[\]–—]|\s*$)/u;
/** A pasted posting may open with the company's name and give the title on the next line. */
const PLAIN_TITLE_LINES = 2;
/** More words than this, a plain line is a sentence, not a title. */
const MAX_PLAIN_TITLE_WORDS = 8;
/** Longer than this, a line is a sentence, not a title. */
const MAX_TITLE_LENGTH = 100;
/** A title stands near the top: a posting of labelled lines only ("Title: …" ten thousand times) offers the first few. */
const MAX_OTHER_TITLES = 5;

/** A line in bold or italics from end to end, a colon allowed after or inside it: "**Requirements:**", "_What you will do_". */
const EMPHASIS_LINE = /^[ \t]*(\*\*|__|\*|_)(?=\S)(.*?\S)\1[ \t]*:?[ \t]*$/;
/** A short line that ends with a colon, right above a list: "Responsibilities include:". */
const COLON_LINE = /^[ \t]*(\S.*?)[ \t]*:[ \t]*$/;
/** Bullet characters that a word processor or a web page leaves in pasted text, which Markdown does not read as list markers. */
export const PASTED_BULLET_MARKS = '•●○◦▪■□‣⁃∙·–➢➤►▸✓✔\uF0B7';
const PASTED_BULLET = new RegExp(String.raw`^([ \t]*)[${PASTED_BULLET_MARKS}][ \t]+(?=\S)`);
/** Word's bullet of the second level, pasted as a letter: "o Run the help desk" under a bullet. */
const PASTED_SUB_BULLET = /^([ \t]*)o[ \t]+(?=\S)/;
/** More words than this, a line ending with a colon is a sentence that introduces its list, not a heading. */
const MAX_LEAD_IN_WORDS = 12;

const MARKER_PREFIX = /^(?:[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))+/;
const TASK_BOX = /^\[[ xX]\][ \t]+/;
const ATX_PREFIX = /^[ \t]*#{1,6}[ \t]*/;

/** Reads a posting's structure: front matter, title, sections and list items with exact ranges. */
export function parsePosting(text: string): ParsedPosting {
  const lines = splitLines(text);
  const frontMatterProblems: FrontMatterProblem[] = [];
  const { frontMatter, roleValue, body } = readFrontMatter(text, lines, frontMatterProblems);

  const tokens = markdown.parse(body, {});
  const sections: Section[] = [];
  const items: PostingItem[] = [];
  let title: ParsedPosting['title'];
  const otherTitles: TitleLine[] = [];
  let seenParagraph = false;
  let section: Section = { kind: 'other', heading: '', line: -1, endLine: lines.length - 1, level: 0 };
  sections.push(section);
  /** The section of the last heading: a lead-in line opens a section under it, not under another lead-in. */
  let headingSection = section;
  let listDepth = 0;
  let quoteDepth = 0;
  /** Opens the section a lead-in line heads, if it heads one. */
  const openLeadIn = (line: number, headsList: boolean): boolean => {
    const leadIn = leadInSection(lines, line, headsList, headingSection, section);
    if (!leadIn) return false;
    section.endLine = leadIn.line - 1;
    section = leadIn;
    sections.push(section);
    return true;
  };
  const paragraphs: Array<{ map: [number, number]; section: Section }> = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    switch (token.type) {
      case 'blockquote_open':
        quoteDepth++;
        break;
      case 'blockquote_close':
        quoteDepth--;
        break;
      case 'paragraph_open': {
        const map = listDepth === 0 && quoteDepth === 0 ? (token.map as [number, number] | undefined) : undefined;
        const pasted = map ? pastedBullets(lines, map) : [];
        if (pasted.length > 0) {
          // Pasted text often has no blank line at all: the title, the lead-ins and the bullets share one paragraph.
          if (items.length === 0 && otherTitles.length < MAX_OTHER_TITLES) otherTitles.push(...titleLines(lines, [map![0], pasted[0].leadIn ?? pasted[0].line], !seenParagraph, MAX_OTHER_TITLES - otherTitles.length));
          for (const bullet of pasted) {
            if (bullet.leadIn !== undefined) openLeadIn(bullet.leadIn, true);
            items.push(pastedBulletItem(lines, bullet, section));
          }
          seenParagraph = true;
          break;
        }
        // A paragraph of one line above a list may head it.
        if (map && map[1] - map[0] === 1 && openLeadIn(map[0], isListOpen(tokens[i + 3]?.type))) break;
        if (map && section.kind === 'responsibilities') paragraphs.push({ map, section });
        if (map && items.length === 0 && otherTitles.length < MAX_OTHER_TITLES) otherTitles.push(...titleLines(lines, map, !seenParagraph, MAX_OTHER_TITLES - otherTitles.length));
        seenParagraph = true;
        break;
      }
      case 'heading_open': {
        const line = token.map![0];
        const headingText = tokens[i + 1]?.content ?? '';
        const level = Number(token.tag.slice(1));
        if (!title && level === 1) {
          title = { text: headingText, line, range: headingRange(lines[line], line) };
          break;
        }
        if (!seenParagraph && items.length === 0 && otherTitles.length < MAX_OTHER_TITLES && !ANOTHER_POST.test(headingText)) otherTitles.push({ text: headingText, line, range: headingRange(lines[line], line) });
        section.endLine = line - 1;
        section = { kind: sectionKindOf(headingText), heading: headingText, line, endLine: lines.length - 1, level };
        sections.push(section);
        headingSection = section;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        break;
      case 'list_item_open': {
        const paragraph = tokens[i + 1];
        const inline = tokens[i + 2];
        if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline' || !paragraph.map) break;
        const item = readItem(lines, token.map!, paragraph.map, inline.content, listDepth, section);
        if (item) items.push(item);
        break;
      }
    }
  }
  items.push(...proseItems(lines, paragraphs, sections, items));
  items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { lines, frontMatter, roleValue, frontMatterProblems, title, otherTitles, sections, items, directives: parseDirectives(tokens, lines) };
}

/**
 * A line that heads what follows as a heading would, and says what it holds: a line in bold or
 * italics ("**What we offer**"), or a short line ending with a colon right above a list
 * ("Requirements:"). Job boards write sections so. A lead-in that names no kind of section ("**Strategy**")
 * groups items of the section it stands in, and changes nothing, except that a line ending with a colon
 * ends the section of a lead-in before it.
 */
function leadInSection(lines: string[], line: number, headsList: boolean, under: Section, current: Section): Section | undefined {
  const leadIn = leadInText(lines[line], headsList);
  if (!leadIn) return undefined;
  const kind = sectionKindOf(leadIn.text);
  const level = under.level + 1;
  if (kind !== 'other') return { kind, heading: leadIn.text, line, endLine: lines.length - 1, level, leadIn: true };
  // "We want someone who:" after "Responsibilities include:" starts another list: back to what the heading holds.
  if (leadIn.colon && current.leadIn) return { ...under, line, endLine: lines.length - 1, level, leadIn: true };
  return undefined;
}

/** The words of a line that may head what follows: "**What we offer**", or above a list "Requirements:". */
function leadInText(lineText: string, headsList: boolean): { text: string; colon: boolean } | undefined {
  const emphasis = EMPHASIS_LINE.exec(lineText);
  if (emphasis) return { text: emphasis[2].replace(/[ \t]*:$/, ''), colon: false };
  const colon = headsList ? COLON_LINE.exec(lineText) : null;
  if (!colon || colon[1].split(/\s+/).length > MAX_LEAD_IN_WORDS) return undefined;
  return { text: colon[1], colon: true };
}

function isListOpen(type: string | undefined): boolean {
  return type === 'bullet_list_open' || type === 'ordered_list_open';
}

interface PastedBullet {
  line: number;
  /** The last line of its text. */
  lastLine: number;
  /** The last line of the bullet with the bullets under it. */
  endLine: number;
  depth: number;
  /** The line just above the bullet that heads it ("Requirements:"), if any. */
  leadIn?: number;
}

/**
 * Bullets pasted from a word processor or a web page ("• Own the ERP rollout"), which Markdown reads
 * as one paragraph. Each runs to the next one; a line between them continues it, unless it heads what
 * follows ("Requirements:", "**What we offer**").
 */
function pastedBullets(lines: string[], [start, end]: [number, number]): PastedBullet[] {
  const bullets: PastedBullet[] = [];
  let leadIn: number | undefined;
  let parent: PastedBullet | undefined;
  for (let line = start; line < end; line++) {
    // markdown-it keeps a line of Unicode spaces (U+3000) in the paragraph: it continues nothing.
    if (lines[line].trim() === '') continue;
    if (PASTED_BULLET.test(lines[line])) {
      parent = { line, lastLine: line, endLine: line, depth: 1, leadIn };
      bullets.push(parent);
      leadIn = undefined;
    } else if (parent && leadIn === undefined && PASTED_SUB_BULLET.test(lines[line])) {
      bullets.push({ line, lastLine: line, endLine: line, depth: 2 });
      parent.endLine = line;
    } else if (leadInText(lines[line], true)) {
      leadIn = line;
      parent = undefined;
    } else if (bullets.length > 0 && leadIn === undefined) {
      const last = bullets[bullets.length - 1];
      last.lastLine = last.endLine = line;
      if (parent) parent.endLine = line;
    } else {
      // Text before the first bullet, or after a lead-in: not part of any bullet.
      leadIn = undefined;
    }
  }
  return bullets;
}

function pastedBulletItem(lines: string[], { line, lastLine, endLine, depth }: PastedBullet, section: Section): PostingItem {
  const marker = (depth === 1 ? PASTED_BULLET : PASTED_SUB_BULLET).exec(lines[line])!;
  const startCharacter = marker[0].length;
  const text = [lines[line].slice(startCharacter), ...lines.slice(line + 1, lastLine + 1)].map((part) => part.trim()).join(' ');
  const range = { start: { line, character: startCharacter }, end: { line: lastLine, character: lines[lastLine].trimEnd().length } };
  return { text, range, line, endLine, markerColumn: marker[1].length, depth, section };
}

/**
 * The lines of a paragraph before the first list that read as a title: labelled ones, the first
 * paragraph's first line when it is in bold, and, as in a posting pasted from a job board, one of its
 * first two lines that is short and not a sentence ("Chief Technology Officer", "Head of IT – Berlin"),
 * or the post its first sentence is hiring for ("We are looking for a Chief Technology Officer to …").
 */
function titleLines(lines: string[], [start, end]: [number, number], first: boolean, most: number): TitleLine[] {
  const found: TitleLine[] = [];
  for (let line = start; line < end && found.length < most; line++) {
    const lineText = lines[line];
    const short = lineText.length <= MAX_TITLE_LENGTH;
    const label = short ? TITLE_LABEL.exec(lineText) : null;
    const bold = short && first && line === start ? BOLD_LINE.exec(lineText) : null;
    let from: number;
    let to: number;
    if (label) {
      from = label[0].length;
      to = lineText.replace(/[ \t]*(?:[*_]{1,2})?[ \t]*$/, '').length;
    } else if (bold) {
      from = lineText.indexOf(bold[2]);
      to = from + bold[2].length;
    } else if (short && first && line < start + PLAIN_TITLE_LINES && PLAIN_TITLE.test(lineText) && lineText.trim().split(/\s+/).length <= MAX_PLAIN_TITLE_WORDS) {
      from = lineText.length - lineText.trimStart().length;
      to = lineText.trimEnd().length;
    } else {
      const hiring = first && line === start ? HIRING.exec(lineText) : null;
      if (!hiring) continue;
      to = hiring.index + hiring[0].length;
      from = to - hiring[1].length;
    }
    if (to <= from || ANOTHER_POST.test(lineText)) continue;
    found.push({ text: lineText.slice(from, to), line, range: { start: { line, character: from }, end: { line, character: to } } });
  }
  return found;
}

/**
 * Duties written as prose: each sentence of a paragraph under a responsibilities heading is an
 * item, when that heading and the headings below it hold no list (a list says where the duties
 * are, and the paragraph before it is an introduction).
 */
function proseItems(lines: string[], paragraphs: Array<{ map: [number, number]; section: Section }>, sections: Section[], listItems: PostingItem[]): PostingItem[] {
  const items: PostingItem[] = [];
  const listed = new Map<Section, boolean>();
  const itemLines = listItems.map((item) => item.line);
  for (const { map, section } of paragraphs) {
    let hasList = listed.get(section);
    if (hasList === undefined) {
      const subtreeEnd = sections.find((s) => s.line > section.line && s.level <= section.level)?.line ?? lines.length;
      // List items come in line order: the first one after the heading tells.
      const first = firstAtOrAfter(itemLines, section.line + 1);
      hasList = first < itemLines.length && itemLines[first] < subtreeEnd;
      listed.set(section, hasList);
    }
    if (hasList) continue;
    for (const sentence of sentencesOf(lines, map[0], map[1])) {
      items.push({ ...sentence, line: sentence.range.start.line, endLine: sentence.range.end.line, markerColumn: sentence.range.start.character, depth: 0, section, prose: true });
    }
  }
  return items;
}

/** The index of the first value at or after `target` in a sorted array (its length when there is none). */
function firstAtOrAfter(sorted: number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Abbreviations whose full stop does not end a sentence. */
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'mr', 'mrs', 'ms', 'dr', 'no', 'nos', 'st', 'dept', 'inc', 'ltd', 'co', 'vs', 'approx', 'incl', 'sec', 'art', 'para', 'cf', 'jr', 'sr']);
const SENTENCE_END = /[.!?]+["')\]]*(?=\s+["'(\[]?[\p{Lu}\p{N}])/gu;

/** The sentences of lines [start, end), with exact ranges; line breaks inside a sentence become spaces in its text. */
function sentencesOf(lines: string[], start: number, end: number): Array<{ text: string; range: Range }> {
  // A comment (a rolefit-disable-line after a sentence) is no part of any sentence: blanked, offsets kept.
  const text = lines.slice(start, end).join('\n').replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const positionOf = positionsOf(lines.slice(start, end), start);
  const sentences: Array<{ text: string; range: Range }> = [];
  let from = 0;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (/[\p{L}\p{N}]/u.test(body)) {
      const begin = from + lead;
      sentences.push({ text: body.replace(/\s*\n\s*/g, ' '), range: { start: positionOf(begin), end: positionOf(begin + body.length) } });
    }
  };
  for (const match of text.matchAll(SENTENCE_END)) {
    const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, match.index - 12), match.index))?.[1].toLowerCase() ?? '';
    if (match[0].startsWith('.') && (ABBREVIATIONS.has(before) || /^\p{L}$/u.test(before) || /\.\p{L}$/u.test(before))) continue;
    const to = match.index + match[0].length;
    push(to);
    from = to;
  }
  push(text.length);
  return sentences;
}

function readItem(
  lines: string[],
  itemMap: [number, number],
  paragraphMap: [number, number],
  content: string,
  depth: number,
  section: Section,
): PostingItem | undefined {
  const [line] = itemMap;
  let endLine = Math.max(line, itemMap[1] - 1);
  while (endLine > line && lines[endLine].trim() === '') endLine--;

  const firstLine = lines[paragraphMap[0]];
  let startCharacter = 0;
  if (paragraphMap[0] === line) {
    startCharacter = MARKER_PREFIX.exec(firstLine)?.[0].length ?? 0;
  } else {
    startCharacter = firstLine.length - firstLine.trimStart().length;
  }
  const taskBox = TASK_BOX.exec(firstLine.slice(startCharacter));
  if (taskBox) startCharacter += taskBox[0].length;

  let lastLine = Math.max(paragraphMap[0], paragraphMap[1] - 1);
  // markdown-it keeps a line of Unicode spaces (U+3000) in the paragraph; the range ends on the last line with text.
  while (lastLine > paragraphMap[0] && lines[lastLine].trim() === '') lastLine--;
  const endCharacter = lines[lastLine].trimEnd().length;
  if (lastLine === paragraphMap[0] && endCharacter <= startCharacter) return undefined;

  const markerColumn = lines[line].length - lines[line].replace(/^[ \t>]*/, '').length;
  return {
    text: (content.includes('\n') ? content.replace(/\s*\n\s*/g, ' ') : content).replace(TASK_BOX, '').trim(),
    range: { start: { line: paragraphMap[0], character: startCharacter }, end: { line: lastLine, character: endCharacter } },
    line,
    endLine,
    markerColumn,
    depth,
    section,
  };
}

function headingRange(lineText: string, line: number): Range {
  const start = ATX_PREFIX.exec(lineText)?.[0].length ?? 0;
  const end = lineText.replace(/[ \t]+#+[ \t]*$/, '').trimEnd().length;
  return { start: { line, character: start }, end: { line, character: Math.max(start, end) } };
}

const FENCE = /^---[ \t]*$/;
const FENCE_END = /^(?:---|\.\.\.)[ \t]*$/;

// markdown-it reads line endings as LSP does (\r\n, \r, \n), so the posting's own text keeps its line numbers.
function readFrontMatter(text: string, lines: string[], problems: FrontMatterProblem[]) {
  if (!FENCE.test(lines[0] ?? '')) return { body: text };
  let endLine = -1;
  for (let line = 1; line < lines.length; line++) {
    if (FENCE_END.test(lines[line])) {
      endLine = line;
      break;
    }
  }
  if (endLine < 0) {
    problems.push({
      message: 'Front matter is not closed: add a line with "---" after it.',
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: lines[0].length } },
    });
    return { body: text };
  }

  const yamlLines = lines.slice(1, endLine);
  // Blank lines keep markdown-it's line numbers equal to the posting's.
  const body = '\n'.repeat(endLine + 1) + text.slice(offsetOfLine(text, endLine + 1));
  const frontMatter: FrontMatter = { startLine: 0, endLine };
  const document = parseDocument(yamlLines.join('\n'), { prettyErrors: false, uniqueKeys: false });
  const offsetToPosition = positionsOf(yamlLines, 1);

  for (const error of document.errors) {
    problems.push({
      message: `Front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      range: { start: offsetToPosition(error.pos[0]), end: offsetToPosition(Math.max(error.pos[0], error.pos[1])) },
    });
  }
  if (document.errors.length > 0) return { body, frontMatter };
  if (!isMap(document.contents)) {
    if (document.contents !== null) {
      problems.push({
        message: 'Front matter should be a YAML mapping, like "role: cto".',
        range: { start: { line: 1, character: 0 }, end: { line: endLine - 1, character: lines[endLine - 1]?.length ?? 0 } },
      });
    }
    return { body, frontMatter };
  }

  let roleValue: FrontMatterValue | undefined;
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== 'role' && key !== 'roles') continue;
    const node = pair.value as YamlNode | null;
    const keyRange = (pair.key as YamlNode).range!;
    frontMatter.roleLine = offsetToPosition(keyRange[0]).line;
    const range = node?.range ?? keyRange;
    roleValue = {
      value: isSeq(node) || isScalar(node) ? node.toJSON() : node === null ? null : (node as YamlNode).toJSON(),
      range: { start: offsetToPosition(range[0]), end: offsetToPosition(range[1]) },
    };
  }
  return { body, frontMatter, roleValue };
}

/** The offset where `line` starts (or the text's length when it has fewer lines). */
function offsetOfLine(text: string, line: number): number {
  const breaks = /\r\n|\r|\n/g;
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const found = breaks.exec(text);
    if (!found) return text.length;
    offset = found.index + found[0].length;
  }
  return offset;
}

/** Maps offsets in `lines.join('\n')` to positions, the first line being `firstLine`. */
function positionsOf(lines: string[], firstLine: number) {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return (target: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= target) low = mid;
      else high = mid - 1;
    }
    const line = lines[low] ?? '';
    const character = Math.min(Math.max(0, target - (starts[low] ?? 0)), line.length);
    // The YAML parser may point between the halves of a surrogate pair ("!𐀀!str"): move past the pair.
    const splitsPair = /[\ud800-\udbff]/.test(line.charAt(character - 1)) && /[\udc00-\udfff]/.test(line.charAt(character));
    return { line: firstLine + low, character: splitsPair ? character + 1 : character };
  };
}
