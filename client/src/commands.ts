import fs from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FIX_ALL_COMMAND } from '../../server/src/protocol';
import type { ReportPanel } from './report';

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

/** The commands of the "rolefit" category. */
export function registerCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, report: ReportPanel): void {
  const register = (id: string, run: () => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register('rolefit.insertTemplate', async () => {
    const snippets = JSON.parse(fs.readFileSync(context.asAbsolutePath('snippets/markdown.json'), 'utf8')) as Record<string, Snippet>;
    const picked = await vscode.window.showQuickPick(
      Object.values(snippets).map((snippet) => ({ label: snippet.prefix, description: snippet.description, snippet })),
      { placeHolder: 'Insert a posting template for which role?' },
    );
    if (!picked) return;
    const editor = vscode.window.activeTextEditor ?? (await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown' })));
    await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body.join('\n')));
  });

  register('rolefit.showReport', async () => {
    const document = vscode.window.activeTextEditor?.document;
    const uri = document?.languageId === 'markdown' ? document.uri : report.postingUri;
    if (!uri || !client()) {
      void vscode.window.showInformationMessage('rolefit: open a Markdown posting to see its report.');
      return;
    }
    await report.show(uri);
  });

  register('rolefit.restartServer', async () => {
    await client()?.restart();
  });

  register('rolefit.fixAll', async () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) return;
    await vscode.commands.executeCommand(FIX_ALL_COMMAND, document.uri.toString());
  });
}
