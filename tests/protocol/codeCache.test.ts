/**
 * The server's code cache (server/src/start.ts): written when the server exits, used by the next start,
 * and never a reason for a start to fail or to judge differently. Runs against the built server.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { tempFolder } from '../fixtures/tempFolders';
import { TestClient } from './testClient';

const POSTING = ['---', 'role: cto', '---', '', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the architecture of the product platform.', '- Take over the NetSuite ERP and the Salesforce CRM that finance and sales run on.'].join('\n');
const URI = 'file:///code-cache/posting.md';

const cacheFolder = () => tempFolder('rolefit-code-cache-');

/** Starts a server with its cache in `cacheFolder`, checks the posting, and stops the server the way an editor does. */
async function checkOnce(cacheFolder: string): Promise<{ diagnostics: Diagnostic[]; stderr: string }> {
  const client = await TestClient.start({ pull: true, env: { ROLEFIT_CODE_CACHE: cacheFolder } });
  let stderr = '';
  client.process.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await client.open(URI, POSTING);
  const diagnostics = await client.pull(URI);
  await client.stop();
  assert.equal(client.process.exitCode, 0, 'the server exits by itself after shutdown and exit');
  return { diagnostics, stderr };
}

const cacheFiles = (folder: string) => fs.readdirSync(folder).filter((name) => name.endsWith('.v8'));

describe('code cache', () => {
  it('is written when the server exits and read by the next start, which judges the same', async () => {
    const folder = cacheFolder();
    const first = await checkOnce(folder);
    assert.ok(first.diagnostics.some((d) => d.code === 'role.foreign-duty'), 'the ERP duty is flagged');
    const [cache] = cacheFiles(folder);
    assert.ok(cache, 'a cache file after the first start');
    const written = fs.statSync(path.join(folder, cache)).mtimeMs;

    const second = await checkOnce(folder);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    assert.deepEqual(cacheFiles(folder), [cache]);
    assert.equal(fs.statSync(path.join(folder, cache)).mtimeMs, written, 'a cache that was used is not written again');
  });

  it('is written while the server runs, for editors that end it with a kill (Emacs\'s eglot)', async () => {
    const folder = cacheFolder();
    const client = await TestClient.start({ pull: true, env: { ROLEFIT_CODE_CACHE: folder } });
    await client.open(URI, POSTING);
    const diagnostics = await client.pull(URI);
    await new Promise((resolve) => setTimeout(resolve, 6000));
    client.process.kill('SIGKILL');
    await new Promise((resolve) => client.process.once('exit', resolve));
    const [cache] = cacheFiles(folder);
    assert.ok(cache, 'a cache file although the server never saw its exit');
    const written = fs.statSync(path.join(folder, cache)).mtimeMs;

    const next = await checkOnce(folder);
    assert.deepEqual(next.diagnostics, diagnostics);
    assert.equal(fs.statSync(path.join(folder, cache)).mtimeMs, written, 'the next start used it');
  });

  it('replaces a damaged cache, keeps a recent cache of another build and removes old leftovers', async () => {
    const folder = cacheFolder();
    const reference = await checkOnce(folder);
    const [cache] = cacheFiles(folder);
    const good = fs.readFileSync(path.join(folder, cache));
    const damaged = Buffer.from(good);
    damaged[damaged.length - 100] ^= 0xff;
    fs.writeFileSync(path.join(folder, cache), damaged);
    // Another installation in use, one removed long ago, and a write that a kill cut short.
    const otherBuild = 'language-server-0123456789abcdef-01234567.v8';
    const oldBuild = 'language-server-fedcba9876543210-01234567.v8';
    const cutShort = `${cache}.4242`;
    for (const name of [otherBuild, oldBuild, cutShort]) fs.writeFileSync(path.join(folder, name), good);
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    fs.utimesSync(path.join(folder, oldBuild), daysAgo(40), daysAgo(40));
    fs.utimesSync(path.join(folder, cutShort), daysAgo(1), daysAgo(1));

    const again = await checkOnce(folder);
    assert.deepEqual(again.diagnostics, reference.diagnostics);
    assert.equal(again.stderr, '');
    assert.deepEqual(fs.readdirSync(folder).sort(), [otherBuild, cache].sort(), 'the old build and the cut-off write are gone');
    assert.notDeepEqual(fs.readFileSync(path.join(folder, cache)), damaged, 'the damaged cache was written anew');
  });

  it('costs nothing but the speed-up when its folder cannot be written', async () => {
    const blocker = path.join(cacheFolder(), 'a-file');
    fs.writeFileSync(blocker, '');
    const { diagnostics, stderr } = await checkOnce(path.join(blocker, 'cache'));
    assert.ok(diagnostics.some((d) => d.code === 'role.foreign-duty'));
    assert.equal(stderr, '');
  });
});
