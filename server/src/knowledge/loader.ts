import { isMap, isScalar, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { Range } from '../core/types';
import {
  KnowledgeBaseSchema,
  RoleSchema,
  UserConfigSchema,
  type KnowledgeBase,
  type Role,
  type UserConfig,
} from './schema';

/** A problem in a knowledge-base or configuration file, precise enough to put a squiggle on it. */
export interface ConfigProblem {
  file: string;
  /** Path inside the file, like ["roles", 0, "areas", 2, "id"]. */
  path: Array<string | number>;
  message: string;
  range: Range;
  /** An error leaves the whole file out; a warning is worth knowing but the file is used. */
  severity: 'error' | 'warning';
}

/** Configuration files larger than this are refused before parsing: one is a few kilobytes. */
export const MAX_CONFIG_BYTES = 1_000_000;

export const USER_CONFIG_FILE_NAMES = ['.rolefit.yaml', '.rolefit.yml', '.rolefit.json'] as const;

interface ParsedYaml {
  document?: Document.Parsed;
  data?: unknown;
  problems: ConfigProblem[];
  positionOf: (offset: number) => { line: number; character: number };
}

/** Parses YAML (JSON is YAML too) as plain data: no custom tags, no aliases expanded without limit. */
function readYaml(file: string, text: string): ParsedYaml {
  const positionOf = positionsIn(text);
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      problems: [{ file, path: [], message: `The file has ${text.length.toLocaleString('en')} characters; a configuration file may have at most ${MAX_CONFIG_BYTES.toLocaleString('en')}.`, range: { start: positionOf(0), end: positionOf(0) }, severity: 'error' }],
      positionOf,
    };
  }
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, customTags: [] });
  const problems: ConfigProblem[] = [];
  for (const error of [...document.errors, ...document.warnings]) {
    problems.push({
      file,
      path: [],
      message: error.message.split('\n')[0],
      range: { start: positionOf(error.pos[0]), end: positionOf(Math.max(error.pos[0], error.pos[1])) },
      severity: 'error',
    });
  }
  if (problems.length > 0) return { document, problems, positionOf };
  try {
    return { document, data: document.toJS({ maxAliasCount: 100 }) ?? {}, problems, positionOf };
  } catch (error) {
    // toJS throws on an alias to a missing anchor and on too many aliases (a "billion laughs" file).
    return { document, problems: [{ file, path: [], message: (error as Error).message, range: { start: positionOf(0), end: positionOf(0) }, severity: 'error' }], positionOf };
  }
}

/** Turns zod issues into problems that point at the offending node of the YAML document. */
function issuesToProblems(file: string, parsed: ParsedYaml, issues: z.core.$ZodIssue[], pathPrefix: Array<string | number> = []): ConfigProblem[] {
  return issues.map((issue) => {
    let path = [...pathPrefix, ...(issue.path as Array<string | number>)];
    let message = issue.message;
    const atKey = issue.code === 'unrecognized_keys';
    if (atKey) {
      path = [...path, issue.keys[0]];
      message = `Unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
    }
    return { file, path, message: `${formatPath(path)}: ${message}`, range: rangeOfPath(parsed, path, atKey), severity: 'error' as const };
  });
}

function formatPath(path: Array<string | number>): string {
  if (path.length === 0) return '(top level)';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

/** The range of the deepest node along `path` that exists; with `atKey`, the last key rather than its value. */
function rangeOfPath(parsed: ParsedYaml, path: Array<string | number>, atKey = false): Range {
  const { document, positionOf } = parsed;
  let node: unknown = document?.contents;
  let range: [number, number] | undefined = (node as YamlNode | undefined)?.range?.slice(0, 2) as [number, number] | undefined;
  for (const [index, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
      if (!pair) break;
      const keyRange = (pair.key as YamlNode).range;
      const valueRange = (pair.value as YamlNode | null)?.range;
      range = (valueRange ?? keyRange)?.slice(0, 2) as [number, number];
      // Point at the key when the value is a whole block: a squiggle over 40 lines helps nobody.
      if (keyRange && valueRange && (!isScalar(pair.value) || (atKey && index === path.length - 1))) range = keyRange.slice(0, 2) as [number, number];
      node = pair.value;
    } else if (node && typeof node === 'object' && 'items' in node && typeof part === 'number') {
      const item = (node as { items: unknown[] }).items[part] as YamlNode | undefined;
      if (!item) break;
      range = item.range?.slice(0, 2) as [number, number];
      node = item;
    } else break;
  }
  const [start, end] = range ?? [0, 0];
  return { start: positionOf(start), end: positionOf(end) };
}

function positionsIn(text: string) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    const at = Math.max(starts[low], Math.min(offset, text.length));
    // The YAML parser may point between the halves of a surrogate pair: move past the pair.
    const splitsPair = /[\ud800-\udbff]/.test(text.charAt(at - 1)) && /[\udc00-\udfff]/.test(text.charAt(at));
    return { line: low, character: (splitsPair ? at + 1 : at) - starts[low] };
  };
}

export interface KnowledgeFile {
  /** Path relative to the knowledge folder: "sources.yaml", "common.yaml", "roles/cto.yaml". */
  path: string;
  text: string;
}

/**
 * Builds the built-in knowledge base from its files. The files ship with rolefit, so any problem
 * is a bug: it is thrown with every message, and a unit test keeps the data valid.
 */
export function loadBuiltinKnowledge(files: KnowledgeFile[]): KnowledgeBase {
  const problems: ConfigProblem[] = [];
  const combined: Record<string, unknown> = { roles: [] };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = readYaml(file.path, file.text);
    problems.push(...parsed.problems);
    if (parsed.data === undefined) continue;
    if (file.path.startsWith('roles/')) {
      const role = RoleSchema.safeParse(parsed.data);
      if (role.success) (combined.roles as Role[]).push(role.data);
      else problems.push(...issuesToProblems(file.path, parsed, role.error.issues));
    } else {
      Object.assign(combined, parsed.data);
    }
  }
  return validateBuiltin(combined, problems);
}

function validateBuiltin(data: unknown, problems: ConfigProblem[]): KnowledgeBase {
  const result = KnowledgeBaseSchema.safeParse(data);
  if (!result.success) problems.push(...result.error.issues.map((issue) => ({ file: '(knowledge base)', path: issue.path as Array<string | number>, message: issue.message, range: zeroRange(), severity: 'error' as const })));
  if (result.success) problems.push(...crossReferenceProblems(result.data).map((p) => ({ file: '(knowledge base)', path: p.path, message: `${formatPath(p.path)}: ${p.message}`, range: zeroRange(), severity: 'error' as const })));
  if (problems.length > 0) {
    throw new Error(`The built-in knowledge base is invalid:\n${problems.map((p) => `${p.file}: ${p.message}`).join('\n')}`);
  }
  return result.data!;
}

export interface UserConfigResult {
  config?: UserConfig;
  problems: ConfigProblem[];
}

/** Reads a workspace configuration file. Never throws: every problem comes back with its place in the file. */
export function parseUserConfig(file: string, text: string): UserConfigResult {
  const parsed = readYaml(file, text);
  if (parsed.data === undefined) return { problems: parsed.problems };
  const result = UserConfigSchema.safeParse(parsed.data);
  if (!result.success) return { problems: issuesToProblems(file, parsed, result.error.issues) };
  return { config: result.data, problems: [] };
}

export interface MergeResult {
  knowledge: KnowledgeBase;
  problems: ConfigProblem[];
}

/** The list fields of a role that a configuration file adds to, unless the role says `replace: true`. */
const LIST_FIELDS = ['titles', 'teams', 'functions', 'skills', 'metrics', 'sources'] as const;

/**
 * Lays a configuration file's roles over the built-in knowledge base: a role with a new id is added;
 * a role with a known id gets its list fields extended (or replaced with `replace: true`), its other
 * given fields replaced and its areas merged by id. When the result does not hold together (a
 * counterpart naming a missing role, say) the built-in knowledge base is kept. Warnings (a role left
 * without a title) do not stop the file from being used.
 */
export function mergeKnowledge(base: KnowledgeBase, config: UserConfig, file: string, fileText: string): MergeResult {
  const roles = base.roles.map((role) => ({ ...role }));
  const problems: ConfigProblem[] = [];
  const parsed = readYaml(file, fileText);
  const at = (path: Array<string | number>, message: string, severity: ConfigProblem['severity']): ConfigProblem => ({ file, path, message: `${formatPath(path)}: ${message}`, range: rangeOfPath(parsed, path), severity });
  config.roles.forEach((override, index) => {
    const { replace, ...fields } = override;
    const existing = roles.findIndex((role) => role.id === override.id);
    if (existing < 0) {
      const role = RoleSchema.safeParse(fields);
      if (role.success) roles.push(role.data);
      else problems.push(...issuesToProblems(file, parsed, role.error.issues, ['roles', index]).map((p) => ({ ...p, message: `${p.message} (a new role "${override.id}" needs every field)` })));
      return;
    }
    const current = roles[existing];
    const merged: Role = { ...current, ...stripUndefined(fields), areas: mergeById(current.areas, fields.areas ?? []) };
    for (const field of LIST_FIELDS) {
      const given = fields[field];
      if (given && !replace) merged[field] = [...new Set([...current[field], ...given])];
    }
    roles[existing] = merged;
    if (merged.titles.length === 0) {
      problems.push(at(['roles', index, 'titles'], `Role "${override.id}" is left with no title, so no posting title names it; only front matter ("role: ${override.id}") will.`, 'warning'));
    } else if (replace && fields.titles) {
      const dropped = current.titles.filter((title) => !merged.titles.includes(title));
      if (dropped.length > 0) {
        problems.push(at(['roles', index, 'titles'], `With "replace: true", postings titled ${dropped.slice(0, 4).map((t) => `"${t}"`).join(', ')}${dropped.length > 4 ? ' …' : ''} are no longer read as ${current.abbreviation} postings; drop "replace" to add titles instead.`, 'warning'));
      }
    }
  });
  const knowledge: KnowledgeBase = {
    ...base,
    sources: mergeById(base.sources, config.sources),
    roles,
    common: mergeById(base.common, config.common),
  };
  for (const problem of crossReferenceProblems(knowledge)) {
    const path = userPathOf(problem.path, config);
    problems.push(at(path, problem.message, 'error'));
  }
  return problems.some((p) => p.severity === 'error') ? { knowledge: base, problems } : { knowledge, problems };
}

/** Maps a path in the merged knowledge base (by ids) back to the user's file (by positions), where that entry came from. */
function userPathOf(path: Array<string | number>, config: UserConfig): Array<string | number> {
  if (path[0] !== 'roles' || typeof path[1] !== 'string') return path;
  const roleIndex = config.roles.findIndex((role) => role.id === path[1]);
  if (roleIndex < 0) return ['roles'];
  const rest = path.slice(2);
  if (rest[0] === 'areas' && typeof rest[1] === 'string') {
    const areaIndex = config.roles[roleIndex].areas?.findIndex((area) => area.id === rest[1]) ?? -1;
    return areaIndex < 0 ? ['roles', roleIndex] : ['roles', roleIndex, 'areas', areaIndex, ...rest.slice(2)];
  }
  return ['roles', roleIndex, ...rest];
}

/** Ids that must name something that exists: counterparts, sources and unique role and area ids. Paths are by id. */
function crossReferenceProblems(knowledge: KnowledgeBase): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const add = (path: Array<string | number>, message: string) => problems.push({ path, message });
  const sourceIds = new Set(knowledge.sources.map((s) => s.id));
  const roleIds = new Set<string>();
  for (const role of knowledge.roles) {
    if (roleIds.has(role.id)) add(['roles', role.id], `Role "${role.id}" is defined twice.`);
    roleIds.add(role.id);
  }
  for (const role of knowledge.roles) {
    for (const source of role.sources) if (!sourceIds.has(source)) add(['roles', role.id, 'sources'], `Unknown source "${source}".`);
    const areaIds = new Set<string>();
    for (const area of role.areas) {
      if (areaIds.has(area.id)) add(['roles', role.id, 'areas', area.id], `Area "${area.id}" is defined twice in role "${role.id}".`);
      areaIds.add(area.id);
      for (const source of area.sources) if (!sourceIds.has(source)) add(['roles', role.id, 'areas', area.id, 'sources'], `Unknown source "${source}".`);
      for (const [otherRole, otherArea] of Object.entries(area.counterparts)) {
        const target = knowledge.roles.find((r) => r.id === otherRole);
        if (!target) add(['roles', role.id, 'areas', area.id, 'counterparts', otherRole], `Counterpart names role "${otherRole}", which does not exist.`);
        else if (!target.areas.some((a) => a.id === otherArea)) add(['roles', role.id, 'areas', area.id, 'counterparts', otherRole], `Role "${otherRole}" has no area "${otherArea}".`);
      }
    }
  }
  return problems;
}

function mergeById<T extends { id: string }>(base: T[], overrides: T[]): T[] {
  const merged = [...base];
  for (const item of overrides) {
    const index = merged.findIndex((existing) => existing.id === item.id);
    if (index >= 0) merged[index] = item;
    else merged.push(item);
  }
  return merged;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function zeroRange(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
