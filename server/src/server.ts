import { pathToFileURL } from 'node:url';
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Model } from './core/model';
import type { KnowledgeBase } from './knowledge';
import { Analyses } from './features/analyses';
import { registerCodeActions } from './features/codeActions';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { ConfigFiles } from './features/configFiles';
import { SettingsStore } from './features/settings';
import { registerStatus } from './features/status';
import { FIX_ALL_COMMAND } from './protocol';

export interface ServerDeps {
  /** The built-in knowledge base. */
  knowledge: KnowledgeBase;
  /** The fitted weights the classifier judges with. */
  model: Model;
  /** Reads a workspace file as text, or says it is larger than `maxBytes` without reading it. */
  readTextFile(path: string, maxBytes: number): Promise<{ text: string } | { tooLarge: number }>;
}

/** Wires every feature to the connection. Features only translate between LSP and the core. */
export function startServer(connection: Connection, deps: ServerDeps): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const configFiles = new ConfigFiles(deps, documents, connection.console);
  const analyses = new Analyses(documents, settings, configFiles, deps.model);

  const diagnostics = registerDiagnostics(connection, documents, analyses, configFiles);

  let workspaceFoldersSupported = false;
  connection.onInitialize((params): InitializeResult => {
    workspaceFoldersSupported = Boolean(params.capabilities.workspace?.workspaceFolders);
    settings.configure(params.capabilities);
    diagnostics.configure(params.capabilities);
    configFiles.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    // Read the configuration files at once: analyses wait for them, and no notification should be needed first.
    void configFiles.reloadAll();
    analyses.setFolders(configFiles.folders);
    const pull = Boolean(params.capabilities.textDocument?.diagnostic);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull ? { diagnosticProvider: { identifier: 'rolefit', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.rolefit'], resolveProvider: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', '['], resolveProvider: false },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'rolefit', version: typeof ROLEFIT_VERSION === 'string' ? ROLEFIT_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    settings.registerForChanges();
    // While the client opens its first posting, not after.
    setImmediate(() => analyses.warmUp(deps.knowledge));
    if (workspaceFoldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders(async (event) => {
        const removed = new Set(event.removed.map((f) => f.uri));
        const current = configFiles.folders.map((folder) => pathToFileURL(folder).toString()).filter((uri) => !removed.has(uri));
        configFiles.setFolders([...current, ...event.added.map((f) => f.uri)]);
        analyses.setFolders(configFiles.folders);
        await configFiles.reloadAll();
      });
    }
  });

  settings.onDidChange(() => diagnostics.refreshAll());
  configFiles.onDidChange(() => diagnostics.refreshAll());
  registerCodeActions(connection, documents, analyses);
  registerHover(connection, documents, analyses);
  registerCompletion(connection, documents, analyses);
  registerStatus(connection, documents, analyses, diagnostics);

  connection.onDidChangeWatchedFiles(() => void configFiles.reloadAll());
  documents.listen(connection);
}

declare const ROLEFIT_VERSION: string;
