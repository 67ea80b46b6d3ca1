/**
 * Mocha runner loaded by the extension host (`extensionTestsPath`), in desktop VS Code or in
 * code-server. runTests.ts bundles this file to tests/editor/out/index.js and every suite/*.test.ts
 * beside it; `run()` loads those bundles and rejects when a test fails, which makes VS Code exit
 * non-zero. With ROLEFIT_EDITOR_RESULTS set, one line per test is also written to that file: in
 * code-server the extension host's console ends up in the browser, so the runner reads the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const resultsFile = process.env.ROLEFIT_EDITOR_RESULTS;
  const mocha = new Mocha({
    ui: 'tdd',
    color: !resultsFile,
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
      const lines: string[] = [];
      const runner = mocha.run((failures) => {
        if (resultsFile) fs.writeFileSync(resultsFile, `${lines.join('\n')}\n${failures} failed\n`);
        if (failures > 0) reject(new Error(`${failures} rolefit editor test(s) failed.`));
        else resolve();
      });
      runner.on('pass', (test) => lines.push(`ok - ${test.fullTitle()} (${test.duration ?? 0} ms)`));
      runner.on('pending', (test) => lines.push(`skipped - ${test.fullTitle()}`));
      runner.on('fail', (test, error: Error) => lines.push(`not ok - ${test.fullTitle()}\n    ${String(error?.stack ?? error).split('\n').join('\n    ')}`));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
