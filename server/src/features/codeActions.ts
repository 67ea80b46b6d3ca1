import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type Range, type TextDocuments, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, fixesFor } from '../core';
import { FIX_ALL_COMMAND } from '../protocol';
import type { Analyses } from './analyses';
import type { DiagnosticData } from './diagnostics';
import { guarded } from './guard';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rolefit`;

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function isOurs(diagnostic: Diagnostic): diagnostic is Diagnostic & { data: DiagnosticData } {
  return diagnostic.source === 'rolefit' && typeof diagnostic.data === 'object' && diagnostic.data !== null && 'ruleId' in diagnostic.data;
}

/** Quick fixes for each rolefit diagnostic, and "fix all" — pure functions of the current analysis's findings. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  connection.onCodeAction((params) =>
    guarded(connection, 'code actions', [] as CodeAction[], async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      const actions: CodeAction[] = [];
      const result = await analyses.get(document.uri);
      if (!result) return [];
      // The analysis is of the newest text, which may have changed while the settings were fetched.
      const { uri, version } = result.document;
      const text = result.document.getText();

      if (wants(CodeActionKind.QuickFix)) {
        for (const diagnostic of params.context.diagnostics.filter(isOurs)) {
          // A diagnostic of an older version keeps its data while the editor moves its range along with the edits:
          // its item lines may be stale, so the fix comes from the current finding at that range, if there is one.
          const finding = result.analysis.findings.find((f) => f.ruleId === diagnostic.data.ruleId && sameRange(f.range, diagnostic.range));
          if (!finding) continue;
          for (const fix of fixesFor(text, finding, result.classifier.lexicon, result.analysis.roles)) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.isPreferred,
              edit: { documentChanges: [{ textDocument: { uri, version }, edits: fix.edits }] },
            });
          }
        }
      }
      if (wants(FIX_ALL_KIND)) {
        const edits = fixAllEdits(text, result.analysis.findings);
        if (edits.length > 0) {
          actions.push({
            title: `Fix all rolefit findings (${edits.length})`,
            kind: FIX_ALL_KIND,
            edit: { documentChanges: [{ textDocument: { uri, version }, edits }] },
          });
        }
      }
      return actions;
    }),
  );

  connection.onExecuteCommand((params) =>
    guarded(connection, 'fix all', null, async () => {
      if (params.command !== FIX_ALL_COMMAND) return null;
      const uri = String(params.arguments?.[0] ?? '');
      const result = await analyses.get(uri);
      if (!result) return null;
      const edits: TextEdit[] = fixAllEdits(result.document.getText(), result.analysis.findings);
      if (edits.length === 0) return { applied: 0 };
      const response = await connection.workspace.applyEdit({
        label: 'Fix all rolefit findings',
        edit: { documentChanges: [{ textDocument: { uri, version: result.document.version }, edits }] },
      });
      return { applied: response.applied ? edits.length : 0 };
    }),
  );
}
