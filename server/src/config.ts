/**
 * The check options, defined once: the workspace configuration file (.rolefit.yaml), the VS Code
 * settings, the CLI's options and the README's settings table all come from this schema.
 *
 * Precedence, lowest first. In the editor: built-in defaults, then the VS Code settings (personal
 * defaults), then the workspace configuration file. On the command line: built-in defaults, then the
 * configuration file, then the command-line options.
 */
import picomatch from 'picomatch';
import * as z from 'zod';
import { RULES, RULE_IDS } from './core/rules';
import type { RuleId, Severity, Strictness } from './core/types';

export const STRICTNESS_LEVELS = {
  lenient: 'Flag only duties with overwhelming evidence: the fewest findings.',
  balanced: 'Flag duties with clear evidence (recommended).',
  strict: 'Flag duties with some evidence: more findings to review, a few of them wrong.',
} as const satisfies Record<Strictness, string>;

export const SEVERITY_LEVELS = ['off', 'hint', 'information', 'warning', 'error'] as const;

const Severity = z.enum(SEVERITY_LEVELS);
const Glob = z.string().min(1, 'must not be empty');

/** Every option, with the text the settings UI, the JSON Schema, the CLI's help and the README show. */
export const CheckOptionsSchema = z
  .object({
    strictness: z.enum(Object.keys(STRICTNESS_LEVELS) as [Strictness, ...Strictness[]]).meta({ description: 'How sure rolefit must be that a duty belongs to another role before it flags it.' }),
    maxFileSize: z.number().int().min(0).meta({ description: 'Postings longer than this many characters are checked only up to it, with an information diagnostic saying so. 0 removes the limit.' }),
    files: z.array(Glob).meta({
      description:
        'Glob patterns of the postings, relative to the folder of the configuration file (or the workspace folder): only these files are checked, each as a posting. Empty: every Markdown file that reads like a posting (front matter "role:", a title such as "Head of Product", or sections such as Responsibilities and Requirements).',
    }),
    ignore: z.array(Glob).meta({ description: 'Glob patterns of Markdown files never to check, relative to the same folder (for example "drafts/**").' }),
    rules: z
      .partialRecord(z.enum(RULE_IDS as [RuleId, ...RuleId[]]), Severity)
      .meta({ description: `The severity of each rule (${SEVERITY_LEVELS.join(', ')}), for example { "role.unknown": "off" }. Unnamed rules keep their default.` }),
  })
  .strict();

export type CheckOptionsLayer = Partial<z.infer<typeof CheckOptionsSchema>>;

export interface CheckOptions {
  strictness: Strictness;
  maxFileSize: number;
  files: string[];
  ignore: string[];
  rules: Partial<Record<RuleId, Severity | 'off'>>;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  strictness: 'balanced',
  maxFileSize: 1_000_000,
  files: [],
  ignore: [],
  rules: {},
};

/** Lays option layers over each other, lowest first: a later layer wins where it says something; rules merge per rule. */
export function resolveCheckOptions(...layers: Array<CheckOptionsLayer | undefined>): CheckOptions {
  const result: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.strictness !== undefined) result.strictness = layer.strictness;
    if (layer.maxFileSize !== undefined) result.maxFileSize = layer.maxFileSize;
    if (layer.files !== undefined) result.files = layer.files;
    if (layer.ignore !== undefined) result.ignore = layer.ignore;
    if (layer.rules) Object.assign(result.rules, layer.rules);
  }
  return result;
}

/** The description of a rule's severity option, for the settings UI and the docs. */
export function ruleSeverityDescription(ruleId: RuleId): string {
  return `Severity of \`${ruleId}\`: ${RULES[ruleId].summary}`;
}

/** Whether a file is checked: as a posting whatever it looks like, only if it reads like one, or not at all. */
export type Selection = 'posting' | 'if-posting' | 'skip';

const matchers = new Map<string, (file: string) => boolean>();

function matches(patterns: string[], relativePath: string): boolean {
  const key = patterns.join('\n');
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = picomatch(patterns, { dot: true });
    matchers.set(key, matcher);
  }
  return matcher(relativePath);
}

/**
 * What the options say of a file, by its path relative to the folder of the configuration (with
 * "/" separators): `ignore` wins; with `files`, only those are checked, each as a posting; without,
 * every Markdown file is checked if it reads like a posting.
 */
export function selectFile(options: Pick<CheckOptions, 'files' | 'ignore'>, relativePath: string): Selection {
  if (options.ignore.length > 0 && matches(options.ignore, relativePath)) return 'skip';
  if (options.files.length > 0) return matches(options.files, relativePath) ? 'posting' : 'skip';
  return 'if-posting';
}
