import type { TextEdit } from 'vscode-languageserver-types';
import type { Lexicon } from './lexicon';
import { parsePosting, type ParsedPosting } from './posting';
import type { FixData, ForeignDutyFix, Range, RetitleFix, RuleId } from './types';

export const COLLABORATION_HEADING = 'Collaboration';

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

/** The preferred fix of every finding, as one list of edits that do not overlap. */
export function fixAllEdits(findings: FixableFinding[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const finding of findings) {
    if (finding.fix?.kind !== 'foreign-duty') continue;
    // Without a counterpart the partnership is written in place, so that fixes never collide.
    edits.push({ range: finding.range, newText: finding.fix.replacement ?? finding.fix.partnership });
  }
  return edits;
}

function foreignDutyFixes(doc: DocumentText, finding: FixableFinding, data: ForeignDutyFix, postingRoles: string[], name: (id: string) => string): Fix[] {
  const fixes: Fix[] = [];
  if (data.replacement) {
    const replacementRole = data.replacementArea?.split('/')[0];
    fixes.push({
      title: `Replace with the ${replacementRole ? name(replacementRole) : 'posting role'}'s duty: "${data.replacement}"`,
      isPreferred: true,
      edits: [{ range: finding.range, newText: data.replacement }],
    });
  }
  fixes.push({ title: `Reword as a partnership with the ${data.ownerAbbreviation} in "${COLLABORATION_HEADING}"`, edits: partnershipEdits(doc, data) });
  fixes.push({ title: 'Remove this item', edits: [doc.deleteLines(data.itemLine, data.itemEndLine)] });
  const hybrid = [...new Set([...postingRoles, data.owner])];
  fixes.push({ title: `Declare a hybrid role: roles: [${hybrid.join(', ')}]`, edits: setRolesEdits(doc, hybrid) });
  fixes.push({
    title: 'Ignore this item (rolefit-disable-next-line)',
    // The item line's own indentation and quote markers, so that the comment stays in the item's block ("> > " in a quote).
    edits: [doc.insertLine(data.itemLine, `${(doc.posting().lines[data.itemLine] ?? '').slice(0, data.markerColumn)}<!-- rolefit-disable-next-line role.foreign-duty -->`)],
  });
  return fixes;
}

/** Moves the item, reworded, to the end of the collaboration section, creating the section after the item's own. */
function partnershipEdits(doc: DocumentText, data: ForeignDutyFix): TextEdit[] {
  const posting = doc.posting();
  const bullet = `- ${data.partnership}`;
  const edits: TextEdit[] = [doc.deleteLines(data.itemLine, data.itemEndLine)];
  const collaboration = posting.sections.find((s) => s.kind === 'collaboration');
  if (collaboration) {
    const items = posting.items.filter((item) => item.section === collaboration && item.depth === 1);
    const last = items.at(-1);
    const insertAfter = last ? last.endLine : collaboration.line;
    // Right before or inside the item, insert after it instead: the same place once it is gone, and no overlap with its deletion.
    const target = insertAfter >= data.itemLine - 1 && insertAfter <= data.itemEndLine ? data.itemEndLine : insertAfter;
    // The insertion goes first: where the deletion starts, it must come before it.
    edits.unshift(last ? doc.insertLine(target + 1, bullet) : doc.insertLine(target + 1, ['', bullet]));
    return edits;
  }
  const own = posting.sections.find((s) => s.line <= data.itemLine && data.itemLine <= s.endLine);
  // A heading inside the item ends its section early: the new section still goes after the whole item.
  let end = Math.max(data.itemEndLine, own ? own.endLine : posting.lines.length - 1);
  while (end > data.itemEndLine && posting.lines[end].trim() === '') end--;
  const level = own && own.level > 1 ? own.level : 2;
  const block = ['', `${'#'.repeat(level)} ${COLLABORATION_HEADING}`, '', bullet];
  if (end + 1 >= posting.lines.length) edits.push(doc.appendLines(block));
  else edits.push(doc.insertLine(end + 1, posting.lines[end + 1].trim() === '' ? block : [...block, '']));
  return edits;
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
  if (posting.title) edits.push({ range: posting.title.range, newText: data.title });
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
