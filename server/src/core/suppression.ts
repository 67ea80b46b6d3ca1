import type Token from 'markdown-it/lib/token.mjs';
import type { Finding } from './types';

/** An inline comment that turns rules off, markdownlint style. */
export interface Directive {
  kind: 'disable' | 'enable' | 'disable-line' | 'disable-next-line';
  /** The line the comment ends on. */
  line: number;
  /** Rule ids it names; empty means every rule. */
  rules: string[];
}

const DIRECTIVE = /<!--\s*rolefit-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g;

export function parseDirectives(tokens: Token[], lines: readonly string[]): Directive[] {
  const directives: Directive[] = [];
  const collect = (content: string, firstLine: number) => {
    if (!content.includes('rolefit-')) return;
    for (const match of content.matchAll(DIRECTIVE)) {
      const before = content.slice(0, match.index! + match[0].length);
      directives.push({
        kind: match[1] as Directive['kind'],
        line: firstLine + countNewlines(before),
        rules: match[2].split(/[\s,]+/).filter(Boolean),
      });
    }
  };
  for (const token of tokens) {
    if (token.type === 'html_block' && token.map) collect(token.content, token.map[0]);
    else if (token.type === 'inline' && token.map && token.content.includes('<!--')) collect(token.content, firstContentLine(token.content, token.map as [number, number], lines));
  }
  return directives;
}

/**
 * The source line an inline token's content starts on. markdown-it trims that content, lines that
 * hold only whitespace at its start included ("\u3000" is whitespace to JavaScript but not to
 * Markdown), so its first line is the first source line that ends with the content's first line.
 */
function firstContentLine(content: string, [start, end]: [number, number], lines: readonly string[]): number {
  const newline = content.indexOf('\n');
  const first = (newline < 0 ? content : content.slice(0, newline)).trimEnd();
  for (let line = start; line < end; line++) if ((lines[line] ?? '').trimEnd().endsWith(first)) return line;
  return start;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Drops findings that an inline comment turns off. `lineOf` tells which line a finding belongs to
 * (the list marker's line for an item). One pass over both lists, so many comments stay cheap.
 */
export function withoutSuppressed(findings: Finding[], directives: Directive[], lineOf: (finding: Finding) => number): Finding[] {
  if (directives.length === 0) return findings;
  const regions = directives.filter((d) => d.kind === 'disable' || d.kind === 'enable').sort((a, b) => a.line - b.line);
  const single = new Map<number, Directive[]>();
  for (const directive of directives) {
    const target = directive.kind === 'disable-line' ? directive.line : directive.kind === 'disable-next-line' ? directive.line + 1 : -1;
    if (target >= 0) single.set(target, [...(single.get(target) ?? []), directive]);
  }

  const ordered = findings.map((finding, index) => ({ finding, index, line: lineOf(finding) })).sort((a, b) => a.line - b.line || a.index - b.index);
  let allOff = false;
  const rulesOff = new Set<string>();
  let next = 0;
  const kept: Array<{ finding: Finding; index: number }> = [];
  for (const entry of ordered) {
    while (next < regions.length && regions[next].line < entry.line) {
      const region = regions[next++];
      const on = region.kind === 'enable';
      if (region.rules.length === 0) {
        allOff = !on;
        rulesOff.clear();
      } else {
        for (const rule of region.rules) on ? rulesOff.delete(rule) : rulesOff.add(rule);
      }
    }
    const ruleId = entry.finding.ruleId;
    const offHere = single.get(entry.line)?.some((d) => d.rules.length === 0 || d.rules.includes(ruleId));
    if (allOff || rulesOff.has(ruleId) || offHere) continue;
    kept.push(entry);
  }
  return kept.sort((a, b) => a.index - b.index).map((entry) => entry.finding);
}
