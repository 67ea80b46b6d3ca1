import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV, SERVER_NAME, STATUS_NOTIFICATION, type PostingStatus } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { ReportPanel } from './report';
import { StatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Starts the language server over IPC and wires the status bar and the commands to it. */
export async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('server/out/main.js');
  // The server keeps its compiled code in the extension's storage, which VS Code removes on uninstall.
  const env = { ROLEFIT_CODE_CACHE: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV, env } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'], env } },
  };
  const outputChannel = vscode.window.createOutputChannel('rolefit', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown' },
      { pattern: '**/.rolefit.{yaml,yml,json}' },
    ],
    synchronize: {
      configurationSection: 'rolefit',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.rolefit.{yaml,yml,json}'),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel,
    traceOutputChannel: outputChannel,
  };
  client = new LanguageClient(SERVER_NAME, 'rolefit', serverOptions, clientOptions);

  const statusBar = new StatusBar();
  const report = new ReportPanel(() => client, (uri) => statusBar.showReportOf(uri));
  context.subscriptions.push(statusBar, report, outputChannel);
  registerCommands(context, () => client, report);
  // One line per (re)start, so a crashing server is visible in the output, not only in the trace.
  context.subscriptions.push(client.onDidChangeState((event) => {
    if (event.newState === State.Running) outputChannel.info('rolefit: language server running');
  }));
  await client.start();
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((event) => report.changed(event.document.uri.toString())),
    client.onNotification(STATUS_NOTIFICATION, (status: PostingStatus) => {
      statusBar.update(status);
      report.changed(status.uri);
    }),
  );
  return client;
}

export async function stopClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  await stopping?.stop();
}
