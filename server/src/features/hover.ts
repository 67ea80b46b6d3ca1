import { MarkupKind, type Connection, type Hover, type Position, type Range, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeForeignVerdict, describeNamedOwner, type Classifier, type JudgedItem, type Lexicon, type PostingAnalysis } from '../core';
import type { Analyses } from './analyses';
import { guarded } from './guard';

/** Hover on an item: who owns it and why. On the title or the front matter role: each role's focus. */
export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, analyses: Analyses): void {
  connection.onHover((params) =>
    guarded(connection, 'hover', null as Hover | null, async () => {
      if (!documents.get(params.textDocument.uri)) return null;
      const result = await analyses.get(params.textDocument.uri);
      if (!result) return null;
      const { analysis, classifier } = result;
      const position = params.position;
      // Benefits, about-us and how-to-apply lists are not judged, so they get no verdict.
      const item = analysis.items.find((i) => i.judged && (i.prose ? contains(i.range, position) : i.line <= position.line && position.line <= i.range.end.line));
      if (item) return { contents: { kind: MarkupKind.Markdown, value: itemHover(item, analysis, classifier) }, range: item.range };
      const onTitle = analysis.title && analysis.title.line === position.line;
      const onRole = analysis.frontMatter?.roleLine === position.line;
      if ((onTitle || onRole) && analysis.roles.length > 0) {
        return { contents: { kind: MarkupKind.Markdown, value: rolesHover(analysis, classifier.lexicon) }, range: onTitle ? analysis.title!.range : undefined };
      }
      return null;
    }),
  );
}

/** Whether a sentence of prose holds the position: several share a line. */
function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

function abbreviation(lexicon: Lexicon, id: string): string {
  return lexicon.role(id)?.abbreviation ?? id;
}

export function itemHover(item: JudgedItem, analysis: PostingAnalysis, classifier: Classifier): string {
  const { judgement } = item;
  const lexicon = classifier.lexicon;
  const lines: string[] = [];
  if (judgement.decision === 'owner') {
    const role = lexicon.role(judgement.owner!)!;
    const area = lexicon.area(role.id, judgement.area!);
    lines.push(`**rolefit** · owned by the **${role.abbreviation}** (${role.name}) · duty area *${area?.name ?? judgement.area}*`);
    const named = describeNamedOwner(judgement, lexicon);
    if (named) lines.push('', `${named[0].toUpperCase()}${named.slice(1)}.`);
    const verdict = item.judged ? classifier.foreignVerdict(judgement, analysis.roles) : undefined;
    const postingRoles = analysis.roles.map((r) => abbreviation(lexicon, r)).join('/');
    if (item.judged && analysis.roles.includes(role.id)) lines.push('', `Part of this ${postingRoles} role.`);
    else if (verdict) {
      const reason = describeForeignVerdict(verdict, judgement, analysis.roles, lexicon);
      lines.push('', verdict.flagged ? `Not part of a ${postingRoles} role: flagged as \`role.foreign-duty\` (${reason}).` : `Not flagged: ${reason}, so a reasonable expert could give it to the ${postingRoles}.`);
    }
  } else if (judgement.decision === 'shared') {
    const what = judgement.collaboratesWith
      ? `works with the ${judgement.collaboratesWith}`
      : (lexicon.commonArea(judgement.commonArea ?? '')?.name ?? 'a duty any executive may hold');
    lines.push(`**rolefit** · shared duty: ${what}. Never flagged.`);
  } else if (judgement.decision === 'neutral') {
    lines.push('**rolefit** · a requirement or statement, not a duty: never flagged.');
  } else {
    lines.push('**rolefit** · unclear: not enough evidence for one role, so it is not flagged.');
  }

  if (judgement.decision !== 'neutral') {
    const likely = Object.entries(judgement.scores).filter(([, p]) => p >= 0.05).sort((a, b) => b[1] - a[1]);
    lines.push('', '| Owner | Likelihood |', '|:--|--:|');
    for (const [cls, p] of likely) lines.push(`| ${cls === judgement.owner ? `**${abbreviation(lexicon, cls)}**` : abbreviation(lexicon, cls)} | ${Math.round(p * 100)}% |`);
  }
  if (judgement.evidence.length > 0) {
    lines.push('', `Decided by: ${judgement.evidence.map((e) => `"${e.text}"`).join(', ')}`);
  }
  if (judgement.decision === 'owner') {
    const area = lexicon.area(judgement.owner!, judgement.area!);
    const sources = (area?.sources ?? []).map((id) => lexicon.knowledge.sources.find((s) => s.id === id)).filter((s) => s !== undefined);
    if (sources.length > 0) lines.push('', `Source: ${sources.map((s) => `[${s.title}](${s.url})`).join(' · ')}`);
  }
  return lines.join('\n');
}

function rolesHover(analysis: PostingAnalysis, lexicon: Lexicon): string {
  const lines = analysis.roles.map((id) => {
    const role = lexicon.role(id);
    return role ? `**${role.abbreviation}** — ${role.name}: ${role.focus}` : `**${id}**`;
  });
  const from = { 'front-matter': 'the front matter', title: 'the title', option: 'an option', unknown: 'nowhere' }[analysis.roleSource];
  lines.push('', `*Role taken from ${from}.*`);
  return lines.join('\n\n');
}
