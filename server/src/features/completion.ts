import { CompletionItemKind, MarkupKind, type CompletionItem, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PASTED_BULLET_MARKS, type Lexicon, type PostingAnalysis } from '../core';
import type { Analyses } from './analyses';
import { guarded } from './guard';

/** A line of a list, its bullet pasted from a word processor too: the completion keeps the writer's marker. */
const LIST_LINE = new RegExp(String.raw`^(\s*(?:>\s*)*)((?:[-*+${PASTED_BULLET_MARKS}]|\d{1,9}[.)])\s+)?(.*)$`);

/**
 * In a responsibilities list: the posting role's canonical duties that the posting does not have yet.
 * In the front matter's role line: the role ids.
 */
export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  connection.onCompletion((params) =>
    guarded(connection, 'completion', [] as CompletionItem[], async () => {
      const document = documents.get(params.textDocument.uri);
      const result = await analyses.get(params.textDocument.uri);
      if (!document || !result) return [];
      const { line } = params.position;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
      const { analysis, classifier } = result;
      const frontMatter = analysis.frontMatter;
      if (frontMatter && line > frontMatter.startLine && line < frontMatter.endLine) {
        return /^\s*roles?\s*:/.test(lineText) ? roleItems(classifier.lexicon) : [];
      }
      return dutyItems(analysis, classifier.lexicon, line, lineText);
    }),
  );
}

function roleItems(lexicon: Lexicon): CompletionItem[] {
  return lexicon.roles.map((role, index) => ({
    label: role.id,
    kind: CompletionItemKind.EnumMember,
    detail: role.name,
    documentation: { kind: MarkupKind.Markdown, value: `**${role.abbreviation}**: ${role.focus}` },
    sortText: String(index).padStart(3, '0'),
  }));
}

function dutyItems(analysis: PostingAnalysis, lexicon: Lexicon, line: number, lineText: string): CompletionItem[] {
  const section = [...analysis.sections].reverse().find((s) => s.line <= line);
  if (!section || section.kind !== 'responsibilities' || analysis.roles.length === 0) return [];
  const match = LIST_LINE.exec(lineText)!;
  const [, prefix, marker = ''] = match;
  const present = new Set(analysis.items.map((item) => normalize(item.text)));
  const start = prefix.length + marker.length;
  const items: CompletionItem[] = [];
  for (const roleId of analysis.roles) {
    const role = lexicon.role(roleId);
    for (const area of role?.areas ?? []) {
      for (const duty of area.duties) {
        if (present.has(normalize(duty))) continue;
        items.push({
          label: duty,
          kind: CompletionItemKind.Text,
          detail: `${role!.abbreviation} · ${area.name}`,
          // The list cuts long labels: the details pane shows the whole duty and what its area covers.
          documentation: { kind: MarkupKind.Markdown, value: `${duty}\n\n**${area.name}** (${role!.abbreviation}): ${area.summary}` },
          filterText: `${marker}${duty}`,
          sortText: `${String(items.length).padStart(4, '0')}`,
          textEdit: {
            range: { start: { line, character: marker ? start : prefix.length }, end: { line, character: lineText.length } },
            newText: marker ? duty : `- ${duty}`,
          },
        });
      }
    }
  }
  return items;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
