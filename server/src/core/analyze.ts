import type { Classifier } from './classifier';
import type { Lexicon } from './lexicon';
import { parsePosting, type FrontMatterValue, type ParsedPosting } from './posting';
import { RULES } from './rules';
import { isJudgedSection } from './sections';
import { withoutSuppressed } from './suppression';
import { rolesFromTitle } from './titles';
import type { Finding, JudgedItem, PostingAnalysis, Range, RoleSource, RuleId, Severity } from './types';

export type SeverityOverride = Severity | 'off';

export interface AnalyzeOptions {
  /** Roles given from outside (the CLI's --role), which win over front matter and title. */
  roles?: string[];
  /** Postings longer than this many characters are checked only up to it. 0 means no limit. */
  maxCharacters?: number;
  severities?: Partial<Record<RuleId, SeverityOverride>>;
}

export const DEFAULT_MAX_CHARACTERS = 1_000_000;

/** Reads-like needs this many judged duties before it speaks about the whole posting. */
const READS_LIKE_MIN_ITEMS = 4;
const READS_LIKE_MIN_SHARE = 0.5;
const READS_LIKE_MAX_FIT = 0.35;

/** Analyzes one posting: its role, every list item's owner, and the findings. Pure: text in, analysis out. */
export function analyzePosting(fullText: string, classifier: Classifier, options: AnalyzeOptions = {}): PostingAnalysis {
  const lexicon = classifier.lexicon;
  const limit = options.maxCharacters ?? DEFAULT_MAX_CHARACTERS;
  const reduced = limit > 0 && fullText.length > limit;
  const text = reduced ? fullText.slice(0, cutAtLineEnd(fullText, limit)) : fullText;
  const posting = parsePosting(text);
  const findings: Finding[] = [];

  if (reduced) {
    findings.push(finding('posting.too-large', `This posting has ${fullText.length.toLocaleString('en')} characters, more than the limit of ${limit.toLocaleString('en')}: only the first ${posting.lines.length.toLocaleString('en')} lines were checked.`, zeroRange()));
  }
  for (const problem of posting.frontMatterProblems) findings.push(finding('posting.front-matter', problem.message, problem.range));

  const { roles, roleSource } = resolveRoles(posting, lexicon, options.roles, findings);

  // The parsed items are this analysis's own, so they are completed in place rather than copied.
  const items = posting.items as JudgedItem[];
  for (const item of items) {
    item.judged = isJudgedSection(item.section.kind);
    item.judgement = classifier.judge(item.text, { section: item.section.kind, heading: item.section.heading });
  }

  const ownerCounts = new Map<string, number>();
  let ownerTotal = 0;
  for (const item of items) {
    if (!item.judged || item.judgement.decision !== 'owner') continue;
    ownerCounts.set(item.judgement.owner!, (ownerCounts.get(item.judgement.owner!) ?? 0) + 1);
    ownerTotal++;
  }
  const fit: Record<string, number> = {};
  for (const [role, count] of [...ownerCounts].sort((a, b) => b[1] - a[1])) fit[role] = count / ownerTotal;
  const postingFit = ownerTotal > 0 && roles.length > 0 ? roles.reduce((sum, role) => sum + (fit[role] ?? 0), 0) : undefined;

  if (roles.length > 0) {
    for (const item of items) {
      if (item.judged && classifier.isForeign(item.judgement, roles)) findings.push(foreignDuty(item, roles, lexicon));
    }
    const readsLike = readsLikeFinding(posting, roles, roleSource, fit, postingFit, ownerTotal, lexicon);
    if (readsLike) findings.push(readsLike);
  } else {
    const likely = Object.keys(fit);
    const others = lexicon.roles.map((r) => r.id).filter((id) => !likely.includes(id));
    findings.push({
      ...finding(
        'role.unknown',
        `rolefit cannot tell which role this posting is for, so its duties are not checked. Add front matter such as "role: ${likely[0] ?? 'cto'}" or a title such as "${lexicon.role(likely[0] ?? 'cto')?.name ?? 'Chief Technology Officer'}".`,
        posting.title?.range ?? zeroRange(),
      ),
      fix: { kind: 'set-role', roles: [...likely, ...others] },
    });
  }

  // A foreign duty belongs to its list marker's line, which its fix data already holds.
  const kept = withoutSuppressed(findings, posting.directives, (f) => (f.fix?.kind === 'foreign-duty' ? f.fix.itemLine : f.range.start.line));
  return {
    roles,
    roleSource,
    title: posting.title,
    frontMatter: posting.frontMatter,
    sections: posting.sections,
    items,
    fit,
    postingFit,
    findings: applySeverities(kept, options.severities),
    reduced: reduced || undefined,
  };
}

function foreignDuty(item: JudgedItem, roles: string[], lexicon: Lexicon): Finding {
  const { judgement } = item;
  const owner = lexicon.role(judgement.owner!)!;
  const area = lexicon.area(owner.id, judgement.area!)!;
  const postingRoleNames = roles.map((id) => lexicon.role(id)?.abbreviation ?? id.toUpperCase()).join('/');
  const evidence = judgement.evidence.map((word) => word.text);
  const kind = item.section.kind === 'requirements' ? 'requirement' : 'duty';
  const quoted = evidence.slice(0, 3).map((word) => `"${word}"`).join(', ');

  let replacement: string | undefined;
  let replacementArea: string | undefined;
  for (const role of roles) {
    const counterpartId = area.counterparts[role];
    const counterpart = counterpartId ? lexicon.area(role, counterpartId) : undefined;
    if (counterpart) {
      replacement = counterpart.duties[0];
      replacementArea = `${role}/${counterpart.id}`;
      break;
    }
  }

  return {
    ...finding('role.foreign-duty', `This ${kind} belongs to the ${owner.abbreviation} (${area.name}: ${quoted}), not to a ${postingRoleNames}.`, item.range),
    owner: owner.id,
    area: area.id,
    evidence,
    text: item.text,
    fix: {
      kind: 'foreign-duty',
      owner: owner.id,
      ownerAbbreviation: owner.abbreviation,
      area: area.id,
      replacement,
      replacementArea,
      partnership: partnershipWording(owner.abbreviation, area.name, evidence),
      itemLine: item.line,
      itemEndLine: item.endLine,
      markerColumn: item.markerColumn,
    },
  };
}

function partnershipWording(ownerAbbreviation: string, areaName: string, evidence: string[]): string {
  const topic = areaName.charAt(0).toLowerCase() + areaName.slice(1);
  const examples = [...new Set(evidence)].slice(0, 3);
  const such = examples.length === 0 ? '' : `, such as ${examples.length > 1 ? `${examples.slice(0, -1).join(', ')} and ${examples.at(-1)}` : examples[0]}`;
  return `Partner with the ${ownerAbbreviation} on ${topic}${such}.`;
}

function readsLikeFinding(
  posting: ParsedPosting,
  roles: string[],
  roleSource: RoleSource,
  fit: Record<string, number>,
  postingFit: number | undefined,
  ownerTotal: number,
  lexicon: Lexicon,
): Finding | undefined {
  if (ownerTotal < READS_LIKE_MIN_ITEMS || postingFit === undefined || postingFit > READS_LIKE_MAX_FIT) return undefined;
  const [leader, share] = Object.entries(fit).find(([role]) => !roles.includes(role)) ?? [];
  if (!leader || share === undefined || share < READS_LIKE_MIN_SHARE) return undefined;
  const role = lexicon.role(leader)!;
  const said = roles.map((id) => lexicon.role(id)?.abbreviation ?? id).join('/');
  const roleLine = posting.frontMatter?.roleLine;
  const range = posting.title?.range ?? (roleLine !== undefined ? lineRange(posting, roleLine) : zeroRange());
  return {
    ...finding(
      'role.reads-like',
      `This posting reads like a ${role.abbreviation} role: ${Math.round(share * 100)}% of its judged duties belong to the ${role.abbreviation} and ${Math.round(postingFit * 100)}% to the ${said} its ${roleSource === 'title' ? 'title' : 'front matter'} names.`,
      range,
    ),
    owner: role.id,
    fix: { kind: 'retitle', title: `${role.name} (${role.abbreviation})`, titleLine: posting.title?.line ?? -1, role: role.id },
  };
}

function resolveRoles(posting: ParsedPosting, lexicon: Lexicon, given: string[] | undefined, findings: Finding[]): { roles: string[]; roleSource: RoleSource } {
  if (given && given.length > 0) return { roles: given, roleSource: 'option' };
  if (posting.roleValue) {
    const roles = rolesFromFrontMatter(posting.roleValue, lexicon, findings);
    if (roles.length > 0) return { roles, roleSource: 'front-matter' };
  }
  if (posting.title) {
    const { roles } = rolesFromTitle(posting.title.text, lexicon);
    if (roles.length > 0) return { roles, roleSource: 'title' };
  }
  return { roles: [], roleSource: 'unknown' };
}

function rolesFromFrontMatter(roleValue: FrontMatterValue, lexicon: Lexicon, findings: Finding[]): string[] {
  const values = Array.isArray(roleValue.value) ? roleValue.value : typeof roleValue.value === 'string' ? roleValue.value.split(',') : [roleValue.value];
  const roles: string[] = [];
  const known = lexicon.roles.map((r) => r.id).join(', ');
  for (const raw of values) {
    if (typeof raw !== 'string' || raw.trim() === '') {
      findings.push(finding('posting.front-matter', `The posting's role should be a role id or a list of them, like "role: cto" or "roles: [cto, cio]". Known roles: ${known}.`, roleValue.range));
      continue;
    }
    const id = raw.trim().toLowerCase();
    const resolved = lexicon.role(id) ? id : lexicon.findRoleMentions(raw)[0]?.roleId;
    if (resolved) roles.push(resolved);
    else findings.push(finding('posting.front-matter', `Unknown role "${raw.trim()}". Known roles: ${known}.`, roleValue.range));
  }
  return unique(roles);
}

function applySeverities(findings: Finding[], severities: AnalyzeOptions['severities']): Finding[] {
  if (!severities) return findings;
  const result: Finding[] = [];
  for (const f of findings) {
    const severity = severities[f.ruleId];
    if (severity === 'off') continue;
    result.push(severity ? { ...f, severity } : f);
  }
  return result;
}

function finding(ruleId: RuleId, message: string, range: Range): Finding {
  return { ruleId, severity: RULES[ruleId].defaultSeverity, message, range };
}

function lineRange(posting: ParsedPosting, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: posting.lines[line]?.length ?? 0 } };
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function cutAtLineEnd(text: string, limit: number): number {
  const lastBreak = Math.max(text.lastIndexOf('\n', limit), text.lastIndexOf('\r', limit));
  if (lastBreak > 0) return lastBreak;
  // Never split a surrogate pair.
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
