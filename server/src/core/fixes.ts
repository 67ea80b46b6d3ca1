import type { TextEdit } from 'vscode-languageserver-types';
import { lowerFirstWord, partnershipPrefix, splitLabel } from './partnership';
import type { Lexicon } from './lexicon';
import { parsePosting, type ParsedPosting } from './posting';
import type { FixData, ForeignDutyFix, Range, RetitleFix, RuleId } from './types';

/** A fix as the editor offers it: a title and the edits to one document. */
export interface Fix {
  title: string;
  isPreferred?: boolean;
  edits: TextEdit[];
}

/** What a fix needs from a finding; a diagnostic carries exactly this in its data. */
export interface FixableFinding {
  ruleId: RuleId;
  range: Range;
  fix?: FixData;
}

/**
 * Every fix for one finding, computed from the finding's data and the document's current text.
 * Pure, so the editor, the CLI and the tests all get the same edits.
 */
export function fixesFor(text: string, finding: FixableFinding, lexicon: Lexicon, postingRoles: string[]): Fix[] {
  const data = finding.fix;
  if (!data) return [];
  const doc = new DocumentText(text);
  const name = (id: string) => lexicon.role(id)?.abbreviation ?? id.toUpperCase();
  switch (data.kind) {
    case 'foreign-duty':
      return foreignDutyFixes(doc, finding, data, postingRoles, name);
    case 'set-role':
      return data.roles.map((role, index) => ({
        title: `Set the posting's role to ${name(role)} (${lexicon.role(role)?.name ?? role})`,
        isPreferred: index === 0 && data.roles.length === 1,
        edits: setRolesEdits(doc, [role]),
      }));
    case 'retitle':
      return [retitleFix(doc, data)];
  }
}

/**
 * The fixes that keep what the writer meant, for every foreign duty at once: each item becomes a
 * partnership with its owner, in the writer's own words. This is what "fix all", fix on save and
 * `rolefit check --fix` apply; replacing or removing an item is a choice made one item at a time.
 */
export function fixAllEdits(text: string, findings: FixableFinding[]): TextEdit[] {
  const doc = new DocumentText(text);
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (finding.fix?.kind === 'foreign-duty') edits.push(partnershipEdit(doc, finding.range, finding.fix.ownerAbbreviation));
  }
  return edits;
}

function foreignDutyFixes(doc: DocumentText, finding: FixableFinding, data: ForeignDutyFix, postingRoles: string[], name: (id: string) => string): Fix[] {
  const fixes: Fix[] = [{ title: `Make it a partnership with the ${data.ownerAbbreviation}: "${data.partnership}"`, isPreferred: true, edits: [partnershipEdit(doc, finding.range, data.ownerAbbreviation)] }];
  if (data.replacement) {
    const replacementRole = data.replacementArea?.split('/')[0];
    fixes.push({ title: `Replace with the ${replacementRole ? name(replacementRole) : 'posting role'}'s duty: "${data.replacement}"`, edits: [{ range: finding.range, newText: data.replacement }] });
  }
  fixes.push({ title: 'Remove this item', edits: [data.prose ? doc.deleteSentence(finding.range) : doc.deleteLines(data.itemLine, data.itemEndLine)] });
  const hybrid = [...new Set([...postingRoles, data.owner])];
  fixes.push({ title: `Declare a hybrid role: roles: [${hybrid.join(', ')}]`, edits: setRolesEdits(doc, hybrid) });
  fixes.push({
    title: data.prose ? 'Ignore this line (rolefit-disable-line)' : 'Ignore this item (rolefit-disable-next-line)',
    edits: [
      data.prose
        ? // Inside a paragraph a comment line would split it: the comment goes after the sentence.
          { range: { start: finding.range.end, end: finding.range.end }, newText: ` ${SUPPRESS_LINE}` }
        : // The item line's own indentation and quote markers, so that the comment stays in the item's block ("> > " in a quote).
          doc.insertLine(data.itemLine, `${(doc.posting().lines[data.itemLine] ?? '').slice(0, data.markerColumn)}${SUPPRESS_NEXT_LINE}`),
    ],
  });
  return fixes;
}

const SUPPRESS_NEXT_LINE = '<!-- rolefit-disable-next-line role.foreign-duty -->';
const SUPPRESS_LINE = '<!-- rolefit-disable-line role.foreign-duty -->';

/** Puts "In partnership with the CIO, " before the item's words (after a bold label), lowering its first word. */
function partnershipEdit(doc: DocumentText, range: Range, ownerAbbreviation: string): TextEdit {
  const itemText = doc.textOf(range);
  const { label, rest } = splitLabel(itemText);
  const start = doc.positionAfter(range.start, label.length);
  const lowered = lowerFirstWord(rest);
  const changed = lowered.charAt(0) !== rest.charAt(0);
  const end = changed ? doc.positionAfter(start, 1) : start;
  return { range: { start, end }, newText: `${partnershipPrefix(ownerAbbreviation)}${changed ? lowered.charAt(0) : ''}` };
}

/** Writes `roles: [...]` into the front matter, replacing role/roles, or adds front matter. */
function setRolesEdits(doc: DocumentText, roles: string[]): TextEdit[] {
  const posting = doc.posting();
  const line = roles.length === 1 ? `role: ${roles[0]}` : `roles: [${roles.join(', ')}]`;
  if (posting.frontMatter && posting.frontMatter.roleLine !== undefined && posting.roleValue) {
    const first = posting.frontMatter.roleLine;
    const last = Math.max(first, valueEndLine(posting));
    return [{ range: { start: { line: first, character: 0 }, end: { line: last, character: posting.lines[last].length } }, newText: line }];
  }
  if (posting.frontMatter) return [doc.insertLine(1, line)];
  return [doc.insertLine(0, ['---', line, '---'])];
}

function valueEndLine(posting: ParsedPosting): number {
  const range = posting.roleValue!.range;
  // A block value ends at the start of the next line; the line before it is the last one.
  return range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
}

function retitleFix(doc: DocumentText, data: RetitleFix): Fix {
  const posting = doc.posting();
  const edits: TextEdit[] = [];
  const title = [posting.title, ...posting.otherTitles].find((t) => t?.line === data.titleLine) ?? posting.title;
  if (title) edits.push({ range: title.range, newText: data.title });
  if (posting.roleValue) edits.push(...setRolesEdits(doc, [data.role]));
  if (edits.length === 0) edits.push(doc.insertLine(posting.frontMatter ? posting.frontMatter.endLine + 1 : 0, [`# ${data.title}`, '']));
  return { title: `Retitle as ${data.title}${posting.roleValue ? ` and set role: ${data.role}` : ''}`, isPreferred: true, edits };
}

/** The document's lines and line ending, for edits that keep CRLF files CRLF. */
class DocumentText {
  private parsed?: ParsedPosting;
  readonly eol: string;

  constructor(readonly text: string) {
    const firstBreak = /\r\n|\r|\n/.exec(text);
    // Where lone \r and lone \n both occur, an inserted \r or \n could pair up with one into a single \r\n; \r\n never does.
    this.eol = /\r(?!\n)/.test(text) && /(?<!\r)\n/.test(text) ? '\r\n' : firstBreak ? firstBreak[0] : '\n';
  }

  posting(): ParsedPosting {
    this.parsed ??= parsePosting(this.text);
    return this.parsed;
  }

  /** The text between two positions on this document's lines. */
  textOf(range: Range): string {
    const lines = this.posting().lines;
    if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
    return [lines[range.start.line].slice(range.start.character), ...lines.slice(range.start.line + 1, range.end.line), lines[range.end.line].slice(0, range.end.character)].join('\n');
  }

  /** The position `count` characters after `position`, across line ends (each counted as one). */
  positionAfter(position: Range['start'], count: number): Range['start'] {
    const lines = this.posting().lines;
    let { line, character } = position;
    let left = count;
    while (left > lines[line].length - character && line + 1 < lines.length) {
      left -= lines[line].length - character + 1;
      line++;
      character = 0;
    }
    return { line, character: Math.min(character + left, lines[line].length) };
  }

  /** Deletes a sentence of a paragraph with the space after it (or before it, at the end of a line). */
  deleteSentence(range: Range): TextEdit {
    const lines = this.posting().lines;
    const after = lines[range.end.line].slice(range.end.character);
    const spaceAfter = /^[ \t]+/.exec(after)?.[0].length ?? 0;
    if (spaceAfter > 0 && spaceAfter < after.length) return { range: { start: range.start, end: { line: range.end.line, character: range.end.character + spaceAfter } }, newText: '' };
    const before = lines[range.start.line].slice(0, range.start.character);
    const spaceBefore = /[ \t]+$/.exec(before)?.[0].length ?? 0;
    return { range: { start: { line: range.start.line, character: range.start.character - (spaceBefore < before.length ? spaceBefore : 0) }, end: range.end }, newText: '' };
  }

  /** Deletes whole lines and one line ending. */
  deleteLines(first: number, last: number): TextEdit {
    const lines = this.posting().lines;
    if (first === 0) {
      const end = last + 1 < lines.length ? { line: last + 1, character: 0 } : { line: last, character: lines[last].length };
      return { range: { start: { line: 0, character: 0 }, end }, newText: '' };
    }
    const start = { line: first - 1, character: lines[first - 1].length };
    // The last line of the file has no ending of its own: take the one before it instead.
    if (last + 1 >= lines.length) return { range: { start, end: { line: last, character: lines[last].length } }, newText: '' };
    // The endings around the lines become one eol: keeping either could pair a lone \r with a lone \n.
    return { range: { start, end: { line: last + 1, character: 0 } }, newText: this.eol };
  }

  /** Inserts lines before `line` (or at the end when `line` is past the last one). */
  insertLine(line: number, content: string | string[]): TextEdit {
    const lines = this.posting().lines;
    const block = (Array.isArray(content) ? content : [content]).join(this.eol);
    if (line >= lines.length) return this.appendLines(Array.isArray(content) ? content : [content]);
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: block + this.eol };
  }

  appendLines(content: string[]): TextEdit {
    const lines = this.posting().lines;
    const last = lines.length - 1;
    const endsWithBreak = lines[last] === '';
    const position = { line: last, character: lines[last].length };
    const block = content.join(this.eol);
    return { range: { start: position, end: position }, newText: endsWithBreak ? `${block}${this.eol}` : `${this.eol}${block}` };
  }
}
