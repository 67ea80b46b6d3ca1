import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { Classifier, Lexicon, RULES, RULE_IDS } from '../server/src/core';
import { builtinKnowledge, builtinModel } from '../server/src/knowledge/builtin';
import { UserConfigSchema, type KnowledgeBase, type Role } from '../server/src/knowledge/schema';
import { CheckOptionsSchema, DEFAULT_CHECK_OPTIONS, ruleSeverityDescription, SEVERITY_LEVELS, STRICTNESS_LEVELS } from '../server/src/config';
import { DEFAULT_SETTINGS } from '../server/src/settings';

const root = path.resolve(__dirname, '..');

export interface GeneratedFile {
  path: string;
  text: string;
}

/** Every generated file with the text it must have. */
export function generatedFiles(knowledge = builtinKnowledge()): GeneratedFile[] {
  return [
    { path: 'snippets/markdown.json', text: json(snippets(knowledge)) },
    { path: 'package.json', text: json(packageJsonWithSettings()) },
    { path: 'server/schemas/rolefit.schema.json', text: json(z.toJSONSchema(UserConfigSchema, { io: 'input', target: 'draft-7' })) },
    { path: 'README.md', text: readmeWithOptions() },
  ];
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Snippet text may not hold $, } or \ unescaped. */
function escape(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function snippets(knowledge: KnowledgeBase): Record<string, { prefix: string; description: string; body: string[] }> {
  const classifier = new Classifier(new Lexicon(knowledge), builtinModel());
  // Budget, own leaders and reporting: the shared duties every posting has.
  const sharedDuties = knowledge.common.filter((area) => area.kind === 'shared').slice(0, 3).flatMap((area) => area.duties.slice(0, 1));
  const result: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const role of knowledge.roles) {
    result[`${role.abbreviation} posting template`] = {
      prefix: `jd-${role.id}`,
      description: `A complete ${role.name} posting: front matter, summary, responsibilities from the rolefit knowledge base, requirements.`,
      body: template(role, sharedDuties.filter((duty) => classifier.judge(duty).decision === 'shared')),
    };
  }
  return result;
}

function template(role: Role, sharedDuties: string[]): string[] {
  const duties = role.areas.map((area) => area.duties[0]);
  const skills = role.skills.slice(0, 4);
  return [
    '---',
    `role: ${role.id}`,
    'company: ${1:Company}',
    'location: ${2|Remote,Hybrid,On-site|}',
    '---',
    '',
    `# ${escape(role.name)}`,
    '',
    `\${1:Company} is hiring a ${escape(role.name)} who reports to the \${3:${escape(role.reportsTo)}}. You will own ${escape(scope(role.focus))}`,
    '',
    '## Responsibilities',
    '',
    ...duties.map((duty) => `- ${escape(duty)}`),
    ...sharedDuties.map((duty) => `- ${escape(duty)}`),
    '',
    '## Requirements',
    '',
    '- ${4:Ten} or more years in the field, ${5:five} of them leading other managers',
    ...skills.map((skill) => `- ${escape(skill)}`),
    '',
    '## What we offer',
    '',
    '- ${6:The salary range and equity}',
    '- ${7:Holidays, learning budget and other benefits}',
    '- ${0:How and where the team works}',
    '',
  ];
}

/** The role's focus as the object of "You will own": "Inward: the technology …" → "the technology …". */
function scope(focus: string): string {
  const unlabelled = focus.replace(/^\p{L}+:\s*/u, '');
  return unlabelled.charAt(0).toLowerCase() + unlabelled.slice(1);
}

/** The description an option carries in the one schema of the check options. */
function describe(key: keyof typeof CheckOptionsSchema.shape): string {
  return String((CheckOptionsSchema.shape[key].meta() as { description?: string } | undefined)?.description ?? '');
}

/** package.json with its settings block rebuilt from the check options' schema and the rule catalogue. */
function packageJsonWithSettings(): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>;
  const overridden = ' A `.rolefit.yaml` in the workspace folder overrides this setting.';
  const properties: Record<string, unknown> = {
    'rolefit.enable': { type: 'boolean', default: DEFAULT_SETTINGS.enable, scope: 'resource', description: 'Check Markdown postings with rolefit.' },
    'rolefit.strictness': {
      type: 'string',
      enum: Object.keys(STRICTNESS_LEVELS),
      enumDescriptions: Object.values(STRICTNESS_LEVELS),
      default: DEFAULT_CHECK_OPTIONS.strictness,
      scope: 'resource',
      markdownDescription: describe('strictness') + overridden,
    },
    'rolefit.maxFileSize': { type: 'integer', minimum: 0, default: DEFAULT_CHECK_OPTIONS.maxFileSize, scope: 'resource', markdownDescription: describe('maxFileSize') + overridden },
    'rolefit.files': { type: 'array', items: { type: 'string' }, default: DEFAULT_CHECK_OPTIONS.files, scope: 'resource', markdownDescription: describe('files') + overridden },
    'rolefit.ignore': { type: 'array', items: { type: 'string' }, default: DEFAULT_CHECK_OPTIONS.ignore, scope: 'resource', markdownDescription: describe('ignore') + overridden },
  };
  for (const id of RULE_IDS) {
    properties[`rolefit.rules.${id}.severity`] = {
      type: 'string',
      enum: [...SEVERITY_LEVELS],
      default: RULES[id].defaultSeverity,
      scope: 'resource',
      markdownDescription: `${ruleSeverityDescription(id)}${overridden.replace('this setting', `this setting (\`rules: { ${id}: … }\`)`)}`,
    };
  }
  properties['rolefit.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the messages between VS Code and the rolefit language server in the rolefit output.',
  };
  manifest.contributes = { ...manifest.contributes, configuration: { title: 'rolefit', properties } };
  return manifest;
}

/** The README's table of options, between its generated-section markers. */
function readmeWithOptions(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const rows = [
    '| `.rolefit.yaml` | VS Code setting | CLI option | Default | What it does |',
    '|:--|:--|:--|:--|:--|',
    `| \`strictness\` | \`rolefit.strictness\` | \`--strictness\` | \`${DEFAULT_CHECK_OPTIONS.strictness}\` | ${describe('strictness')} ${Object.entries(STRICTNESS_LEVELS).map(([level, text]) => `\`${level}\`: ${text}`).join(' ')} |`,
    `| \`maxFileSize\` | \`rolefit.maxFileSize\` | \`--max-size\` | \`${DEFAULT_CHECK_OPTIONS.maxFileSize}\` | ${describe('maxFileSize')} |`,
    `| \`files\` | \`rolefit.files\` | the paths given | \`[]\` | ${describe('files')} |`,
    `| \`ignore\` | \`rolefit.ignore\` | | \`[]\` | ${describe('ignore')} |`,
    `| \`rules\` | \`rolefit.rules.<rule>.severity\` | \`--fail-on\` sets the exit code | see the catalogue | ${describe('rules')} |`,
  ];
  const begin = '<!-- options:begin (generated by npm run generate) -->';
  const end = '<!-- options:end -->';
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) return readme;
  return `${readme.slice(0, from + begin.length)}\n${rows.join('\n')}\n${readme.slice(to)}`;
}
