#!/usr/bin/env node
/**
 * The language server's command: runs the bundled server (language-server.js) from V8's code cache.
 * Compiling the bundle and the functions the first analysis needs is about 40 ms of every start; the
 * cache, written once the server has run a few seconds (or at its exit, if that comes first), skips
 * that from the second start on. The cache lives in the editor's storage for the extension
 * (ROLEFIT_CODE_CACHE) or in the user's cache folder, and is only ever an optimisation: a missing,
 * stale or damaged cache means an ordinary start.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import envPaths from 'env-paths';

const SERVER_FILE = path.join(__dirname, 'language-server.js');
const CACHE_PREFIX = 'language-server-';
const CACHE_SUFFIX = '.v8';
const DIGEST_BYTES = 32;
/**
 * Another build's cache may belong to a second installation in use (a global and a project's
 * rolefit sharing the user's cache folder), so it is removed only once it is this old; a write
 * that a kill cut short, after a minute.
 */
const OTHER_BUILD_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const PARTIAL_AGE_MS = 60 * 1000;
/**
 * Some editors end the server with a kill right after asking it to exit (Emacs's eglot), so it never
 * sees its own exit: the cache is also written once the server has run this long, by when its start
 * and the first analysis, all that a start needs, are compiled.
 */
const WRITE_AFTER_MS = 5000;

const cacheDirectory = process.env.ROLEFIT_CODE_CACHE || envPaths('rolefit', { suffix: '' }).cache;
const { script, sourceKey, cacheFile, fromCache } = compileServer();
if (!fromCache) {
  let written = false;
  const whileRunning = setTimeout(() => (written = writeCache()), WRITE_AFTER_MS);
  whileRunning.unref();
  // A server that exits sooner writes at its exit, with every function this run compiled.
  process.once('exit', () => {
    clearTimeout(whileRunning);
    if (!written) writeCache();
  });
}
const serverModule = { exports: {} };
script.runInThisContext()(serverModule.exports, createRequire(SERVER_FILE), serverModule, SERVER_FILE, __dirname);

/**
 * Compiles the bundle, from the cache when there is a good one. The source text and the cached
 * data stay local, so that once V8 holds the compiled script (with its own copy of the source)
 * neither is kept alive a second time.
 */
function compileServer(): { script: vm.Script; sourceKey: string; cacheFile: string; fromCache: boolean } {
  const source = fs.readFileSync(SERVER_FILE, 'utf8');
  // V8 checks its version and flags but, of the source, only the length: the name keys the rest.
  const sourceKey = sha256(source).toString('hex').slice(0, 16);
  const runtimeKey = sha256(`${process.version} ${process.arch} ${process.execArgv.join(' ')}`).toString('hex').slice(0, 8);
  const cacheFile = path.join(cacheDirectory, `${CACHE_PREFIX}${sourceKey}-${runtimeKey}${CACHE_SUFFIX}`);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: SERVER_FILE, cachedData });
  return { script, sourceKey, cacheFile, fromCache: cachedData !== undefined && !script.cachedDataRejected };
}

function sha256(data: string | Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** The cached code, or undefined when there is none or it is not whole (its checksum does not match). */
function readCache(cacheFile: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(DIGEST_BYTES);
  return file.length > DIGEST_BYTES && sha256(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

/** Writes the cache whole or not at all; true when it was written. */
function writeCache(): boolean {
  try {
    const data = script.createCachedData();
    fs.mkdirSync(cacheDirectory, { recursive: true });
    const partial = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(partial, Buffer.concat([sha256(data), data]));
    fs.renameSync(partial, cacheFile);
    removeLeftovers();
    return true;
  } catch {
    // A read-only or full disk costs only the speed-up; the next write that succeeds removes a partial one.
    return false;
  }
}

/** Removes other builds' caches written over a month ago (one still in use writes its own again when it next runs), and cut-off writes. */
function removeLeftovers(): void {
  const now = Date.now();
  for (const name of fs.readdirSync(cacheDirectory)) {
    if (!name.startsWith(CACHE_PREFIX)) continue;
    const whole = name.endsWith(CACHE_SUFFIX);
    if (whole && name.startsWith(`${CACHE_PREFIX}${sourceKey}-`)) continue;
    const file = path.join(cacheDirectory, name);
    const written = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? now;
    if (now - written > (whole ? OTHER_BUILD_AGE_MS : PARTIAL_AGE_MS)) fs.rmSync(file, { force: true });
  }
}
