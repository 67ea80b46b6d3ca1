import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lexicon, PostingAnalysis } from '../core';
import { REPORT_REQUEST, STATUS_NOTIFICATION, type PostingStatus, type ReportParams, type ReportResult } from '../protocol';
import type { Analyses, AnalyzedDocument } from './analyses';
import type { DiagnosticsFeature } from './diagnostics';
import { guarded } from './guard';

/** Tells the client each posting's role and fit (the status bar), and answers report requests. */
export function registerStatus(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses, diagnostics: DiagnosticsFeature): void {
  const lastSent = new Map<string, string>();
  documents.onDidClose((event) => lastSent.delete(event.document.uri));
  diagnostics.onAnalyzed((result) => {
    const status = postingStatus(result);
    const key = JSON.stringify({ ...status, version: 0 });
    if (lastSent.get(status.uri) === key) return;
    lastSent.set(status.uri, key);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  });

  connection.onRequest(REPORT_REQUEST, (params: ReportParams) =>
    guarded(connection, 'report', { markdown: 'rolefit could not build a report for this file.' } as ReportResult, async () => {
      const result = await analyses.get(params.uri);
      if (!result) return { markdown: 'rolefit does not check this file (it is not Markdown, is excluded by rolefit.files, or rolefit is disabled).' };
      return { markdown: roleReport(result.analysis, result.classifier.lexicon) };
    }),
  );
}

function postingStatus({ document, analysis, classifier }: AnalyzedDocument): PostingStatus {
  const name = (id: string) => classifier.lexicon.role(id)?.abbreviation ?? id;
  return {
    uri: document.uri,
    version: document.version,
    roles: analysis.roles.map(name),
    roleSource: analysis.roleSource,
    fitPercent: analysis.postingFit === undefined ? null : Math.round(analysis.postingFit * 100),
    shares: Object.entries(analysis.fit).map(([role, share]) => ({ role: name(role), percent: Math.round(share * 100) })),
    findings: analysis.findings.length,
    reduced: Boolean(analysis.reduced),
  };
}

/** A readable per-role breakdown of a posting, as Markdown. */
export function roleReport(analysis: PostingAnalysis, lexicon: Lexicon): string {
  const name = (id: string) => lexicon.role(id)?.abbreviation ?? id;
  const lines: string[] = ['# rolefit report', ''];
  const from = { 'front-matter': 'front matter', title: 'title', option: 'option', unknown: 'not known' }[analysis.roleSource];
  lines.push(`**Role:** ${analysis.roles.length ? analysis.roles.map((id) => `${name(id)} (${lexicon.role(id)?.name ?? id})`).join(', ') : 'unknown'} — from the ${from}.`);
  if (analysis.postingFit !== undefined) lines.push(`**Fit:** ${Math.round(analysis.postingFit * 100)}% of the judged duties belong to the posting's role.`);
  if (analysis.reduced) lines.push('', '*The posting is over the size limit: only its beginning was checked.*');
  lines.push('', '| Role | Share | Duties |', '|:--|--:|--:|');
  const judged = analysis.items.filter((i) => i.judged);
  for (const [role, share] of Object.entries(analysis.fit)) {
    lines.push(`| ${name(role)} | ${Math.round(share * 100)}% | ${judged.filter((i) => i.judgement.owner === role).length} |`);
  }
  const count = (decision: string) => judged.filter((i) => i.judgement.decision === decision).length;
  lines.push(`| shared | — | ${count('shared')} |`, `| not a role duty | — | ${count('neutral')} |`, `| unclear | — | ${count('unclear')} |`);

  const byOwner = new Map<string, typeof judged>();
  for (const item of judged) {
    const key = item.judgement.decision === 'owner' ? name(item.judgement.owner!) : item.judgement.decision;
    byOwner.set(key, [...(byOwner.get(key) ?? []), item]);
  }
  for (const [owner, items] of byOwner) {
    lines.push('', `## ${owner}`, '');
    for (const item of items) {
      const area = item.judgement.owner && item.judgement.area ? lexicon.area(item.judgement.owner, item.judgement.area)?.name : undefined;
      const flagged = analysis.findings.some((f) => f.ruleId === 'role.foreign-duty' && f.range === item.range);
      lines.push(`- Line ${item.line + 1}${flagged ? ' ⚠' : ''}: ${item.text}${area ? ` — *${area}*` : ''}`);
    }
  }
  if (analysis.findings.length > 0) {
    lines.push('', '## Findings', '');
    for (const f of analysis.findings) lines.push(`- Line ${f.range.start.line + 1}, \`${f.ruleId}\`: ${f.message}`);
  }
  return lines.join('\n');
}
