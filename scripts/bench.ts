/**
 * Performance benchmark of rolefit: `npm run bench`.
 *
 *   1. core throughput of analyzePosting from 1 KB to 10 MB, against a bare markdown-it parse
 *   2. editor latency over a real LSP connection (pull and push), hover and completion
 *   3. cold start of the bundled server
 *   4. server memory with 50 open postings and with one 10 MB posting
 *   5. bundle sizes
 *   6. side by side with markdownlint (library and CLI)
 *
 * Prints tables and a PASS/FAIL summary of the targets, and writes bench-results/bench.json.
 * Inputs are generated with a fixed seed (scripts/postings.ts). Every wait on the server has a timeout,
 * and every server process this script starts is killed before it exits.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import MarkdownIt from 'markdown-it';
import { lint as markdownlint } from 'markdownlint/sync';
import { analyzePosting, Classifier, Lexicon, parsePosting, type PostingAnalysis } from '../server/src/core';
import { builtinKnowledge, builtinModel } from '../server/src/knowledge/builtin';
import { SERVER, TestClient } from '../tests/protocol/testClient';
import { PATHOLOGICAL_POSTINGS } from '../tests/fixtures/pathological';
import { postingGenerator } from './postings';

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'bench-results');
const FIXTURES = path.join(OUT_DIR, 'fixtures');
const CLI = path.join(ROOT, 'server', 'out', 'cli.js');
const MARKDOWNLINT_CLI2 = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
/** The server's push debounce (PUSH_DELAY_MS in server/src/features/diagnostics.ts). */
const PUSH_DEBOUNCE_MS = 15;
const LSP_TIMEOUT_MS = 20_000;
const MB = 1_000_000;
/** The servers this bench starts keep V8's code cache in a folder of its own (see server/src/start.ts). */
const CODE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), 'rolefit-bench-code-cache-'));
process.env.ROLEFIT_CODE_CACHE = CODE_CACHE;
process.on('exit', () => fs.rmSync(CODE_CACHE, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------- helpers

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Stats {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { n, min: NaN, median: NaN, p95: NaN, max: NaN, mean: NaN };
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)];
  return { n, min: sorted[0], median, p95, max: sorted[n - 1], mean: sorted.reduce((s, v) => s + v, 0) / n };
}

function shifted(s: Stats, by: number): Stats {
  return { n: s.n, min: s.min - by, median: s.median - by, p95: s.p95 - by, max: s.max - by, mean: s.mean - by };
}

function ms(value: number | undefined, digits = 2): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return value >= 100 ? value.toFixed(0) : value.toFixed(digits);
}

function kb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function table(title: string, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function timed<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

/** Times two functions `runs` times each, alternating which goes first so neither always runs right after a collection. */
function timedSideBySide(runs: number, first: () => unknown, second: () => unknown, collectEachRun: boolean): [number[], number[]] {
  const firstTimes: number[] = [];
  const secondTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (collectEachRun) gc();
    if (i % 2 === 0) {
      firstTimes.push(timed(first)[0]);
      secondTimes.push(timed(second)[0]);
    } else {
      secondTimes.push(timed(second)[0]);
      firstTimes.push(timed(first)[0]);
    }
  }
  return [firstTimes, secondTimes];
}

/** Rejects when the promise does not settle in time, so no wait on the server can hang the bench. */
function within<T>(what: string, timeoutMs: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ------------------------------------------------------------------------------------ server processes

const running = new Set<TestClient>();

async function startClient(pull: boolean): Promise<TestClient> {
  const client = await within('server start and initialize', LSP_TIMEOUT_MS, TestClient.start({ pull }));
  running.add(client);
  client.process.stderr?.resume();
  return client;
}

async function stopClient(client: TestClient): Promise<void> {
  try {
    await within('server shutdown', 3000, client.stop());
  } catch {
    // Killed below.
  }
  if (client.process.exitCode === null && client.process.signalCode === null) client.process.kill('SIGKILL');
  running.delete(client);
}

/** Server processes this process spawned but never got a client for (a start that timed out). */
function strayServerPids(): number[] {
  const pids: number[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return pids;
  }
  for (const entry of entries) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(SERVER)) pids.push(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

function killAll(): void {
  for (const client of running) {
    if (client.process.exitCode === null && client.process.signalCode === null) client.process.kill('SIGKILL');
  }
  running.clear();
  for (const pid of strayServerPids()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Resident memory of a process in bytes, read from /proc (Linux only). */
function memoryOf(pid: number | undefined): { rss?: number; peak?: number } {
  if (pid === undefined) return {};
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => {
      const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
      return match ? Number(match[1]) * 1024 : undefined;
    };
    return { rss: field('VmRSS'), peak: field('VmHWM') };
  } catch {
    return {};
  }
}

// -------------------------------------------------------------------------------------------- the bench

const knowledge = builtinKnowledge();
const generator = postingGenerator(knowledge);
const md = new MarkdownIt({ html: true });
const results: Record<string, unknown> = {};

interface Target {
  name: string;
  value: string;
  limit: string;
  pass: boolean;
}
const targets: Target[] = [];
function target(name: string, value: number | undefined, limit: number, unit: string, lowerIsBetter = true): void {
  const pass = value !== undefined && !Number.isNaN(value) && (lowerIsBetter ? value <= limit : value >= limit);
  targets.push({ name, value: value === undefined ? 'n/a' : `${ms(value)} ${unit}`, limit: `${lowerIsBetter ? '<=' : '>='} ${limit} ${unit}`, pass });
}

function ensureBuilt(): void {
  const bundles = ['main.js', 'language-server.js'].map((name) => path.join(ROOT, 'server', 'out', name));
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }
    return latest;
  };
  const sources = Math.max(newest(path.join(ROOT, 'server', 'src')), newest(path.join(ROOT, 'client', 'src')));
  const outputs = [...bundles, CLI, path.join(ROOT, 'client', 'out', 'extension.js')];
  if (outputs.every((file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= sources)) {
    console.log('bundles are up to date with the sources');
    return;
  }
  console.log('building the bundles (npm run build)…');
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
  if (build.status !== 0) throw new Error('npm run build failed');
}

const SIZES = [
  { label: '1 KB', size: 1_000, runs: 200, warmup: 30 },
  { label: '10 KB', size: 10_000, runs: 200, warmup: 30 },
  { label: '100 KB', size: 100_000, runs: 30, warmup: 3 },
  { label: '1 MB', size: 1_000_000, runs: 7, warmup: 1 },
  { label: '10 MB', size: 10_000_000, runs: 3, warmup: 1 },
];

const postings = new Map<string, string>();
function postingOf(label: string): string {
  const text = postings.get(label);
  if (!text) throw new Error(`no posting ${label}`);
  return text;
}

function coreThroughput(lexicon: Lexicon): void {
  const rows: string[][] = [];
  const data: unknown[] = [];
  for (const [index, { label, size, runs, warmup }] of SIZES.entries()) {
    const text = generator.posting({ role: 'cto', size, seed: 1000 + index });
    postings.set(label, text);
    const analyze = () => analyzePosting(text, new Classifier(lexicon, builtinModel()), { maxCharacters: 0 });
    const parse = () => md.parse(text, {});
    let analysis: PostingAnalysis | undefined;
    for (let i = 0; i < warmup; i++) {
      analysis = analyze();
      parse();
    }
    const [analyzeTimes, parseTimes] = timedSideBySide(runs, analyze, parse, size >= 100_000);
    const a = stats(analyzeTimes);
    const p = stats(parseTimes);
    const megabytes = text.length / MB;
    const items = analysis?.items.length ?? 0;
    const findings = analysis?.findings.length ?? 0;
    rows.push([label, String(text.length), String(items), String(findings), String(runs), ms(a.median), ms(a.p95), (megabytes / (a.median / 1000)).toFixed(1), ms(a.median / megabytes, 1), ms(p.median), (a.median / p.median).toFixed(2)]);
    data.push({ label, characters: text.length, items, findings, runs, analyze: a, parse: p, mbPerSecond: megabytes / (a.median / 1000), msPerMb: a.median / megabytes, parseMsPerMb: p.median / megabytes, ratioToParse: a.median / p.median });
  }

  // Warm: one classifier for every run, so every item's judgement comes from its cache.
  const text = postingOf('10 KB');
  const classifier = new Classifier(lexicon, builtinModel());
  for (let i = 0; i < 30; i++) analyzePosting(text, classifier, { maxCharacters: 0 });
  const warmTimes: number[] = [];
  for (let i = 0; i < 200; i++) warmTimes.push(timed(() => analyzePosting(text, classifier, { maxCharacters: 0 }))[0]);
  const warm = stats(warmTimes);
  rows.push(['10 KB warm', String(text.length), '', '', '200', ms(warm.median), ms(warm.p95), (text.length / MB / (warm.median / 1000)).toFixed(1), ms(warm.median / (text.length / MB), 1), '', '']);

  table(
    '1. Core throughput: analyzePosting (cold = fresh Classifier per run; the word-key cache is module-global and warm) vs bare markdown-it parse in the same loop',
    ['size', 'chars', 'items', 'finds', 'runs', 'median ms', 'p95 ms', 'MB/s', 'ms/MB', 'parse ms', 'x parse'],
    rows,
  );
  results.core = { sizes: data, warm10kb: warm };

  const bySize = data as Array<{ label: string; analyze: Stats; msPerMb: number; ratioToParse: number }>;
  target('10 KB analyzed, first time (cold median)', bySize[1].analyze.median, 5, 'ms');
  target('10 KB analyzed again after an edit (warm median)', warm.median, 2, 'ms');
  target('linear: ms/MB at 10 MB / ms/MB at 100 KB', bySize[4].msPerMb / bySize[2].msPerMb, 1.5, 'x');
}

const TYPED = ' and keep every release of the platform on schedule for the teams across all regions we serve, with clear written plans';

function typedText(count: number): string {
  let text = '';
  while (text.length < count) text += TYPED;
  return text.slice(0, count);
}

/** A single-line bullet in the Responsibilities section, near the given share of the document, and where to type in it. */
function typingSpot(text: string, share: number): { line: number; character: number } {
  const items = parsePosting(text).items.filter((i) => i.section.kind === 'responsibilities' && i.range.start.line === i.range.end.line && i.depth === 1);
  const item = items[Math.min(items.length - 1, Math.floor(items.length * share))];
  // Before the closing period.
  return { line: item.range.end.line, character: item.range.end.character - 1 };
}

async function editLatency(pull: boolean, text: string, edits: number, share: number): Promise<{ times: number[]; diagnostics: number }> {
  const client = await startClient(pull);
  try {
    const uri = `file:///bench/typing-${pull ? 'pull' : 'push'}-${text.length}.md`;
    await within('didOpen', LSP_TIMEOUT_MS, client.open(uri, text));
    const initial = pull ? await within('first pull', LSP_TIMEOUT_MS, client.pull(uri)) : await within('first push', LSP_TIMEOUT_MS, client.pushedFor(uri));
    const spot = typingSpot(text, share);
    const typed = typedText(edits);
    const times: number[] = [];
    let last = initial.length;
    for (let i = 0; i < edits; i++) {
      const position = { line: spot.line, character: spot.character + i };
      const start = performance.now();
      await within('didChange', LSP_TIMEOUT_MS, client.change(uri, [{ range: { start: position, end: position }, newText: typed[i] }]));
      const diagnostics = pull ? await within('pull after an edit', LSP_TIMEOUT_MS, client.pull(uri)) : await within('push after an edit', LSP_TIMEOUT_MS, client.pushedFor(uri));
      times.push(performance.now() - start);
      last = diagnostics.length;
    }
    if (client.text(uri).length !== text.length + edits) throw new Error('the edits did not apply');
    return { times, diagnostics: last };
  } finally {
    await stopClient(client);
  }
}

async function requestLatency(text: string): Promise<{ hover: number[]; completion: number[]; hovered: number; completed: number }> {
  const client = await startClient(true);
  try {
    const uri = 'file:///bench/requests-10kb.md';
    await within('didOpen', LSP_TIMEOUT_MS, client.open(uri, text));
    await within('first pull', LSP_TIMEOUT_MS, client.pull(uri));
    const items = parsePosting(text).items;
    const bullets = items.filter((i) => i.section.kind === 'responsibilities');
    const hover: number[] = [];
    const completion: number[] = [];
    let hovered = 0;
    let completed = 0;
    for (let i = 0; i < 100; i++) {
      const item = items[(i * 7) % items.length];
      const start = performance.now();
      const result = await within('hover', LSP_TIMEOUT_MS, client.hover(uri, { line: item.range.start.line, character: item.range.start.character + 2 }));
      hover.push(performance.now() - start);
      if (result) hovered++;
    }
    for (let i = 0; i < 100; i++) {
      const item = bullets[(i * 5) % bullets.length];
      const start = performance.now();
      const result = await within('completion', LSP_TIMEOUT_MS, client.completion(uri, item.range.end));
      completion.push(performance.now() - start);
      if (result.length > 0) completed++;
    }
    return { hover, completion, hovered, completed };
  } finally {
    await stopClient(client);
  }
}

async function editorLatency(): Promise<void> {
  const small = postingOf('10 KB');
  const large = postingOf('100 KB');
  const runs = [
    { label: '10 KB', text: small, edits: 200, share: 0.1 },
    { label: '100 KB', text: large, edits: 50, share: 0.5 },
  ];
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  const p95s: Record<string, number> = {};
  for (const run of runs) {
    const pulled = await editLatency(true, run.text, run.edits, run.share);
    const pushed = await editLatency(false, run.text, run.edits, run.share);
    const pullStats = stats(pulled.times);
    const pushStats = stats(pushed.times);
    const pushNet = shifted(pushStats, PUSH_DEBOUNCE_MS);
    rows.push([`${run.label} pull`, String(run.edits), ms(pullStats.median), ms(pullStats.p95), ms(pullStats.max), String(pulled.diagnostics)]);
    rows.push([`${run.label} push (raw)`, String(run.edits), ms(pushStats.median), ms(pushStats.p95), ms(pushStats.max), String(pushed.diagnostics)]);
    rows.push([`${run.label} push - ${PUSH_DEBOUNCE_MS} ms debounce`, String(run.edits), ms(pushNet.median), ms(pushNet.p95), ms(pushNet.max), '']);
    data[run.label] = { edits: run.edits, pull: pullStats, pushRaw: pushStats, pushWithoutDebounce: pushNet, debounceMs: PUSH_DEBOUNCE_MS, diagnosticsAfterLastEdit: { pull: pulled.diagnostics, push: pushed.diagnostics } };
    p95s[`${run.label} pull`] = pullStats.p95;
    p95s[`${run.label} push`] = pushNet.p95;
  }
  const requests = await requestLatency(small);
  const hover = stats(requests.hover);
  const completion = stats(requests.completion);
  rows.push(['10 KB hover', '100', ms(hover.median), ms(hover.p95), ms(hover.max), `${requests.hovered} non-empty`]);
  rows.push(['10 KB completion', '100', ms(completion.median), ms(completion.p95), ms(completion.max), `${requests.completed} non-empty`]);
  table(
    `2. Editor latency over LSP stdio (bundled server): one typed character per didChange, sequential; edit -> diagnostics of that version (push debounce = ${PUSH_DEBOUNCE_MS} ms)`,
    ['case', 'n', 'p50 ms', 'p95 ms', 'max ms', 'diagnostics'],
    rows,
  );
  results.editor = { ...data, hover, completion, hoverNonEmpty: requests.hovered, completionNonEmpty: requests.completed };
  target('edit -> diagnostics p95, 10 KB, pull', p95s['10 KB pull'], 25, 'ms');
  target('edit -> diagnostics p95, 10 KB, push (debounce excluded)', p95s['10 KB push'], 25, 'ms');
  target('edit -> diagnostics p95, 100 KB, pull', p95s['100 KB pull'], 100, 'ms');
  target('edit -> diagnostics p95, 100 KB, push (debounce excluded)', p95s['100 KB push'], 100, 'ms');
  target('hover p95 (10 KB)', hover.p95, 20, 'ms');
  target('completion p95 (10 KB)', completion.p95, 20, 'ms');
}

async function coldStart(): Promise<void> {
  const text = postingOf('10 KB');
  const totals: number[] = [];
  const initializes: number[] = [];
  // Run 0 starts as the first start after an install does, with no code cache; runs 1-5 as every later start.
  emptyCodeCache();
  for (let i = 0; i <= 5; i++) {
    const start = performance.now();
    const client = await startClient(true);
    const initialized = performance.now();
    try {
      const uri = 'file:///bench/cold-start.md';
      await within('didOpen', LSP_TIMEOUT_MS, client.open(uri, text));
      const diagnostics = await within('first pull', LSP_TIMEOUT_MS, client.pull(uri));
      if (diagnostics.length === 0) throw new Error('cold start: the 10 KB posting got no diagnostics');
      totals.push(performance.now() - start);
      initializes.push(initialized - start);
    } finally {
      await stopClient(client);
    }
  }
  const total = stats(totals.slice(1));
  const init = stats(initializes.slice(1));
  const first = { initialize: initializes[0], total: totals[0] };
  table('3. Cold start (spawn -> initialize -> didOpen 10 KB -> first pulled diagnostics): the first start after an install, then 5 starts', ['phase', 'median ms', 'min ms', 'max ms'], [
    ['first start, no code cache: spawn -> initialize result', ms(first.initialize), '', ''],
    ['first start, no code cache: spawn -> first diagnostics', ms(first.total), '', ''],
    ['spawn -> initialize result', ms(init.median), ms(init.min), ms(init.max)],
    ['spawn -> first diagnostics', ms(total.median), ms(total.min), ms(total.max)],
  ]);
  results.coldStart = { total, initialize: init, first };
  target('cold start to first diagnostics (median)', total.median, 300, 'ms');
}

function emptyCodeCache(): void {
  for (const name of fs.readdirSync(CODE_CACHE)) fs.rmSync(path.join(CODE_CACHE, name), { force: true });
}

async function memory(): Promise<void> {
  const client = await startClient(true);
  const rows: string[][] = [];
  try {
    const pid = client.process.pid;
    const baseline = memoryOf(pid);
    rows.push(['after initialize', mib(baseline.rss), mib(baseline.peak), '']);
    const roles = knowledge.roles.map((r) => r.id);
    for (let i = 0; i < 50; i++) {
      const uri = `file:///bench/memory/posting-${i}.md`;
      await within('didOpen', LSP_TIMEOUT_MS, client.open(uri, generator.posting({ role: roles[i % roles.length], size: 10_000, seed: 5000 + i })));
      await within('pull', LSP_TIMEOUT_MS, client.pull(uri));
    }
    const fifty = memoryOf(pid);
    rows.push(['50 distinct 10 KB postings open + analyzed', mib(fifty.rss), mib(fifty.peak), '']);

    const huge = postingOf('10 MB');
    const uri = 'file:///bench/memory/huge.md';
    const start = performance.now();
    await within('didOpen 10 MB', 60_000, client.open(uri, huge));
    const diagnostics = await within('pull 10 MB', 60_000, client.pull(uri));
    const elapsed = performance.now() - start;
    const tooLarge = diagnostics.find((d) => d.code === 'posting.too-large');
    const after = memoryOf(pid);
    const note = tooLarge ? `too-large reported; ${diagnostics.length} diagnostics; open+pull ${ms(elapsed)} ms` : `NO posting.too-large diagnostic (${diagnostics.length} diagnostics)`;
    rows.push([`+ the 10 MB posting (${huge.length.toLocaleString('en')} chars)`, mib(after.rss), mib(after.peak), note]);
    table('4. Server memory (VmRSS / VmHWM of the server process from /proc)', ['state', 'RSS', 'peak RSS', 'note'], rows);
    if (tooLarge) console.log(`   server said: ${tooLarge.message}`);
    results.memory = { baseline, fifty, after10mb: after, tooLarge: tooLarge?.message ?? null, diagnostics10mb: diagnostics.length, openPull10mbMs: elapsed };
    target('server RSS with 50 open 10 KB postings', fifty.rss === undefined ? undefined : fifty.rss / 1024 / 1024, 80, 'MiB');
  } finally {
    await stopClient(client);
  }
}

function bundles(): void {
  const size = (relative: string) => {
    const file = path.join(ROOT, relative);
    return fs.existsSync(file) ? fs.statSync(file).size : undefined;
  };
  const dirSize = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? dirSize(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
  const knowledgeDir = path.join(ROOT, 'server', 'out', 'knowledge');
  const rows = [
    ['client/out/extension.js', kb(size('client/out/extension.js'))],
    ['server/out/main.js (starts the server from its code cache)', kb(size('server/out/main.js'))],
    ['server/out/language-server.js', kb(size('server/out/language-server.js'))],
    ['server/out/cli.js', kb(size('server/out/cli.js'))],
    ['server/out/knowledge/ (role data)', fs.existsSync(knowledgeDir) ? kb(dirSize(knowledgeDir)) : 'n/a'],
    ['rolefit.vsix', size('rolefit.vsix') === undefined ? 'not built: run npm start' : `${kb(size('rolefit.vsix'))} (built ${fs.statSync(path.join(ROOT, 'rolefit.vsix')).mtime.toISOString().slice(0, 16)})`],
  ];
  table('5. Bundles (minified)', ['file', 'size'], rows);
  results.bundles = Object.fromEntries(['client/out/extension.js', 'server/out/main.js', 'server/out/language-server.js', 'server/out/cli.js', 'rolefit.vsix'].map((f) => [f, size(f) ?? null]));
  const start = size('server/out/main.js');
  const server = size('server/out/language-server.js');
  target('server bundle (main.js + language-server.js) size', start === undefined || server === undefined ? undefined : (start + server) / 1024, 1024, 'KiB');
}

function sideBySide(lexicon: Lexicon): void {
  const rows: string[][] = [];
  const data: Record<string, unknown> = {};
  for (const { label, runs } of [
    { label: '10 KB', runs: 100 },
    { label: '1 MB', runs: 5 },
  ]) {
    const text = postingOf(label);
    const rolefit = () => analyzePosting(text, new Classifier(lexicon, builtinModel()), { maxCharacters: 0 });
    const lint = () => markdownlint({ strings: { posting: text } });
    const lintErrors = lint().posting.length;
    rolefit();
    const [rolefitTimes, lintTimes] = timedSideBySide(runs, rolefit, lint, text.length >= 100_000);
    const r = stats(rolefitTimes);
    const l = stats(lintTimes);
    rows.push([`library, ${label}`, String(runs), ms(r.median), ms(l.median), (r.median / l.median).toFixed(2), `markdownlint: ${lintErrors} errors`]);
    data[`library ${label}`] = { rolefit: r, markdownlint: l, ratio: r.median / l.median, markdownlintErrors: lintErrors };
  }

  fs.mkdirSync(FIXTURES, { recursive: true });
  const file = 'posting-1mb.md';
  fs.writeFileSync(path.join(FIXTURES, file), postingOf('1 MB'));
  const run = (args: string[]) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: FIXTURES, encoding: 'utf8', maxBuffer: 256 * MB, timeout: 120_000 });
    const elapsed = performance.now() - start;
    if (result.error) throw result.error;
    return { elapsed, result };
  };
  const rolefitArgs = [CLI, 'check', file, '--format', 'json', '--fail-on', 'never'];
  const lintArgs = [MARKDOWNLINT_CLI2, file];
  const rolefitTimes: number[] = [];
  const lintTimes: number[] = [];
  let rolefitFindings = 0;
  let lintSummary = '';
  for (let i = 0; i < 6; i++) {
    const first = i % 2 === 0 ? rolefitArgs : lintArgs;
    const second = first === rolefitArgs ? lintArgs : rolefitArgs;
    for (const args of [first, second]) {
      const { elapsed, result } = run(args);
      if (args === rolefitArgs) {
        if (result.status !== 0) throw new Error(`rolefit check exited ${result.status}: ${result.stderr}`);
        rolefitFindings = (JSON.parse(result.stdout) as { files: Array<{ findings: unknown[] }> }).files[0].findings.length;
        if (i > 0) rolefitTimes.push(elapsed);
      } else {
        if (result.status !== 0 && result.status !== 1) throw new Error(`markdownlint-cli2 exited ${result.status}: ${result.stderr.slice(0, 500)}`);
        lintSummary = /Summary: .*/.exec(result.stdout + result.stderr)?.[0] ?? '';
        if (i > 0) lintTimes.push(elapsed);
      }
    }
  }
  const r = stats(rolefitTimes);
  const l = stats(lintTimes);
  rows.push(['CLI process, 1 MB (wall)', '5', ms(r.median), ms(l.median), (r.median / l.median).toFixed(2), `rolefit: ${rolefitFindings} findings; markdownlint-cli2 ${lintSummary}`]);
  data['cli 1 MB'] = { rolefit: r, markdownlintCli2: l, ratio: r.median / l.median, rolefitFindings, markdownlintSummary: lintSummary };
  table('6. Side by side with markdownlint 0.40 (default rules) / markdownlint-cli2 0.22 (medians; 1 warm-up process each not counted)', ['case', 'runs', 'rolefit ms', 'markdownlint ms', 'ratio', 'note'], rows);
  results.markdownlint = data;
  target('rolefit check / markdownlint-cli2 on 1 MB (wall)', r.median / l.median, 1, 'x');
}

/** Inputs that once took seconds (tests/fixtures/pathological.ts): each must stay well under a second. */
function pathological(lexicon: Lexicon): void {
  const rows: string[][] = [];
  const data: Record<string, Stats> = {};
  for (const [name, text] of Object.entries(PATHOLOGICAL_POSTINGS)) {
    const times = Array.from({ length: 5 }, () => timed(() => analyzePosting(text, new Classifier(lexicon, builtinModel())))[0]);
    const s = stats(times);
    data[name] = s;
    rows.push([name, String(text.length), ms(s.median), ms(s.max)]);
  }
  table('7. Pathological postings (5 runs each)', ['input', 'chars', 'median ms', 'max ms'], rows);
  results.pathological = data;
  target('slowest pathological posting (median)', Math.max(...Object.values(data).map((s) => s.median)), 1000, 'ms');
}

async function main(): Promise<void> {
  const started = performance.now();
  ensureBuilt();
  console.log(`rolefit bench · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${os.platform()}`);
  const [lexiconMs, lexicon] = timed(() => new Lexicon(knowledge));
  console.log(`Lexicon built from the built-in knowledge base in ${ms(lexiconMs)} ms (shared by all runs; a fresh Classifier per cold run)`);
  const load = os.loadavg()[0];
  console.log(`load average (1 min) at start: ${load.toFixed(2)} on ${os.cpus().length} cores${load > os.cpus().length * 0.5 ? ' -- WARNING: the machine is busy, timings will be noisy' : ''}`);
  results.environment = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: os.platform(), date: new Date().toISOString(), loadAverageAtStart: load, lexiconMs };

  coreThroughput(lexicon);
  gc();
  await editorLatency();
  await coldStart();
  await memory();
  bundles();
  sideBySide(lexicon);
  pathological(lexicon);

  console.log('\nTargets');
  const width = Math.max(...targets.map((t) => t.name.length));
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name.padEnd(width)}  ${t.value.padStart(11)}  (${t.limit})`);
  const failed = targets.filter((t) => !t.pass).length;
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n${targets.length - failed}/${targets.length} targets met · bench took ${seconds.toFixed(0)} s`);
  results.targets = targets;
  results.seconds = seconds;
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${path.relative(ROOT, path.join(OUT_DIR, 'bench.json'))}`);
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAll();
    process.exit(1);
  },
);
