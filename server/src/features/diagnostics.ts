import {
  DiagnosticSeverity,
  DocumentDiagnosticReportKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleHelpUri } from '../core/rules';
import type { Finding, Severity } from '../core';
import type { ConfigProblem } from '../knowledge';
import type { AnalyzedDocument, Analyses } from './analyses';
import { guarded } from './guard';
import type { ConfigFiles } from './configFiles';

/** Push mode waits this long after a change so that a burst of keystrokes is analyzed once. */
const PUSH_DELAY_MS = 15;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Carried in a diagnostic's data: its rule, and its fix as of the version it was made for. */
export interface DiagnosticData {
  ruleId: Finding['ruleId'];
  fix?: Finding['fix'];
  /** The posting's roles when the diagnostic was made. */
  roles: string[];
}

export interface DiagnosticsFeature {
  configure(capabilities: ClientCapabilities): void;
  refreshAll(): void;
  onAnalyzed(listener: (result: AnalyzedDocument) => void): void;
}

/** One diagnostic per finding: the owner and its duty area are in the message, the source article in the hover. */
export function toDiagnostic(finding: Finding, result: AnalyzedDocument): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, fix: finding.fix, roles: result.analysis.roles };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: 'rolefit',
    code: finding.ruleId,
    codeDescription: { href: ruleHelpUri(finding.ruleId) },
    message: finding.message,
    data,
  };
}

function problemToDiagnostic(problem: ConfigProblem): Diagnostic {
  const error = problem.severity === 'error';
  return {
    range: problem.range,
    severity: error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'rolefit',
    code: 'config.invalid',
    codeDescription: { href: ruleHelpUri('config.invalid') },
    message: error ? `${problem.message} The built-in roles and your settings are used until this is fixed.` : problem.message,
  };
}

/**
 * Diagnostics by pull when the client asks for them (VS Code), pushed otherwise (Neovim, Emacs…).
 * Either way they are computed for the document's latest version.
 */
export function registerDiagnostics(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  analyses: Analyses,
  configFiles: ConfigFiles,
): DiagnosticsFeature {
  let pull = false;
  let refreshSupported = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const listeners: Array<(result: AnalyzedDocument) => void> = [];

  async function diagnosticsFor(uri: string): Promise<{ diagnostics: Diagnostic[]; version?: number }> {
    if (configFiles.isConfigFile(uri)) return { diagnostics: configFiles.problemsFor(uri).map(problemToDiagnostic), version: documents.get(uri)?.version };
    const result = await analyses.get(uri);
    if (!result) return { diagnostics: [] };
    for (const listener of listeners) listener(result);
    return { diagnostics: result.analysis.findings.map((f) => toDiagnostic(f, result)), version: result.document.version };
  }

  connection.languages.diagnostics.on((params) =>
    guarded(connection, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async () => ({
      kind: DocumentDiagnosticReportKind.Full,
      items: (await diagnosticsFor(params.textDocument.uri)).diagnostics,
    })),
  );

  function schedulePush(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void guarded(connection, 'diagnostics', undefined, async () => {
          const { diagnostics, version } = await diagnosticsFor(uri);
          // A newer change or a close while analyzing: that one's own push will follow.
          const current = documents.get(uri);
          if (!current || (version !== undefined && current.version !== version) || timers.has(uri)) return;
          await connection.sendDiagnostics({ uri, version, diagnostics });
        });
      }, PUSH_DELAY_MS),
    );
  }

  documents.onDidChangeContent((event) => {
    if (!pull) schedulePush(event.document.uri);
  });
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  return {
    configure(capabilities) {
      pull = Boolean(capabilities.textDocument?.diagnostic);
      refreshSupported = Boolean(capabilities.workspace?.diagnostics?.refreshSupport);
    },
    refreshAll() {
      if (pull) {
        if (refreshSupported) void connection.languages.diagnostics.refresh();
      } else {
        for (const document of documents.all()) schedulePush(document.uri);
      }
    },
    onAnalyzed(listener) {
      listeners.push(listener);
    },
  };
}
