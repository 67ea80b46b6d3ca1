import path from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzePosting, Classifier, Lexicon, type PostingAnalysis, type Strictness } from '../core';
import type { Model } from '../core/model';
import type { KnowledgeBase } from '../knowledge';
import type { Settings } from '../settings';
import type { RolesFiles } from './rolesFiles';
import type { SettingsStore } from './settings';

export interface AnalyzedDocument {
  document: TextDocument;
  analysis: PostingAnalysis;
  classifier: Classifier;
  settings: Settings;
}

/**
 * The analysis of each open posting, computed for its latest version and kept until the text,
 * the settings or the roles file change.
 */
export class Analyses {
  private folders: string[] = [];
  private readonly cache = new Map<string, { key: string; result: AnalyzedDocument }>();
  private readonly classifiers = new Map<KnowledgeBase, Map<Strictness, Classifier>>();
  private readonly matchers = new Map<string, (file: string) => boolean>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly rolesFiles: RolesFiles,
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
    if (this.rolesFiles.isRolesFile(document.uri)) return false;
    return document.languageId === 'markdown' || /\.(md|markdown|mdown|mkd)$/i.test(document.uri);
  }

  /** The analysis of the document's current version, or undefined when rolefit does not apply to it. */
  async get(uri: string): Promise<AnalyzedDocument | undefined> {
    const opened = this.documents.get(uri);
    if (!opened || !this.isPosting(opened)) return undefined;
    const settings = await this.settings.get(uri);
    // The text may have changed while the settings were fetched: always use the newest.
    const document = this.documents.get(uri);
    if (!document || !settings.enable || !this.matchesFiles(uri, settings.files)) return undefined;

    const knowledge = this.rolesFiles.knowledgeFor(uri);
    const key = `${document.version}|${this.settings.generation}|${this.rolesFiles.generation}|${settings.strictness}`;
    const cached = this.cache.get(uri);
    if (cached?.key === key && cached.result.document === document) return cached.result;

    const classifier = this.classifierFor(knowledge, settings.strictness);
    // Files the settings name are postings whatever they look like; any other Markdown is one only if it reads like one.
    const analysis = analyzePosting(document.getText(), classifier, { maxCharacters: settings.maxFileSize, severities: settings.severities, posting: settings.files.length > 0 });
    const result = { document, analysis, classifier, settings };
    this.cache.set(uri, { key, result });
    return result;
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

  private matchesFiles(uri: string, patterns: string[]): boolean {
    if (patterns.length === 0) return true;
    const key = patterns.join('\n');
    let matcher = this.matchers.get(key);
    if (!matcher) {
      matcher = picomatch(patterns, { dot: true });
      this.matchers.set(key, matcher);
    }
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(uri.replace(/^[a-z-]+:\/*/i, '/'));
    const candidates = [filePath.split(path.sep).join('/')];
    for (const folder of this.folders) {
      if (filePath.startsWith(folder + path.sep)) candidates.push(path.relative(folder, filePath).split(path.sep).join('/'));
    }
    return candidates.some((candidate) => matcher(candidate));
  }
}
