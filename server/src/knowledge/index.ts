import type { CheckOptionsLayer } from '../config';
import { mergeKnowledge, parseUserConfig, type ConfigProblem } from './loader';
import type { KnowledgeBase } from './schema';

export { MAX_CONFIG_BYTES, USER_CONFIG_FILE_NAMES, type ConfigProblem } from './loader';
export type { KnowledgeBase } from './schema';

export interface WorkspaceConfig {
  /** The built-in knowledge base with the file's roles laid over it. */
  knowledge: KnowledgeBase;
  /** The file's check options, to lay over the editor's settings or under the CLI's options. */
  options?: CheckOptionsLayer;
  /** Errors (then the whole file is left out) and warnings, each at its place in the file. */
  problems: ConfigProblem[];
}

/**
 * The workspace configuration file (.rolefit.yaml) applied: its roles over the built-in ones and its
 * check options. A file with an error is left out whole, so a half-typed file never weakens rolefit.
 */
export function applyConfigFile(base: KnowledgeBase, configFile?: { path: string; text: string }): WorkspaceConfig {
  if (!configFile) return { knowledge: base, problems: [] };
  const { config, problems } = parseUserConfig(configFile.path, configFile.text);
  if (!config) return { knowledge: base, problems };
  const merged = mergeKnowledge(base, config, configFile.path, configFile.text);
  if (merged.problems.some((problem) => problem.severity === 'error')) return { knowledge: base, problems: merged.problems };
  const { roles: _roles, common: _common, sources: _sources, ...options } = config;
  return { knowledge: merged.knowledge, options, problems: merged.problems };
}
