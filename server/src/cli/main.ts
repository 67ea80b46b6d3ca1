import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_CHECK_OPTIONS, resolveCheckOptions, selectFile, STRICTNESS_LEVELS, type CheckOptionsLayer } from '../config';
import { analyzePosting, Classifier, describeForeignVerdict, describeNamedOwner, fixAllEdits, Lexicon, SEVERITY_ORDER, type Judgement, type Severity, type Strictness } from '../core';
import { applyConfigFile, MAX_CONFIG_BYTES, USER_CONFIG_FILE_NAMES, type ConfigProblem, type KnowledgeBase } from '../knowledge';
import { builtinKnowledge, builtinModel } from '../knowledge/builtin';
import { formatGithub, formatJson, formatSarif, formatText, plural, summaryLine, type FileReport } from './formats';

declare const ROLEFIT_VERSION: string;
const VERSION = typeof ROLEFIT_VERSION === 'string' ? ROLEFIT_VERSION : 'dev';

const USAGE = `Usage:
  rolefit check [files, folders or globs…] [options]   check postings: each file named, and in folders and globs every Markdown
                                                       file that reads like a posting (default: the current folder)
  rolefit roles [--config <file>]                       list the roles and their duty areas
  rolefit explain "<duty sentence>" [--role <id>]       show how rolefit judges one sentence

Options for check:
  --format text|json|sarif|github
                               output format (default: text; github: annotations on the pull request's lines)
  --role <id>[,<id>]           the posting's role(s), overriding front matter and title
  --config <file>              configuration file (default: the nearest .rolefit.yaml, .rolefit.yml or .rolefit.json
                               in the file's folder or above it)
  --fail-on error|warning|information|never
                               exit 1 when a finding is at or above this level (default: warning)
  --strictness ${Object.keys(STRICTNESS_LEVELS).join('|')}
                               how sure rolefit must be before it flags (default: balanced; overrides the configuration file)
  --max-size <characters>      check only the start of larger postings (default: ${DEFAULT_CHECK_OPTIONS.maxFileSize}; 0: no limit)
  --fix                        make each foreign duty a partnership with its owner, in the writer's words, and write the
                               files (with --stdin: print the fixed text on standard output)
  --stdin                      check the posting on standard input
  --stdin-filename <path>      the path to report for --stdin, and where its configuration file is looked up
  --postings-only              check a named file only when it reads like a posting, as in folders (for hooks that
                               pass every Markdown file of a commit)
  --output <file>              write the report to a file instead of standard output
  --quiet                      no summary line on standard error

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or read errors.`;

/** An error the user can fix; the CLI prints it and exits 2. */
class UsageError extends Error {}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
  stderrIsTty: boolean;
  stdoutIsTty: boolean;
}

const FAIL_LEVELS = ['error', 'warning', 'information', 'never'] as const;
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const STRICTNESS = Object.keys(STRICTNESS_LEVELS) as Strictness[];

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

/** A configuration file in force: its folder (globs are relative to it), its roles and options, and its warnings. */
interface LoadedConfig {
  path?: string;
  folder: string;
  knowledge: KnowledgeBase;
  options?: CheckOptionsLayer;
}

/** Reads configuration files once each; problems are usage errors, warnings go to standard error once. */
class Configs {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly nearest = new Map<string, string | undefined>();

  constructor(private readonly io: Io, private readonly explicit: string | undefined) {}

  /** The configuration for a file: --config, or the nearest file in its folder or above it. */
  forFile(file: string): LoadedConfig {
    const configPath = this.explicit ? path.resolve(this.io.cwd, this.explicit) : this.nearestTo(path.dirname(path.resolve(this.io.cwd, file)));
    if (!configPath) return { folder: this.io.cwd, knowledge: builtinKnowledge() };
    let loaded = this.byPath.get(configPath);
    if (!loaded) {
      loaded = this.load(configPath);
      this.byPath.set(configPath, loaded);
    }
    return loaded;
  }

  private nearestTo(dir: string): string | undefined {
    if (this.nearest.has(dir)) return this.nearest.get(dir);
    const here = USER_CONFIG_FILE_NAMES.map((name) => path.join(dir, name)).find((p) => fs.existsSync(p));
    const parent = path.dirname(dir);
    const found = here ?? (parent === dir ? undefined : this.nearestTo(parent));
    this.nearest.set(dir, found);
    return found;
  }

  private load(configPath: string): LoadedConfig {
    let text: string;
    try {
      const { size } = fs.statSync(configPath);
      if (size > MAX_CONFIG_BYTES) throw new UsageError(`The configuration file ${this.display(configPath)} has ${size.toLocaleString('en')} bytes; at most ${MAX_CONFIG_BYTES.toLocaleString('en')} are read.`);
      text = fs.readFileSync(configPath, 'utf8');
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' ? `no such configuration file: ${this.display(configPath)}` : `cannot read the configuration file ${this.display(configPath)}: ${code ?? (error as Error).message}`);
    }
    const display = this.display(configPath);
    const { knowledge, options, problems } = applyConfigFile(builtinKnowledge(), { path: display, text });
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new UsageError(`The configuration file is invalid:\n${errors.map(formatProblem).join('\n')}`);
    for (const warning of problems) this.io.stderr(`${formatProblem(warning)}\n`);
    return { path: configPath, folder: path.dirname(configPath), knowledge, options };
  }

  private display(configPath: string): string {
    return path.relative(this.io.cwd, configPath) || configPath;
  }
}

function formatProblem(problem: ConfigProblem): string {
  return `${problem.file}:${problem.range.start.line + 1}:${problem.range.start.character + 1} ${problem.severity} config.invalid ${problem.message}`;
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
      fix: { type: 'boolean' },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'postings-only': { type: 'boolean' },
      output: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const format = oneOf(values.format, FORMATS, '--format', 'text');
  const failOn = oneOf(values['fail-on'], FAIL_LEVELS, '--fail-on', 'warning');
  // The command line wins over the configuration file.
  const cliLayer: CheckOptionsLayer = {};
  if (values.strictness !== undefined) cliLayer.strictness = oneOf<Strictness>(values.strictness, STRICTNESS, '--strictness', 'balanced');
  if (values['max-size'] !== undefined) {
    const maxFileSize = Number(values['max-size']);
    if (!Number.isInteger(maxFileSize) || maxFileSize < 0) throw new UsageError(`--max-size takes a whole number of characters; got "${values['max-size']}".`);
    cliLayer.maxFileSize = maxFileSize;
  }
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename goes with --stdin.');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin checks standard input only; leave out the file names.');

  const configs = new Configs(io, values.config);
  const classifiers = new Map<string, Classifier>();
  const classifierFor = (config: LoadedConfig, strictness: Strictness) => {
    const key = `${config.path ?? ''}|${strictness}`;
    let classifier = classifiers.get(key);
    if (!classifier) classifiers.set(key, (classifier = new Classifier(new Lexicon(config.knowledge), builtinModel(), strictness)));
    return classifier;
  };

  // A file named on the command line is a posting: whoever names it says so. Folders and globs find postings by their
  // look, and so do named files with --postings-only: a pre-commit hook names every Markdown file of a commit.
  const byLook = values['postings-only'] === true;
  const inputs: Array<{ file: string; text?: string; named?: boolean }> = [];
  let readErrors = 0;
  if (values.stdin) {
    inputs.push({ file: values['stdin-filename'] ?? '<stdin>', text: await io.readStdin(), named: !byLook });
  } else {
    const files = await expandInputs(positionals.length > 0 ? positionals : ['.'], io.cwd);
    for (const missing of files.missing) {
      io.stderr(`rolefit: ${missing.reason === 'no-such-path' ? `no such file or folder: ${missing.input}` : `no Markdown files match "${missing.input}"`}\n`);
      readErrors++;
    }
    if (files.found.length === 0) return 2;
    inputs.push(...files.found.map((file) => ({ file, named: !byLook && files.named.has(file) })));
  }

  const reports: FileReport[] = [];
  let notPostings = 0;
  let fixedFindings = 0;
  let fixedFiles = 0;
  const progress = io.stderrIsTty && inputs.length > 20;
  for (const [index, input] of inputs.entries()) {
    if (progress && index % 10 === 0) io.stderr(`\rrolefit: checking ${index + 1}/${inputs.length}…`);
    const config = configs.forFile(input.file);
    const options = resolveCheckOptions(config.options, cliLayer);
    const relative = path.relative(config.folder, path.resolve(io.cwd, input.file)).split(path.sep).join('/');
    const selected = selectFile(options, relative);
    // Ignores win even over a named file; `files` does not, or naming a file outside them would check nothing.
    if (selected === 'skip' && (!input.named || selectFile({ ...options, files: [] }, relative) === 'skip')) continue;
    const selection = input.named ? 'posting' : selected;
    let text = input.text;
    if (text === undefined) {
      try {
        text = fs.readFileSync(path.resolve(io.cwd, input.file), 'utf8');
      } catch (error) {
        io.stderr(`${progress ? '\n' : ''}rolefit: cannot read ${input.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        readErrors++;
        continue;
      }
    }
    const classifier = classifierFor(config, options.strictness);
    const roles = parseRoles(values.role, config.knowledge);
    const analyze = (source: string) => analyzePosting(source, classifier, { roles, maxCharacters: options.maxFileSize, severities: options.rules, posting: selection === 'posting' });
    let analysis = analyze(text);
    if (values.fix) {
      const edits = fixAllEdits(text, analysis.findings);
      if (edits.length > 0) {
        const fixed = TextDocument.applyEdits(TextDocument.create('file:///posting.md', 'markdown', 1, text), edits);
        if (input.text === undefined) fs.writeFileSync(path.resolve(io.cwd, input.file), fixed);
        fixedFindings += edits.length;
        fixedFiles++;
        text = fixed;
        analysis = analyze(fixed);
      }
      if (values.stdin) io.stdout(text);
    }
    // Markdown that is not a posting (a README, notes) is not reported, as in the editor.
    if (analysis.isPosting) reports.push({ path: input.file, analysis });
    else notPostings++;
  }
  if (progress) io.stderr('\r\u001b[K');

  const color = format === 'text' && !values.output && io.stdoutIsTty && !io.env.NO_COLOR;
  const output = format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports, VERSION) : format === 'github' ? formatGithub(reports) : formatText(reports, color);
  if (values.output) fs.writeFileSync(path.resolve(io.cwd, values.output), `${output}\n`);
  // With --stdin --fix, standard output holds the fixed posting; the report goes to standard error.
  else if (output) (values.stdin && values.fix ? io.stderr : io.stdout)(`${output}\n`);
  if (values.fix && !values.quiet) io.stderr(`rolefit: ${fixedFindings === 0 ? 'nothing to fix' : `made ${plural(fixedFindings, 'foreign duty', 'foreign duties')} a partnership with ${fixedFindings === 1 ? 'its owner' : 'their owners'} in ${plural(fixedFiles, 'file')}`}.\n`);
  if (!values.quiet && (format === 'text' || format === 'github')) io.stderr(`${summaryLine(reports, notPostings)}\n`);

  if (readErrors > 0) return 2;
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return reports.some((r) => r.analysis.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Files, folders (every Markdown file below) and globs, relative to cwd, sorted and without repeats. */
async function expandInputs(inputs: string[], cwd: string): Promise<{ found: string[]; named: Set<string>; missing: Array<{ input: string; reason: 'no-such-path' | 'no-match' }> }> {
  const found = new Set<string>();
  const named = new Set<string>();
  const missing: Array<{ input: string; reason: 'no-such-path' | 'no-match' }> = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let matches: string[];
    const stat = fs.statSync(absolute, { throwIfNoEntry: false });
    if (stat?.isFile()) {
      matches = [path.relative(cwd, absolute) || input];
      named.add(matches[0]);
    } else if (stat?.isDirectory()) matches = await glob(['**/*.md', '**/*.markdown'], { cwd: absolute, ignore: IGNORED }).then((m) => m.map((f) => path.relative(cwd, path.join(absolute, f))));
    else if (isGlob(input)) matches = await glob([input.split(path.sep).join('/')], { cwd, ignore: IGNORED });
    else {
      missing.push({ input, reason: 'no-such-path' });
      continue;
    }
    if (matches.length === 0) missing.push({ input, reason: 'no-match' });
    for (const match of matches) found.add(match);
  }
  return { found: [...found].sort(), named, missing };
}

function isGlob(input: string): boolean {
  return /[*?[\]{}!]/.test(input);
}

function roles(args: string[], io: Io): number {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, format: { type: 'string' } } });
  const { knowledge } = new Configs(io, values.config).forFile('roles.md');
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
  const { knowledge } = new Configs(io, values.config).forFile('explain.md');
  const roles = parseRoles(values.role, knowledge);
  const classifier = new Classifier(new Lexicon(knowledge), builtinModel(), oneOf<Strictness>(values.strictness, STRICTNESS, '--strictness', 'balanced'));
  const judgement = classifier.judge(sentence);
  const flagged = roles !== undefined && classifier.isForeign(judgement, roles);
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
  const named = describeNamedOwner(judgement, lexicon);
  lines.push(`  decision: ${verdict}${named ? `: ${named}` : ''}`);
  const scores = Object.entries(judgement.scores).sort((a, b) => b[1] - a[1]);
  lines.push(`  likelihood: ${scores.filter(([, p]) => p >= 0.01).map(([cls, p]) => `${cls} ${Math.round(p * 100)}%`).join(', ')}; a duty, not a requirement: ${Math.round(judgement.dutyProbability * 100)}%`);
  if (judgement.evidence.length && judgement.decision !== 'shared') lines.push(`  evidence: ${judgement.evidence.map((e) => `"${e.text}"`).join(', ')}`);
  if (roles) lines.push(`  in a ${roles.join('/')} posting: ${flagged ? 'flagged as role.foreign-duty' : 'not flagged'}${whyFlagged(judgement, roles, classifier)}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

/** For a duty another role owns, how much likelihood the posting's role keeps against how much it may keep. */
function whyFlagged(judgement: Judgement, roles: string[], classifier: Classifier): string {
  if (judgement.decision !== 'owner') return '';
  if (roles.includes(judgement.owner!)) return `: a duty of the ${classifier.lexicon.role(judgement.owner!)?.abbreviation ?? judgement.owner}`;
  const verdict = classifier.foreignVerdict(judgement, roles);
  return verdict ? `: ${describeForeignVerdict(verdict, judgement, roles, classifier.lexicon)}` : '';
}
