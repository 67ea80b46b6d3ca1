import { mergeKnowledge, parseUserConfig, type ConfigProblem } from './loader';
import type { KnowledgeBase } from './schema';

export { MAX_CONFIG_BYTES, USER_CONFIG_FILE_NAMES, type ConfigProblem } from './loader';
export type { KnowledgeBase } from './schema';

export interface KnowledgeWithProblems {
  knowledge: KnowledgeBase;
  problems: ConfigProblem[];
}

/**
 * The knowledge base a posting is judged by: the built-in one with the workspace roles file laid
 * over it. A roles file with problems is left out whole, so a half-typed file never weakens rolefit.
 */
export function withRolesFile(base: KnowledgeBase, rolesFile?: { path: string; text: string }): KnowledgeWithProblems {
  if (!rolesFile) return { knowledge: base, problems: [] };
  const { config, problems } = parseUserConfig(rolesFile.path, rolesFile.text);
  if (!config) return { knowledge: base, problems };
  return mergeKnowledge(base, config, rolesFile.path, rolesFile.text);
}
