import type { DutyArea } from '../knowledge/schema';
import type { Classifier } from './classifier';
import type { Lexicon } from './lexicon';
import { parsePosting, type FrontMatterValue, type ParsedPosting, type TitleLine } from './posting';
import { partnershipOf } from './partnership';
import { RULES } from './rules';
import { isJudgedSection } from './sections';
import { withoutSuppressed } from './suppression';
import { rolesFromTitle, type TitleRoles } from './titles';
import type { Finding, ForeignDutyFix, JudgedItem, PostingAnalysis, Range, RoleSource, RuleId, Severity } from './types';

export type SeverityOverride = Severity | 'off';

export interface AnalyzeOptions {
  /** Roles given from outside (the CLI's --role), which win over front matter and title. */
  roles?: string[];
  /** The file is a posting whatever it looks like (it matches the configured postings). */
  posting?: boolean;
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
  const { title, titleRoles } = postingTitle(posting, lexicon);
  if (!options.posting && !options.roles?.length && !looksLikePosting(posting, titleRoles)) return notAPosting(posting, title);
  const findings: Finding[] = [];

  if (reduced) {
    findings.push(finding('posting.too-large', `This posting has ${fullText.length.toLocaleString('en')} characters, more than the limit of ${limit.toLocaleString('en')}: only the first ${posting.lines.length.toLocaleString('en')} lines were checked.`, zeroRange()));
  }
  for (const problem of posting.frontMatterProblems) findings.push(finding('posting.front-matter', problem.message, problem.range));

  const { roles, roleSource } = resolveRoles(posting, lexicon, options.roles, titleRoles?.roles ?? [], findings);

  // The parsed items are this analysis's own, so they are completed in place rather than copied.
  const items = posting.items as JudgedItem[];
  for (const item of items) {
    item.judged = isJudgedSection(item.section.kind);
    item.judgement = classifier.judge(item.text, { section: item.section.kind, heading: item.section.heading });
  }

  // An item the writer silenced counts for nothing, the posting's fit included.
  const silenced = suppressedItems(items, posting.directives);
  const ownerCounts = new Map<string, number>();
  let ownerTotal = 0;
  for (const item of items) {
    if (!item.judged || item.judgement.decision !== 'owner' || silenced.has(item)) continue;
    ownerCounts.set(item.judgement.owner!, (ownerCounts.get(item.judgement.owner!) ?? 0) + 1);
    ownerTotal++;
  }
  const fit: Record<string, number> = {};
  for (const [role, count] of [...ownerCounts].sort((a, b) => b[1] - a[1])) fit[role] = count / ownerTotal;
  const postingFit = ownerTotal > 0 && roles.length > 0 ? roles.reduce((sum, role) => sum + (fit[role] ?? 0), 0) : undefined;

  if (roles.length > 0) {
    const present = lazy(() => dutiesAlreadyThere(items, roles, lexicon));
    for (const item of items) {
      if (item.judged && classifier.isForeign(item.judgement, roles)) findings.push(foreignDuty(item, roles, present, lexicon));
    }
    const readsLike = readsLikeFinding(posting, title, roles, roleSource, fit, postingFit, ownerTotal, lexicon);
    if (readsLike) findings.push(readsLike);
  } else {
    const likely = Object.keys(fit);
    const others = lexicon.roles.map((r) => r.id).filter((id) => !likely.includes(id));
    findings.push({
      ...finding(
        'role.unknown',
        `rolefit cannot tell which role this posting is for, so its duties are not checked. Add front matter such as "role: ${likely[0] ?? 'cto'}" or a title such as "${lexicon.role(likely[0] ?? 'cto')?.name ?? 'Chief Technology Officer'}".`,
        title?.range ?? zeroRange(),
      ),
      fix: { kind: 'set-role', roles: [...likely, ...others] },
    });
  }

  const kept = withoutSuppressed(findings, posting.directives, (f) => (f.fix?.kind === 'foreign-duty' ? suppressionLine(f.fix) : f.range.start.line));
  return {
    isPosting: true,
    roles,
    roleSource,
    title,
    frontMatter: posting.frontMatter,
    sections: posting.sections,
    items,
    fit,
    postingFit,
    findings: applySeverities(kept, options.severities),
    reduced: reduced || undefined,
  };
}

function foreignDuty(item: JudgedItem, roles: string[], present: () => Set<string>, lexicon: Lexicon): Finding {
  const { judgement } = item;
  const owner = lexicon.role(judgement.owner!)!;
  const area = lexicon.area(owner.id, judgement.area!)!;
  const postingRoleNames = roles.map((id) => lexicon.role(id)?.abbreviation ?? id.toUpperCase()).join('/');
  const evidence = judgement.evidence.map((word) => word.text);
  const quoted = evidence.slice(0, 3).map((word) => `"${word}"`).join(', ');
  const replacement = replacementFor(item, area, roles, present(), lexicon);

  return {
    ...finding('role.foreign-duty', `This duty belongs to the ${owner.abbreviation} (${area.name}${quoted ? `: ${quoted}` : ''}), not to a ${postingRoleNames}.`, item.range),
    owner: owner.id,
    area: area.id,
    evidence,
    text: item.text,
    fix: {
      kind: 'foreign-duty',
      owner: owner.id,
      ownerAbbreviation: owner.abbreviation,
      area: area.id,
      replacement: replacement?.duty,
      replacementArea: replacement?.area,
      partnership: partnershipOf(item.text, owner.abbreviation),
      itemLine: item.line,
      itemEndLine: item.endLine,
      markerColumn: item.markerColumn,
      prose: item.prose ?? false,
    },
  };
}

/** Two duties this alike (shared words over all words) say the same thing: a replacement must not repeat what the posting already has. */
const NEAR_DUPLICATE = 0.5;

/**
 * The posting role's duty that fits the item's subject best: among the role's canonical duties,
 * the one sharing most words with the item, the counterpart area of the item's area first; never
 * one the posting already has, in the same or nearly the same words.
 */
function replacementFor(item: JudgedItem, area: DutyArea, roles: string[], present: Set<string>, lexicon: Lexicon): { duty: string; area: string } | undefined {
  const itemKeys = keysOf(item.text, lexicon);
  let best: { duty: string; area: string; score: number } | undefined;
  for (const role of roles) {
    for (const candidate of lexicon.role(role)?.areas ?? []) {
      const counterpart = area.counterparts[role] === candidate.id;
      for (const duty of candidate.duties) {
        if (present.has(duty)) continue;
        const score = overlap(itemKeys, keysOf(duty, lexicon)) + (counterpart ? 1 : 0);
        if (!best || score > best.score) best = { duty, area: `${role}/${candidate.id}`, score };
      }
    }
  }
  return best && best.score > 0 ? { duty: best.duty, area: best.area } : undefined;
}

/** The posting roles' canonical duties that the posting already has, in the same or nearly the same words. */
function dutiesAlreadyThere(items: readonly JudgedItem[], roles: string[], lexicon: Lexicon): Set<string> {
  const itemKeys = items.map((item) => keysOf(item.text, lexicon));
  // Which items hold each word: a duty is compared only with the items it shares a word with.
  const holders = new Map<string, number[]>();
  itemKeys.forEach((keys, index) => {
    for (const key of keys) {
      const list = holders.get(key);
      if (list) list.push(index);
      else holders.set(key, [index]);
    }
  });
  const there = new Set<string>();
  for (const role of roles) {
    for (const area of lexicon.role(role)?.areas ?? []) {
      for (const duty of area.duties) {
        const keys = keysOf(duty, lexicon);
        const shared = new Map<number, number>();
        for (const key of keys) for (const index of holders.get(key) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
        for (const [index, count] of shared) {
          if (count / (itemKeys[index].size + keys.size - count) >= NEAR_DUPLICATE) {
            there.add(duty);
            break;
          }
        }
      }
    }
  }
  return there;
}

const keyCaches = new WeakMap<Lexicon, Map<string, Set<string>>>();

/** The content words of a text, cached: the same items and canonical duties come back at every keystroke. */
function keysOf(text: string, lexicon: Lexicon): Set<string> {
  let cache = keyCaches.get(lexicon);
  if (!cache) keyCaches.set(lexicon, (cache = new Map()));
  let keys = cache.get(text);
  if (!keys) {
    keys = new Set(lexicon.words(text).filter((w) => !w.stop).map((w) => w.key));
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(text, keys);
  }
  return keys;
}

const KEY_CACHE_LIMIT = 20_000;

/** Computed on first use, then kept: most postings have no foreign duty and never need it. */
function lazy<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared;
}

function readsLikeFinding(
  posting: ParsedPosting,
  title: TitleLine | undefined,
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
  const range = title?.range ?? (roleLine !== undefined ? lineRange(posting, roleLine) : zeroRange());
  return {
    ...finding(
      'role.reads-like',
      `This posting reads like a ${role.abbreviation} role: ${Math.round(share * 100)}% of its judged duties belong to the ${role.abbreviation} and ${Math.round(postingFit * 100)}% to the ${said} its ${roleSource === 'title' ? 'title' : 'front matter'} names.`,
      range,
    ),
    owner: role.id,
    fix: { kind: 'retitle', title: `${role.name} (${role.abbreviation})`, titleLine: title?.line ?? -1, role: role.id },
  };
}

/**
 * The posting's title: its level-one heading, or where that names no post ("Acme", "Orbital
 * Analytics GmbH"), the first line before the list, labelled as the title ("Job title: …") or
 * standing first, that names one ("## VP, Product"); else the heading, whatever it names.
 */
function postingTitle(posting: ParsedPosting, lexicon: Lexicon): { title?: TitleLine; titleRoles?: TitleRoles } {
  const heading = posting.title && { title: posting.title, titleRoles: rolesFromTitle(posting.title.text, lexicon) };
  if (heading && heading.titleRoles.roles.length > 0 && heading.titleRoles.namesPost) return heading;
  for (const title of posting.otherTitles) {
    const titleRoles = rolesFromTitle(title.text, lexicon);
    if (titleRoles.roles.length > 0 && titleRoles.namesPost) return { title, titleRoles };
  }
  return heading ?? {};
}

function resolveRoles(posting: ParsedPosting, lexicon: Lexicon, given: string[] | undefined, titleRoles: string[], findings: Finding[]): { roles: string[]; roleSource: RoleSource } {
  if (given && given.length > 0) return { roles: given, roleSource: 'option' };
  if (posting.roleValue) {
    const roles = rolesFromFrontMatter(posting.roleValue, lexicon, findings);
    if (roles.length > 0) return { roles, roleSource: 'front-matter' };
  }
  if (titleRoles.length > 0) return { roles: titleRoles, roleSource: 'title' };
  return { roles: [], roleSource: 'unknown' };
}

/**
 * A Markdown file is read as a posting when its front matter gives a role, its title names a post
 * ("Head of Product", "CTO"), or it has the sections of a job posting: duties with requirements,
 * benefits or how to apply, or requirements with benefits. Notes, READMEs and changelogs are not.
 */
function looksLikePosting(posting: ParsedPosting, titleRoles: TitleRoles | undefined): boolean {
  if (posting.roleValue) return true;
  if (titleRoles && titleRoles.roles.length > 0 && titleRoles.namesPost) return true;
  // Headings only: a note's "Requirements:" and "Tasks:" lines do not make it a posting.
  const kinds = new Set(posting.sections.filter((section) => section.line >= 0 && !section.leadIn).map((section) => section.kind));
  if (kinds.has('responsibilities')) return kinds.has('requirements') || kinds.has('benefits') || kinds.has('application');
  return kinds.has('requirements') && kinds.has('benefits');
}

function notAPosting(posting: ParsedPosting, title: TitleLine | undefined): PostingAnalysis {
  return { isPosting: false, roles: [], roleSource: 'unknown', title, frontMatter: posting.frontMatter, sections: posting.sections, items: [], fit: {}, findings: [] };
}

/** The line a suppression comment must name for a foreign duty: the list marker's, or for a sentence of prose the line it ends on. */
function suppressionLine(fix: ForeignDutyFix): number {
  return fix.prose ? fix.itemEndLine : fix.itemLine;
}

function suppressedItems(items: readonly JudgedItem[], directives: ParsedPosting['directives']): Set<JudgedItem> {
  if (directives.length === 0) return new Set();
  const probes = items.map((item) => ({ ruleId: 'role.foreign-duty' as const, severity: 'warning' as const, message: '', range: item.range, line: item.prose ? item.endLine : item.line }));
  const kept = new Set(withoutSuppressed(probes, directives, (probe) => (probe as (typeof probes)[number]).line));
  return new Set(items.filter((_, index) => !kept.has(probes[index])));
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
