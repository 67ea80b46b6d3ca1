import * as z from 'zod';
import { DEFAULT_MAX_CHARACTERS, RULE_IDS, type RuleId, type SeverityOverride, type Strictness } from './core';

const SeveritySetting = z.enum(['off', 'hint', 'information', 'warning', 'error']);

/** The `rolefit.*` settings of one document, after validation. */
export const SettingsSchema = z.object({
  enable: z.boolean().default(true),
  files: z.array(z.string().min(1)).default([]),
  strictness: z.enum(['lenient', 'balanced', 'strict']).default('balanced'),
  maxFileSize: z.number().int().min(0).default(DEFAULT_MAX_CHARACTERS),
});

export interface Settings {
  enable: boolean;
  /** Glob patterns of postings; empty means every Markdown file. */
  files: string[];
  strictness: Strictness;
  maxFileSize: number;
  severities: Partial<Record<RuleId, SeverityOverride>>;
}

export const DEFAULT_SETTINGS: Settings = { ...SettingsSchema.parse({}), severities: {} };

/**
 * Reads the `rolefit` section as a client sends it. A bad value falls back to its default and is
 * reported, so one typo in settings.json never turns rolefit off.
 */
export function parseSettings(raw: unknown): { settings: Settings; warnings: string[] } {
  const warnings: string[] = [];
  const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(SettingsSchema.shape) as Array<keyof typeof SettingsSchema.shape>) {
    const value = section[key];
    if (value === undefined || value === null) continue;
    const field = SettingsSchema.shape[key].safeParse(value);
    if (field.success) values[key] = field.data;
    else warnings.push(`rolefit.${key}: ${field.error.issues[0]?.message ?? 'invalid value'}; using the default.`);
  }
  const severities: Settings['severities'] = {};
  for (const ruleId of RULE_IDS) {
    // VS Code nests dotted setting names: rolefit.rules.role.foreign-duty.severity arrives as rules.role["foreign-duty"].severity.
    const nested = [...ruleId.split('.'), 'severity'].reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), section.rules);
    const flat = (section.rules as Record<string, { severity?: unknown }> | undefined)?.[ruleId]?.severity;
    const value = nested ?? flat;
    if (value === undefined || value === null) continue;
    const severity = SeveritySetting.safeParse(value);
    if (severity.success) severities[ruleId] = severity.data;
    else warnings.push(`rolefit.rules.${ruleId}.severity: expected one of ${SeveritySetting.options.join(', ')}; using the default.`);
  }
  return { settings: { ...SettingsSchema.parse(values), severities }, warnings };
}
