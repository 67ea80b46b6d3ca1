import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { analyzePosting, Classifier, DEFAULT_MAX_CHARACTERS, Lexicon, SEVERITY_ORDER, type Severity, type Strictness } from '../core';
import { builtinKnowledge, builtinModel } from '../knowledge/builtin';
import { USER_CONFIG_FILE_NAMES, withRolesFile, type ConfigProblem, type KnowledgeBase } from '../knowledge';
import { formatJson, formatSarif, formatText, summaryLine, type FileReport } from './formats';

declare const ROLEFIT_VERSION: string;
const VERSION = typeof ROLEFIT_VERSION === 'string' ? ROLEFIT_VERSION : 'dev';

const USAGE = `Usage:
  rolefit check [files, folders or globs…] [options]   check postings (default: every .md file below the current folder)
  rolefit roles [--config <file>]                       list the roles and their duty areas
  rolefit explain "<duty sentence>" [--role <id>]       show how rolefit judges one sentence

Options for check:
  --format text|json|sarif     output format (default: text)
  --role <id>[,<id>]           the posting's role(s), overriding front matter and title
  --config <file>              roles file (default: .rolefit.yaml in the current folder, if present)
  --fail-on error|warning|information|never
                               exit 1 when a finding is at or above this level (default: warning)
  --strictness lenient|balanced|strict
                               how sure rolefit must be before it flags (default: balanced)
  --max-size <characters>      check only the start of larger postings (default: ${DEFAULT_MAX_CHARACTERS}; 0: no limit)
  --output <file>              write the report to a file instead of standard output
  --quiet                      no summary line on standard error

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, config or read errors.`;

/** An error the user can fix; the CLI prints it and exits 2. */
class UsageError extends Error {}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderrIsTty: boolean;
  stdoutIsTty: boolean;
}

const FAIL_LEVELS = ['error', 'warning', 'information', 'never'] as const;
const FORMATS = ['text', 'json', 'sarif'] as const;
const STRICTNESS = ['lenient', 'balanced', 'strict'] as const;

export async function runCli(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'roles':
        return roles(rest, io);
      case 'explain':
        return explain(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`rolefit: ${(error as Error).message}\nRun "rolefit --help" for usage.\n`);
      return 2;
    }
    throw error;
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

/** The knowledge base with the roles file applied; problems in that file are usage errors for the CLI. */
function loadKnowledge(configOption: string | undefined, io: Io): KnowledgeBase {
  const configPath = configOption ? path.resolve(io.cwd, configOption) : USER_CONFIG_FILE_NAMES.map((name) => path.join(io.cwd, name)).find((p) => fs.existsSync(p));
  if (!configPath) return builtinKnowledge();
  let text: string;
  try {
    text = fs.readFileSync(configPath, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the roles file ${configPath}: ${(error as Error).message}`);
  }
  const display = path.relative(io.cwd, configPath) || configPath;
  const { knowledge, problems } = withRolesFile(builtinKnowledge(), { path: display, text });
  if (problems.length > 0) throw new UsageError(`The roles file is invalid:\n${problems.map(formatProblem).join('\n')}`);
  return knowledge;
}

function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1} error config.invalid ${problem.message}`;
}

function parseRoles(value: string | undefined, knowledge: KnowledgeBase): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(',').map((id) => id.trim().toLowerCase()).filter(Boolean);
  const known = knowledge.roles.map((r) => r.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (ids.length === 0 || unknown.length > 0) throw new UsageError(`--role takes role ids (${known.join(', ')}); unknown: "${unknown.join(', ') || value}".`);
  return ids;
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      role: { type: 'string' },
      config: { type: 'string' },
      'fail-on': { type: 'string' },
      strictness: { type: 'string' },
      'max-size': { type: 'string' },
      output: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const format = oneOf(values.format, FORMATS, '--format', 'text');
  const failOn = oneOf(values['fail-on'], FAIL_LEVELS, '--fail-on', 'warning');
  const strictness = oneOf<Strictness>(values.strictness, STRICTNESS, '--strictness', 'balanced');
  const maxCharacters = values['max-size'] === undefined ? DEFAULT_MAX_CHARACTERS : Number(values['max-size']);
  if (!Number.isInteger(maxCharacters) || maxCharacters < 0) throw new UsageError(`--max-size takes a whole number of characters; got "${values['max-size']}".`);
  const knowledge = loadKnowledge(values.config, io);
  const roles = parseRoles(values.role, knowledge);
  const classifier = new Classifier(new Lexicon(knowledge), builtinModel(), strictness);

  const files = await expandInputs(positionals.length > 0 ? positionals : ['.'], io.cwd);
  if (files.missing.length > 0 && files.found.length === 0) {
    throw new UsageError(`No Markdown files match ${files.missing.map((p) => `"${p}"`).join(', ')}.`);
  }
  const reports: FileReport[] = [];
  let notPostings = 0;
  let readErrors = 0;
  const progress = io.stderrIsTty && files.found.length > 20;
  for (const [index, file] of files.found.entries()) {
    if (progress && index % 10 === 0) io.stderr(`\rrolefit: checking ${index + 1}/${files.found.length}…`);
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.stderr(`${progress ? '\n' : ''}rolefit: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      readErrors++;
      continue;
    }
    const analysis = analyzePosting(text, classifier, { roles, maxCharacters });
    // Markdown that is not a posting (a README, notes) is not reported, as in the editor.
    if (analysis.isPosting) reports.push({ path: file, analysis });
    else notPostings++;
  }
  if (progress) io.stderr('\r\u001b[K');
  for (const missing of files.missing) {
    io.stderr(`rolefit: no Markdown files match "${missing}"\n`);
    readErrors++;
  }

  const color = format === 'text' && !values.output && io.stdoutIsTty && !io.env.NO_COLOR;
  const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, VERSION) : formatText(reports, color);
  if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), `${output}\n`);
  else if (output) io.stdout(`${output}\n`);
  if (!values.quiet && format === 'text') io.stderr(`${summaryLine(reports, notPostings)}\n`);

  if (readErrors > 0) return 2;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return reports.some((r) => r.analysis.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Files, folders (every .md below) and globs, relative to cwd, sorted and without repeats. */
async function expandInputs(inputs: string[], cwd: string): Promise<{ found: string[]; missing: string[] }> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let matches: string[];
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isFile()) matches = [path.relative(cwd, absolute) || input];
    else if (stat?.isDirectory()) matches = await glob(['**/*.md', '**/*.markdown'], { cwd: absolute, ignore: IGNORED }).then((m) => m.map((f) => path.relative(cwd, path.join(absolute, f))));
    else matches = await glob([input.split(path.sep).join('/')], { cwd, ignore: IGNORED });
    if (matches.length === 0) missing.push(input);
    for (const match of matches) found.add(match);
  }
  return { found: [...found].sort(), missing };
}

function roles(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, format: { type: 'string' } } });
  const knowledge = loadKnowledge(values.config, io);
  if (oneOf(values.format, ['text', 'json'] as const, '--format', 'text') === 'json') {
    io.stdout(`${JSON.stringify(knowledge.roles.map((r) => ({ id: r.id, name: r.name, focus: r.focus, areas: r.areas.map((a) => ({ id: a.id, name: a.name })) })), null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const role of knowledge.roles) {
    lines.push(`${role.id}  ${role.name} (${role.abbreviation}): ${role.focus}`);
    if (role.titles.length > 0) lines.push(`      titles: ${role.titles.join(', ')}`);
    for (const area of role.areas) lines.push(`      ${role.id}/${area.id}  ${area.name}`);
  }
  lines.push('', 'Never flagged (shared by every executive):');
  for (const area of knowledge.common.filter((a) => a.kind === 'shared')) lines.push(`      ${area.id}  ${area.name}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function explain(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, config: { type: 'string' }, strictness: { type: 'string' }, format: { type: 'string' } },
  });
  const sentence = positionals.join(' ').trim();
  if (!sentence) throw new UsageError('explain needs a sentence, like: rolefit explain "Own the ERP rollout"');
  const knowledge = loadKnowledge(values.config, io);
  const roles = parseRoles(values.role, knowledge);
  const classifier = new Classifier(new Lexicon(knowledge), builtinModel(), oneOf<Strictness>(values.strictness, STRICTNESS, '--strictness', 'balanced'));
  const judgement = classifier.judge(sentence);
  const flagged = roles !== undefined && judgement.decision === 'owner' && !roles.includes(judgement.owner!);
  if (values.format === 'json') {
    io.stdout(`${JSON.stringify({ sentence, ...judgement, flagged: roles ? flagged : undefined }, null, 2)}\n`);
    return 0;
  }
  const lexicon = classifier.lexicon;
  const lines = [`"${sentence}"`];
  const verdict =
    judgement.decision === 'owner'
      ? `owned by the ${lexicon.role(judgement.owner!)?.abbreviation} (${lexicon.area(judgement.owner!, judgement.area!)?.name})`
      : judgement.decision === 'shared'
        ? judgement.collaboratesWith
          ? `shared: works with the ${judgement.collaboratesWith}`
          : `shared: ${lexicon.commonArea(judgement.commonArea ?? '')?.name ?? 'no single role owns it'}`
        : judgement.decision === 'neutral'
          ? 'a requirement or statement, not a duty: never flagged'
          : 'unclear: not enough evidence for one role, so never flagged';
  lines.push(`  decision: ${verdict}`);
  const scores = Object.entries(judgement.scores).sort((a, b) => b[1] - a[1]);
  lines.push(`  likelihood: ${scores.filter(([, p]) => p >= 0.01).map(([cls, p]) => `${cls} ${Math.round(p * 100)}%`).join(', ')}; a duty, not a requirement: ${Math.round(judgement.dutyProbability * 100)}%`);
  if (judgement.evidence.length && judgement.decision !== 'shared') lines.push(`  evidence: ${judgement.evidence.map((e) => `"${e.text}"`).join(', ')}`);
  if (roles) lines.push(`  in a ${roles.join('/')} posting: ${flagged ? 'flagged as role.foreign-duty' : 'not flagged'}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
