import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RemoteConsole, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckOptionsLayer } from '../config';
import { applyConfigFile, MAX_CONFIG_BYTES, USER_CONFIG_FILE_NAMES, type ConfigProblem, type KnowledgeBase } from '../knowledge';
import type { ServerDeps } from '../server';

interface FolderConfig {
  knowledge: KnowledgeBase;
  /** The file's check options, which win over the editor's settings. */
  options?: CheckOptionsLayer;
  /** The configuration file in use, if the folder has one. */
  fileUri?: string;
  problems: ConfigProblem[];
  /** What the knowledge came from, to tell a real change from a reload of the same file. */
  source: string;
}

/**
 * The workspace configuration file (.rolefit.yaml) of each folder: its roles and its check options,
 * read from disk, or from the editor while it is open there, so that a change takes effect as it is
 * typed. A file with an error leaves the built-in knowledge base and the editor's settings in force;
 * its problems become diagnostics in that file.
 */
export class ConfigFiles {
  generation = 0;
  folders: string[] = [];
  private readonly byFolder = new Map<string, FolderConfig>();
  private readonly listeners: Array<() => void> = [];
  private readonly reloads = new Map<string, number>();
  // Analyses wait for the first read, so that a posting is never judged without its folder's configuration.
  private markLoaded: ((reading: Promise<void>) => void) | undefined;
  private readonly firstLoad = new Promise<void>((resolve) => (this.markLoaded = (reading) => void reading.then(resolve, resolve)));

  constructor(
    private readonly deps: ServerDeps,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly console: RemoteConsole,
  ) {
    documents.onDidChangeContent((event) => {
      if (this.isConfigFile(event.document.uri)) void this.reload(this.folderOfRolesFile(event.document.uri));
    });
    documents.onDidClose((event) => {
      if (this.isConfigFile(event.document.uri)) void this.reload(this.folderOfRolesFile(event.document.uri));
    });
  }

  setFolders(uris: string[]): void {
    this.folders = uris.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri));
  }

  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  isConfigFile(uri: string): boolean {
    return uri.startsWith('file:') && (USER_CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(fileURLToPath(uri)));
  }

  /** The knowledge base for a document: its folder's, or the built-in one. */
  knowledgeFor(uri: string): KnowledgeBase {
    const folder = this.folderOf(uri);
    return (folder && this.byFolder.get(folder)?.knowledge) || this.deps.knowledge;
  }

  /** The check options of a document's folder's configuration file, if it has one. */
  optionsFor(uri: string): CheckOptionsLayer | undefined {
    const folder = this.folderOf(uri);
    return folder ? this.byFolder.get(folder)?.options : undefined;
  }

  problemsFor(uri: string): ConfigProblem[] {
    for (const entry of this.byFolder.values()) if (entry.fileUri === uri) return entry.problems;
    return [];
  }

  /** Settles once every folder's configuration file has been read for the first time. */
  get loaded(): Promise<void> {
    return this.firstLoad;
  }

  async reloadAll(): Promise<void> {
    const reloading = Promise.all(this.folders.map((folder) => this.reload(folder))).then(() => undefined);
    this.markLoaded?.(reloading);
    this.markLoaded = undefined;
    await reloading;
  }

  private async reload(folder: string): Promise<void> {
    // Reads finish out of order (a disk read after a close, the editor's text at once): only the latest counts.
    const reload = (this.reloads.get(folder) ?? 0) + 1;
    this.reloads.set(folder, reload);
    const entry = await this.read(folder);
    if (this.reloads.get(folder) !== reload) return;
    // Same file, same text (or still none): nothing to re-check, and no needless refresh for the client.
    if ((this.byFolder.get(folder)?.source ?? '') === entry.source) {
      if (!this.byFolder.has(folder)) this.byFolder.set(folder, entry);
      return;
    }
    this.byFolder.set(folder, entry);
    this.generation++;
    for (const problem of entry.problems) this.console.warn(`${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1} ${problem.message}`);
    for (const listener of this.listeners) listener();
  }

  private async read(folder: string): Promise<FolderConfig> {
    for (const name of USER_CONFIG_FILE_NAMES) {
      const filePath = path.join(folder, name);
      const fileUri = pathToFileURL(filePath).toString();
      const open = this.documents.all().find((doc) => this.isConfigFile(doc.uri) && fileURLToPath(doc.uri) === filePath);
      let text = open?.getText();
      if (text === undefined) {
        try {
          const result = await this.deps.readTextFile(filePath, MAX_CONFIG_BYTES);
          if ('tooLarge' in result) {
            const message = `The configuration file has ${result.tooLarge.toLocaleString('en')} bytes; at most ${MAX_CONFIG_BYTES.toLocaleString('en')} are read. The built-in roles and your settings are used.`;
            return { knowledge: this.deps.knowledge, fileUri, source: `too large: ${result.tooLarge}`, problems: [{ file: name, path: [], message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error' }] };
          }
          text = result.text;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'ENOENT' || code === 'ENOTDIR') continue;
          this.console.warn(`rolefit: cannot read ${filePath} (${code ?? (error as Error).message}); using the built-in roles and your settings.`);
          continue;
        }
      }
      const { knowledge, options, problems } = applyConfigFile(this.deps.knowledge, { path: name, text });
      if (options) this.console.info(`rolefit: using the configuration file ${filePath}`);
      return { knowledge, options, fileUri, problems, source: `${fileUri}\n${text}` };
    }
    return { knowledge: this.deps.knowledge, problems: [], source: '' };
  }

  private folderOfRolesFile(uri: string): string {
    return path.dirname(fileURLToPath(uri));
  }

  /** The workspace folder a document is in: globs of the configuration file are relative to it. */
  folderOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return this.folders[0];
    const filePath = fileURLToPath(uri);
    return this.folders.filter((folder) => filePath === folder || filePath.startsWith(folder + path.sep)).sort((a, b) => b.length - a.length)[0];
  }
}
