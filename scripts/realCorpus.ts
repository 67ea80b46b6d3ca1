/**
 * The labelled real postings (shared/corpus/real): loading, the split by source, folds for
 * cross-validation and transplanted foreign duties.
 *
 * Everything is grouped by source (a web site or a repository), never by sentence, so a number
 * computed on a fold predicts postings from sources rolefit has never seen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { seededRandom } from './postings';

export const CONCRETE_ROLES = ['cto', 'cio', 'cpo', 'ciso', 'cdo'] as const;

export interface RealLabel {
  file: string;
  bulletIndex: number;
  /** 1-based line of the list marker, front matter included. */
  line: number;
  section: string;
  kind: 'duty' | 'requirement' | 'other';
  owner: string;
  confidence: 'high' | 'medium';
  note: string;
}

export interface RealPosting {
  file: string;
  text: string;
  roles: string[];
  title: string;
  source: string;
  /** The site or repository the posting came from: postings of one group are always held out together. */
  group: string;
  /** True for the fixed third of sources kept aside: scored to report, never read to tune hand-written rules. */
  aside: boolean;
  labels: RealLabel[];
}

/** The real corpus folder: $ROLEFIT_REAL_CORPUS, or shared/corpus/real beside the repository. */
export function realCorpusDir(): string | undefined {
  const dir = process.env.ROLEFIT_REAL_CORPUS ?? path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'real');
  return fs.existsSync(path.join(dir, 'labels.tsv')) ? dir : undefined;
}

/** "https://www.example.gov/jobs/x" → "example.gov"; "owner/repo path/in/repo (…)" → "owner/repo". */
export function sourceGroup(source: string): string {
  const url = /^https?:\/\/([^/\s]+)/i.exec(source.trim());
  if (url) return url[1].toLowerCase().replace(/^www\d?\./, '');
  return source.trim().split(/\s+/)[0].toLowerCase();
}

/** FNV-1a: a stable hash, so the split and the folds are the same on every machine and every run. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One source in three is kept aside, chosen by a hash of its name. */
export function isAsideGroup(group: string): boolean {
  return stableHash(`aside:${group}`) % 3 === 0;
}

export function loadRealCorpus(dir: string): RealPosting[] {
  const labels = fs
    .readFileSync(path.join(dir, 'labels.tsv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line): RealLabel => {
      const [file, bulletIndex, lineNumber, section, kind, owner, confidence, note] = line.split('\t');
      return { file, bulletIndex: Number(bulletIndex), line: Number(lineNumber), section, kind: kind as RealLabel['kind'], owner, confidence: confidence as RealLabel['confidence'], note: note ?? '' };
    });
  const byFile = new Map<string, RealLabel[]>();
  for (const label of labels) byFile.set(label.file, [...(byFile.get(label.file) ?? []), label]);

  return [...byFile.keys()].sort().map((file) => {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const frontMatter = parse(/^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? '') as Record<string, unknown>;
    const roleValue = frontMatter.roles ?? frontMatter.role;
    const roles = (Array.isArray(roleValue) ? roleValue : [roleValue]).map(String);
    const source = String(frontMatter.source ?? file);
    const group = sourceGroup(source);
    return { file, text, roles, title: String(frontMatter.title ?? ''), source, group, aside: isAsideGroup(group), labels: byFile.get(file)! };
  });
}

/** k folds of whole sources: fold(posting) is the same for every posting of one group. */
export function foldOf(group: string, folds: number): number {
  return stableHash(`fold:${group}`) % folds;
}

/** The posting with its front matter removed, as a title-only reader sees it. */
export function withoutFrontMatter(text: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  return match ? text.slice(match[0].length) : text;
}

/** The text of the list item whose marker is on `line` (1-based), continuation lines joined. */
export function itemText(text: string, line: number): string {
  const lines = text.split(/\r?\n/);
  const first = lines[line - 1] ?? '';
  const marker = /^([ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(first);
  if (!marker) return first.trim();
  const parts = [first.slice(marker[0].length)];
  for (let i = line; i < lines.length; i++) {
    const next = lines[i];
    if (next.trim() === '' || /^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.test(next) || /^[ \t]*#/.test(next)) break;
    parts.push(next.trim());
  }
  return parts.join(' ').trim();
}

export interface Transplant {
  /** 1-based line of the inserted item in the new text. */
  line: number;
  owner: string;
  text: string;
  from: string;
  /** The donor is a source kept aside, whose sentences are never shown. */
  fromAside: boolean;
}

/** The posting's list of duties: the labelled duties under the heading that holds the most of them. */
function dutyList(posting: RealPosting): RealLabel[] {
  const bySection = new Map<string, RealLabel[]>();
  for (const label of posting.labels.filter((l) => l.kind === 'duty')) bySection.set(label.section, [...(bySection.get(label.section) ?? []), label]);
  return [...bySection.values()].sort((a, b) => b.length - a.length)[0] ?? [];
}

/**
 * Inserts `count` high-confidence duties of other roles, taken from postings of other sources in
 * `donors`, into the posting's list of duties, each right after one of the duties of that list and
 * written with that item's marker and indentation. Deterministic for a given posting.
 */
export function transplant(posting: RealPosting, donors: RealPosting[], count = 3): { text: string; transplants: Transplant[] } | undefined {
  const hostDuties = dutyList(posting);
  if (hostDuties.length === 0) return undefined;
  const candidates = donors
    .filter((d) => d.group !== posting.group)
    .flatMap((d) =>
      d.labels
        .filter((l) => l.kind === 'duty' && l.confidence === 'high' && (CONCRETE_ROLES as readonly string[]).includes(l.owner) && !posting.roles.includes(l.owner))
        .map((l) => ({ owner: l.owner, text: itemText(d.text, l.line), from: `${d.file}:${l.line}`, fromAside: d.aside })),
    )
    .filter((c) => c.text.length > 0);
  if (candidates.length === 0) return undefined;

  const random = seededRandom(stableHash(`transplant:${posting.file}`));
  const chosen: typeof candidates = [];
  const pool = [...candidates];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);

  const lines = posting.text.split(/\r?\n/);
  // Insert after distinct host items, bottom-up so earlier insertions do not move later ones.
  const hosts = hostDuties.map((l) => l.line);
  const anchors: number[] = [];
  for (let i = 0; i < chosen.length; i++) anchors.push(hosts[Math.floor(random() * hosts.length)]);
  const insertions = chosen.map((c, i) => ({ ...c, after: itemEnd(lines, anchors[i]), prefix: markerPrefix(lines[anchors[i] - 1]) }));
  insertions.sort((a, b) => a.after - b.after);
  const out: string[] = [];
  const transplants: Transplant[] = [];
  let next = 0;
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    while (next < insertions.length && insertions[next].after === i + 1) {
      const insertion = insertions[next++];
      out.push(`${insertion.prefix}${insertion.text}`);
      transplants.push({ line: out.length, owner: insertion.owner, text: insertion.text, from: insertion.from, fromAside: insertion.fromAside });
    }
  }
  return { text: out.join('\n'), transplants };
}

/** The last line (1-based) of the item whose marker is on `line`, nested items and continuations included. */
function itemEnd(lines: string[], line: number): number {
  const indent = /^[ \t>]*/.exec(lines[line - 1])![0].length;
  let end = line;
  for (let i = line; i < lines.length; i++) {
    const next = lines[i];
    if (next.trim() === '') break;
    const nextIndent = /^[ \t>]*/.exec(next)![0].length;
    if (nextIndent <= indent && (/^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+/.test(next) || /^[ \t]*#/.test(next))) break;
    end = i + 1;
  }
  return end;
}

function markerPrefix(line: string): string {
  const match = /^([ \t>]*)([-*+]|\d{1,9}[.)])([ \t]+)/.exec(line);
  return match ? `${match[1]}${match[2]}${match[3]}` : '- ';
}
