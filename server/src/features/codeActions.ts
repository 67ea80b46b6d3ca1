import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type TextDocuments, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdits, fixesFor } from '../core';
import { FIX_ALL_COMMAND } from '../protocol';
import type { Analyses } from './analyses';
import type { DiagnosticData } from './diagnostics';
import { guarded } from './guard';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.rolefit`;

function isOurs(diagnostic: Diagnostic): diagnostic is Diagnostic & { data: DiagnosticData } {
  return diagnostic.source === 'rolefit' && typeof diagnostic.data === 'object' && diagnostic.data !== null && 'ruleId' in diagnostic.data;
}

/** Quick fixes for each rolefit diagnostic, and "fix all" — pure functions of the diagnostics' data. */
export function registerCodeActions(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  connection.onCodeAction((params) =>
    guarded(connection, 'code actions', [] as CodeAction[], async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
      const actions: CodeAction[] = [];
      const text = document.getText();
      const result = await analyses.get(document.uri);
      const lexicon = result?.classifier.lexicon;

      if (wants(CodeActionKind.QuickFix) && lexicon) {
        for (const diagnostic of params.context.diagnostics.filter(isOurs)) {
          for (const fix of fixesFor(text, { ruleId: diagnostic.data.ruleId, range: diagnostic.range, fix: diagnostic.data.fix }, lexicon, diagnostic.data.roles)) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.isPreferred,
              edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: fix.edits }] },
            });
          }
        }
      }
      if (wants(FIX_ALL_KIND) && result) {
        const edits = fixAllEdits(result.analysis.findings);
        if (edits.length > 0) {
          actions.push({
            title: `Fix all rolefit findings (${edits.length})`,
            kind: FIX_ALL_KIND,
            edit: { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] },
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
      const edits: TextEdit[] = fixAllEdits(result.analysis.findings);
      if (edits.length === 0) return { applied: 0 };
      const response = await connection.workspace.applyEdit({
        label: 'Fix all rolefit findings',
        edit: { documentChanges: [{ textDocument: { uri, version: result.document.version }, edits }] },
      });
      return { applied: response.applied ? edits.length : 0 };
    }),
  );
}
