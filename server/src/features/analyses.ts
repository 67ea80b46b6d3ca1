import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePosting, Classifier, Lexicon, type PostingAnalysis, type Strictness } from '../core';
import type { Model } from '../core/model';
import type { KnowledgeBase } from '../knowledge';
import { resolveCheckOptions, selectFile, type CheckOptions } from '../config';
import type { ConfigFiles } from './configFiles';
import type { SettingsStore } from './settings';

export interface AnalyzedDocument {
  document: TextDocument;
  analysis: PostingAnalysis;
  classifier: Classifier;
  /** The check options in force for the document: the editor's settings under its configuration file. */
  options: CheckOptions;
}

/**
 * The analysis of each open posting, computed for its latest version and kept until the text,
 * the settings or the configuration file change.
 */
export class Analyses {
  private folders: string[] = [];
  private readonly cache = new Map<string, { key: string; result: AnalyzedDocument }>();
  private readonly classifiers = new Map<KnowledgeBase, Map<Strictness, Classifier>>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly configFiles: ConfigFiles,
    private readonly model: Model,
  ) {
    documents.onDidClose((event) => {
      this.cache.delete(event.document.uri);
      settings.forget(event.document.uri);
    });
  }

  setFolders(folders: string[]): void {
    this.folders = folders;
  }

  isPosting(document: TextDocument): boolean {
    if (this.configFiles.isConfigFile(document.uri)) return false;
    return document.languageId === 'markdown' || /\.(md|markdown|mdown|mkd)$/i.test(document.uri);
  }

  /** The analysis of the document's current version, or undefined when rolefit does not apply to it. */
  async get(uri: string): Promise<AnalyzedDocument | undefined> {
    const opened = this.documents.get(uri);
    if (!opened || !this.isPosting(opened)) return undefined;
    const [editorSettings] = await Promise.all([this.settings.get(uri), this.configFiles.loaded]);
    // The text may have changed while the settings were fetched: always use the newest.
    const document = this.documents.get(uri);
    if (!document || !editorSettings.enable) return undefined;
    // The workspace configuration file wins over the editor's settings, which are personal defaults.
    const options = resolveCheckOptions(editorSettings, this.configFiles.optionsFor(uri));
    const selection = selectFile(options, this.relativePath(uri));
    if (selection === 'skip') return undefined;

    const knowledge = this.configFiles.knowledgeFor(uri);
    const key = `${document.version}|${this.settings.generation}|${this.configFiles.generation}|${options.strictness}`;
    const cached = this.cache.get(uri);
    if (cached?.key === key && cached.result.document === document) return cached.result;

    const classifier = this.classifierFor(knowledge, options.strictness);
    const analysis = analyzePosting(document.getText(), classifier, { maxCharacters: options.maxFileSize, severities: options.rules, posting: selection === 'posting' });
    const result = { document, analysis, classifier, options };
    this.cache.set(uri, { key, result });
    return result;
  }

  /** Builds the classifier for the built-in knowledge base ahead of the first posting: its word tables take a while to build once. */
  warmUp(knowledge: KnowledgeBase): void {
    this.classifierFor(knowledge, 'balanced');
  }

  private classifierFor(knowledge: KnowledgeBase, strictness: Strictness): Classifier {
    let byStrictness = this.classifiers.get(knowledge);
    if (!byStrictness) {
      // Old knowledge bases are dropped: their classifiers' caches would only hold memory.
      this.classifiers.clear();
      byStrictness = new Map();
      this.classifiers.set(knowledge, byStrictness);
    }
    let classifier = byStrictness.get(strictness);
    if (!classifier) {
      const lexicon = byStrictness.values().next().value?.lexicon ?? new Lexicon(knowledge);
      classifier = new Classifier(lexicon, this.model, strictness);
      byStrictness.set(strictness, classifier);
    }
    return classifier;
  }

  /** The document's path relative to its workspace folder, with "/" separators, as globs are written. */
  private relativePath(uri: string): string {
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z-]+:\/*/i, '/'));
    const folder = this.configFiles.folderOf(uri) ?? this.folders.find((f) => filePath.startsWith(f + path.sep));
    return (folder && filePath.startsWith(folder + path.sep) ? path.relative(folder, filePath) : filePath).split(path.sep).join('/');
  }
}
