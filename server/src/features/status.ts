import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lexicon, PostingAnalysis } from '../core';
import { REPORT_REQUEST, ROLE_SOURCE_NAMES, STATUS_NOTIFICATION, type PostingStatus, type ReportGroup, type ReportParams, type ReportResult } from '../protocol';
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
    guarded(connection, 'report', notChecked('rolefit could not build a report for this file.'), async () => {
      const result = await analyses.get(params.uri);
      if (!result) return notChecked('rolefit does not check this file: it is not Markdown, the settings exclude it, or rolefit is turned off.');
      if (!result.analysis.isPosting) return notChecked('This file does not read like a job posting, so rolefit does not check it. Add front matter such as "role: cto", a title such as "Head of Product", or the sections of a posting (Responsibilities, Requirements).');
      return roleReport(result.analysis, result.classifier.lexicon);
    }),
  );
}

function postingStatus({ document, analysis, classifier }: AnalyzedDocument): PostingStatus {
  const name = (id: string) => classifier.lexicon.role(id)?.abbreviation ?? id;
  return {
    uri: document.uri,
    version: document.version,
    posting: analysis.isPosting,
    roles: analysis.roles.map(name),
    roleSource: analysis.roleSource,
    fitPercent: analysis.postingFit === undefined ? null : Math.round(analysis.postingFit * 100),
    shares: Object.entries(analysis.fit).map(([role, share]) => ({ role: name(role), percent: Math.round(share * 100) })),
    findings: analysis.findings.length,
    reduced: Boolean(analysis.reduced),
  };
}

function notChecked(message: string): ReportResult {
  return { posting: false, message, title: '', roles: [], roleSource: 'unknown', fitPercent: null, reduced: false, shares: [], groups: [], notes: [], markdown: message };
}

/** The role report: the posting's own role first, the share of duties per role, and every judged item by owner. */
export function roleReport(analysis: PostingAnalysis, lexicon: Lexicon): ReportResult {
  const name = (id: string) => lexicon.role(id)?.abbreviation ?? id.toUpperCase();
  const own = (id: string) => analysis.roles.includes(id);
  const ownFirst = (a: string, b: string) => Number(own(b)) - Number(own(a));
  const shares = Object.entries(analysis.fit)
    .sort(([a, x], [b, y]) => ownFirst(a, b) || y - x)
    .map(([role, share]) => ({ role: name(role), name: lexicon.role(role)?.name ?? role, percent: Math.round(share * 100), own: own(role) }));
  for (const role of analysis.roles) if (!(role in analysis.fit)) shares.unshift({ role: name(role), name: lexicon.role(role)?.name ?? role, percent: 0, own: true });

  const flags = new Map(analysis.findings.filter((f) => f.ruleId === 'role.foreign-duty').map((f) => [`${f.range.start.line}:${f.range.start.character}`, f.message]));
  const groups = new Map<string, ReportGroup>();
  const groupOf = (key: string, heading: string, isOwn: boolean) => groups.get(key) ?? groups.set(key, { heading, own: isOwn, items: [] }).get(key)!;
  const roleHeading = (role: string) => `${name(role)} — ${lexicon.role(role)?.name ?? role}`;
  for (const role of analysis.roles) groupOf(role, roleHeading(role), true);
  const judged = analysis.items.filter((item) => item.judged);
  const owners = [...new Set(judged.filter((i) => i.judgement.decision === 'owner').map((i) => i.judgement.owner!))].sort((a, b) => ownFirst(a, b) || (analysis.fit[b] ?? 0) - (analysis.fit[a] ?? 0));
  for (const role of owners) groupOf(role, roleHeading(role), own(role));
  groupOf('shared', 'Shared: any executive\'s duty', false);
  groupOf('unclear', 'Not clear: no role stands out', false);
  groupOf('neutral', 'Requirements and other items', false);
  for (const item of judged) {
    const { judgement } = item;
    const key = judgement.decision === 'owner' ? judgement.owner! : judgement.decision;
    const area = judgement.decision === 'owner' && judgement.area ? lexicon.area(judgement.owner!, judgement.area)?.name : undefined;
    groups.get(key)!.items.push({ line: item.range.start.line, character: item.range.start.character, text: item.text, area, flagged: flags.get(`${item.range.start.line}:${item.range.start.character}`) });
  }
  const report: Omit<ReportResult, 'markdown'> = {
    posting: true,
    title: analysis.title?.text ?? '',
    roles: analysis.roles.map(name),
    roleSource: analysis.roleSource,
    fitPercent: analysis.postingFit === undefined ? null : Math.round(analysis.postingFit * 100),
    reduced: Boolean(analysis.reduced),
    shares,
    groups: [...groups.values()].filter((group) => group.own || group.items.length > 0),
    notes: analysis.findings.filter((f) => f.ruleId !== 'role.foreign-duty').map((f) => ({ line: f.range.start.line, message: f.message })),
  };
  return { ...report, markdown: reportMarkdown(report) };
}

function reportMarkdown(report: Omit<ReportResult, 'markdown'>): string {
  const lines = [`# Role report${report.title ? `: ${report.title}` : ''}`, ''];
  lines.push(`**Role:** ${report.roles.length > 0 ? report.roles.join(', ') : 'unknown'}, from the ${ROLE_SOURCE_NAMES[report.roleSource]}.`);
  if (report.fitPercent !== null) lines.push(`**Fit:** ${report.fitPercent}% of the duties with an owner belong to the posting's role.`);
  if (report.reduced) lines.push('', '*The posting is over the size limit: only its beginning was checked.*');
  if (report.shares.length > 0) {
    lines.push('', '| Role | Share of duties |', '|:--|--:|');
    for (const share of report.shares) lines.push(`| ${share.own ? `**${share.role}**` : share.role} | ${share.percent}% |`);
  }
  for (const group of report.groups) {
    lines.push('', `## ${group.heading}`, '');
    if (group.items.length === 0) lines.push('No duty of this role yet.');
    for (const item of group.items) lines.push(`- Line ${item.line + 1}${item.flagged ? ' ⚠' : ''}: ${item.text}${item.area ? ` (*${item.area}*)` : ''}`);
  }
  if (report.notes.length > 0) {
    lines.push('', '## Notes', '');
    for (const note of report.notes) lines.push(`- Line ${note.line + 1}: ${note.message}`);
  }
  return lines.join('\n');
}
