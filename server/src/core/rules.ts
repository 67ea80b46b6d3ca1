import type { RuleId, Severity } from './types';

export interface RuleInfo {
  id: RuleId;
  defaultSeverity: Severity;
  /** One line, shown in settings and SARIF. */
  summary: string;
  /** What to do about it, shown in SARIF help and the README's catalogue. */
  help: string;
}

/** The rule catalogue. The settings block of package.json and the README's catalogue are checked against it. */
export const RULES: Record<RuleId, RuleInfo> = {
  'role.foreign-duty': {
    id: 'role.foreign-duty',
    defaultSeverity: 'warning',
    summary: 'A duty belongs to a different executive role than the posting is for.',
    help: 'Make it a partnership with the owning role (the fix that keeps your words, applied by "fix all" and --fix), replace it with a duty of the posting\'s role, remove it, or declare a hybrid role in the front matter (roles: [cto, cio]).',
  },
  'role.reads-like': {
    id: 'role.reads-like',
    defaultSeverity: 'warning',
    summary: 'Most of the posting\'s duties belong to another role than its title or front matter says.',
    help: 'Retitle the posting for the role its duties describe, or rewrite the duties for the role you mean to hire.',
  },
  'role.unknown': {
    id: 'role.unknown',
    defaultSeverity: 'information',
    summary: 'The posting\'s role cannot be told from its front matter or title, so no duty is checked.',
    help: 'Add front matter such as "role: cto" (or "roles: [cto, cio]" for a hybrid role), or use a title such as "Chief Technology Officer".',
  },
  'posting.front-matter': {
    id: 'posting.front-matter',
    defaultSeverity: 'warning',
    summary: 'The front matter is not valid YAML or names a role rolefit does not know.',
    help: 'Close the front matter with "---", fix the YAML, and use role ids from "rolefit roles" (cto, cio, cpo, ciso, cdo, or ones from your configuration file).',
  },
  'posting.too-large': {
    id: 'posting.too-large',
    defaultSeverity: 'information',
    summary: 'The posting is larger than the size limit, so only its beginning was checked.',
    help: 'Split the file, or raise the limit with maxFileSize in .rolefit.yaml, the rolefit.maxFileSize setting or --max-size on the command line.',
  },
  'config.invalid': {
    id: 'config.invalid',
    defaultSeverity: 'error',
    summary: 'The workspace configuration file (.rolefit.yaml) does not match its schema: it is left out until fixed. Warnings (a role left without a title) do not stop it.',
    help: 'Fix the entry the message names; the JSON Schema rolefit publishes for .rolefit.yaml shows every field.',
  },
};

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

export const README_URL = 'https://github.com/rolefit/rolefit/blob/main/README.md';
export const RULE_CATALOGUE_URL = `${README_URL}#rule-catalogue`;

/** The README heading of a rule, as GitHub anchors it ("role.foreign-duty" → "#roleforeign-duty"). */
export function ruleHelpUri(ruleId: RuleId): string {
  return `${README_URL}#${ruleId.replace(/\./g, '')}`;
}
