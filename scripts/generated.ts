import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { Classifier, Lexicon, RULES, RULE_IDS } from '../server/src/core';
import { builtinKnowledge, builtinModel } from '../server/src/knowledge/builtin';
import { UserConfigSchema, type KnowledgeBase, type Role } from '../server/src/knowledge/schema';
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
    { path: 'server/schemas/rolefit-roles.schema.json', text: json(z.toJSONSchema(UserConfigSchema, { io: 'input', target: 'draft-7' })) },
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

/** package.json with its settings block rebuilt from the rule catalogue and the settings defaults. */
function packageJsonWithSettings(): Record<string, unknown> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, any>;
  const properties: Record<string, unknown> = {
    'rolefit.enable': { type: 'boolean', default: DEFAULT_SETTINGS.enable, scope: 'resource', description: 'Check Markdown postings with rolefit.' },
    'rolefit.files': {
      type: 'array',
      items: { type: 'string' },
      default: DEFAULT_SETTINGS.files,
      scope: 'resource',
      markdownDescription: 'Glob patterns of the postings to check, relative to the workspace folder (for example `**/jobs/**/*.md`): only these files are checked, each as a posting. Empty: every Markdown file that reads like a posting (front matter `role:`, a title such as "Head of Product", or sections such as Responsibilities and Requirements); notes and READMEs are left alone.',
    },
    'rolefit.strictness': {
      type: 'string',
      enum: ['lenient', 'balanced', 'strict'],
      enumDescriptions: ['Flag only duties with overwhelming evidence.', 'Flag duties with clear evidence (recommended).', 'Flag duties with some evidence; expect more findings to review.'],
      default: DEFAULT_SETTINGS.strictness,
      scope: 'resource',
      description: 'How sure rolefit must be that a duty belongs to another role before it flags it.',
    },
    'rolefit.maxFileSize': {
      type: 'integer',
      minimum: 0,
      default: DEFAULT_SETTINGS.maxFileSize,
      scope: 'resource',
      markdownDescription: 'Postings longer than this many characters are checked only up to it, with an information diagnostic saying so. `0` removes the limit.',
    },
  };
  for (const id of RULE_IDS) {
    properties[`rolefit.rules.${id}.severity`] = {
      type: 'string',
      enum: ['off', 'hint', 'information', 'warning', 'error'],
      default: RULES[id].defaultSeverity,
      scope: 'resource',
      markdownDescription: `Severity of \`${id}\`: ${RULES[id].summary}`,
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
