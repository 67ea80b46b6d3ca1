import * as z from 'zod';
import { CheckOptionsSchema, DEFAULT_CHECK_OPTIONS, SEVERITY_LEVELS, type CheckOptions } from './config';
import { RULE_IDS, type RuleId, type SeverityOverride } from './core';

/** The `rolefit.*` VS Code settings of one document: whether rolefit runs there, and the editor's layer of check options. */
export interface Settings extends CheckOptions {
  enable: boolean;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, ...DEFAULT_CHECK_OPTIONS };

const Enable = z.boolean();
const Severity = z.enum(SEVERITY_LEVELS);
/** The options VS Code shows one setting each for; rules come as rolefit.rules.<id>.severity. */
const EDITOR_OPTIONS = ['strictness', 'maxFileSize', 'files', 'ignore'] as const;

/**
 * Reads the `rolefit` section as a client sends it. A bad value falls back to its default and is
 * reported, so one typo in settings.json never turns rolefit off.
 */
export function parseSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  const read = <T>(key: string, schema: z.ZodType<T>, apply: (value: T) => void) => {
    const value = section[key];
    if (value === undefined || value === null) return;
    const field = schema.safeParse(value);
    if (field.success) apply(field.data);
    else warnings.push(`rolefit.${key}: ${field.error.issues[0]?.message ?? 'invalid value'}; using the default.`);
  };
  read('enable', Enable, (value) => (settings.enable = value));
  for (const key of EDITOR_OPTIONS) read(key, CheckOptionsSchema.shape[key] as z.ZodType<unknown>, (value) => ((settings as unknown as Record<string, unknown>)[key] = value));
  for (const ruleId of RULE_IDS) {
    // VS Code nests dotted setting names: rolefit.rules.role.foreign-duty.severity arrives as rules.role["foreign-duty"].severity.
    const nested = [...ruleId.split('.'), 'severity'].reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), section.rules);
    const flat = (section.rules as Record<string, { severity?: unknown }> | undefined)?.[ruleId]?.severity;
    const value = nested ?? flat;
    if (value === undefined || value === null) continue;
    const severity = Severity.safeParse(value);
    if (severity.success) settings.rules[ruleId as RuleId] = severity.data as SeverityOverride;
    else warnings.push(`rolefit.rules.${ruleId}.severity: expected one of ${SEVERITY_LEVELS.join(', ')}; using the default.`);
  }
  return { settings, warnings };
}
