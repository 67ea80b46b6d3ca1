import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type CodeAction,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type Hover,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SERVER_EXEC_ARGV } from '../../server/src/protocol';

export const SERVER = path.resolve(__dirname, '..', '..', 'server', 'out', 'main.js');

export interface StartOptions {
  /** Declare pull diagnostics support, as VS Code does; without it the server must push. */
  pull: boolean;
  rootDir?: string;
  settings?: Record<string, unknown>;
  /** The command that starts the server: by default this repository's bundle, started as the VS Code extension starts it. */
  command?: { file: string; args: string[] };
  /** Environment variables for the server on top of this process's. */
  env?: Record<string, string>;
}

/**
 * A real LSP client over stdio, with just enough of an editor behind it: documents, settings,
 * applyEdit and the diagnostics the server pushed.
 */
export class TestClient {
  readonly pushed = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  readonly documents = new Map<string, TextDocument>();
  readonly logs: string[] = [];
  refreshRequests = 0;
  settings: Record<string, unknown>;
  private readonly waiters: Array<() => void> = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions): Promise<TestClient> {
    // Started the way the VS Code extension starts it, unless told otherwise.
    const { file, args } = options.command ?? { file: process.execPath, args: [...SERVER_EXEC_ARGV, SERVER, '--stdio'] };
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const reader = new StreamMessageReader(child.stdout!);
    // No partial-message timer: it re-arms for ever when a server dies in the middle of a message, and would keep the tests from ending.
    reader.partialMessageTimeout = 0;
    const connection = createProtocolConnection(reader, new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      client.pushed.set(params.uri, params);
      client.wake();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => client.logs.push(params.message));
    connection.onNotification('rolefit/status', (params: unknown) => {
      client.notifications.push({ method: 'rolefit/status', params });
      client.wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map(() => client.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      client.refreshRequests++;
      client.wake();
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      client.applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    connection.listen();

    const capabilities: ClientCapabilities = {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, diagnostics: { refreshSupport: options.pull }, applyEdit: true, workspaceEdit: { documentChanges: true } },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: false } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
    };
    const rootUri = options.rootDir ? pathToFileURL(options.rootDir).toString() : null;
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves when `check` returns a value, re-checking after every message from the server. */
  async waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes and returns the new version. */
  async change(uri: string, edits: TextEdit[]): Promise<number> {
    const document = this.documents.get(uri)!;
    const version = document.version + 1;
    const contentChanges = edits.map((edit) => ({ range: edit.range, text: edit.newText }));
    // Incremental changes apply one after the other, so send them from the end of the document backwards.
    contentChanges.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    const updated = TextDocument.update(document, contentChanges, version);
    this.documents.set(uri, updated);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  async applyWorkspaceEdit(edit: WorkspaceEdit): Promise<void> {
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change) await this.change(change.textDocument.uri, change.edits as TextEdit[]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) await this.change(uri, edits);
  }

  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    return report.kind === 'full' ? report.items : [];
  }

  /** Waits until the server pushed diagnostics for the document's current version that pass `accept`. */
  async pushedFor(uri: string, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(`pushed diagnostics for ${uri}`, () => {
      const params = this.pushed.get(uri);
      const current = this.documents.get(uri)?.version;
      if (!params || (current !== undefined && params.version !== current) || !accept(params.diagnostics)) return undefined;
      return params.diagnostics;
    });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { rolefit: settings } });
  }

  /** Stops the server as an editor does: shutdown, exit, and a kill only if it has not exited within 2 s. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 1000))]);
      const exited = new Promise((resolve) => {
        if (this.process.exitCode !== null || this.process.signalCode !== null) resolve(undefined);
        this.process.once('exit', resolve);
        setTimeout(resolve, 2000);
      });
      await this.connection.sendNotification('exit');
      await exited;
    } catch {
      // The server may already be gone; killing it below is enough.
    }
    this.connection.dispose();
    this.process.kill();
  }
}
