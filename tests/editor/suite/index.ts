/**
 * Mocha runner loaded by the Extension Development Host (`--extensionTestsPath`).
 * runTests.ts bundles this file to tests/editor/out/index.js and every suite/*.test.ts beside it;
 * `run()` loads those bundles and rejects when a test fails, which makes VS Code exit non-zero.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: true,
    // Each test waits on the language server with its own, shorter timeout (ROLEFIT_EDITOR_WAIT_MS).
    timeout: Number(process.env.ROLEFIT_EDITOR_TEST_TIMEOUT_MS ?? 120_000),
  });
  const grep = process.env.ROLEFIT_EDITOR_GREP;
  if (grep) mocha.grep(grep);

  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`rolefit editor tests: no *.test.js bundle found in ${__dirname}`));
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} rolefit editor test(s) failed.`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
