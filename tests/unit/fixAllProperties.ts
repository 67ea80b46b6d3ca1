import assert from 'node:assert/strict';
import { parsePosting, splitLines, type PostingAnalysis } from '../../server/src/core';

/** Words, names, numbers and products: "NetSuite", "SOC 2", "40", "CI/CD", "O'Brien". */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}'’.&+/-]*[\p{L}\p{N}])?/gu;

/** The non-blank lines that repeat an earlier line, as "line ×count". */
function repeatedLines(text: string): string[] {
  const counts = new Map<string, number>();
  for (const line of splitLines(text)) {
    const key = line.trim();
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1).map(([line, count]) => `"${line}" ×${count}`);
}

const repeats = (list: string[]) => list.reduce((sum, entry) => sum + Number(entry.slice(entry.lastIndexOf('×') + 1)) - 1, 0);

const requirementItems = (text: string) => parsePosting(text).items.filter((item) => item.section.kind === 'requirements').map((item) => item.text);

/**
 * What fix all (fix on save, `rolefit check --fix`) promises the writer, checked on any posting:
 * no more lines repeat an earlier one than before, no requirement list gains or loses an item, and every
 * word of each fixed item (names, numbers and products included) is still in that item's lines.
 * `analysis` is the analysis of `before` whose findings fix all was given.
 */
export function assertFixAllKeepsMeaning(before: string, after: string, analysis: PostingAnalysis, what: string): void {
  const was = repeatedLines(before), now = repeatedLines(after);
  assert.ok(repeats(now) <= repeats(was), `${what}: fix all made lines repeat: ${now.join(', ')} (before: ${was.join(', ') || 'none'})`);
  assert.deepEqual(requirementItems(after), requirementItems(before), `${what}: a requirement list changed`);

  const beforeLines = splitLines(before), afterLines = splitLines(after);
  for (const finding of analysis.findings) {
    if (finding.ruleId !== 'role.foreign-duty' || !finding.text) continue;
    // Fix all edits inside an item's lines and adds none, so the item is still where it was.
    const { start, end } = finding.range;
    const was = beforeLines.slice(start.line, end.line + 1).join('\n');
    const now = afterLines.slice(start.line, end.line + 1).join('\n');
    // The word right after the inserted words may lose its capital: "Offer …" becomes "…, offer …".
    let common = 0;
    while (common < was.length && was[common] === now[common]) common++;
    while (common > 0 && /[\p{L}\p{N}]/u.test(was[common - 1])) common--;
    const capitalOnly = was.slice(common).match(WORD)?.[0];
    for (const word of finding.text.match(WORD) ?? []) {
      const [first, ...rest] = word;
      const forms = word === capitalOnly ? [word, first.toLowerCase() + rest.join('')] : [word];
      assert.ok(forms.some((form) => now.includes(form)), `${what}: "${word}" of "${finding.text}" is gone after fix all: "${now}"`);
    }
  }
}
