// `npm test`: every suite, one after the other, even when one fails; a summary at the end, and
// exit code 1 when any suite failed. Chaining with && would hide the failures of the later suites.
import { spawnSync } from 'node:child_process';

const suites = ['test:core', 'test:editor', 'test:e2e', 'test:neovim', 'test:emacs'];
const results = [];
// What the suites drive (Chromium, code-server, pre-commit) is installed first, so that no suite skips for want of it.
console.log('=== bash tests/e2e/setup.sh');
const setup = spawnSync('bash', ['tests/e2e/setup.sh'], { stdio: 'inherit' });
if (setup.status !== 0) console.log('setup failed: the suites that need what it installs will fail');
for (const suite of suites) {
  const started = Date.now();
  console.log(`\n=== npm run ${suite}`);
  const { status, signal } = spawnSync('npm', ['run', suite], { stdio: 'inherit' });
  results.push({ suite, ok: status === 0, detail: signal ? `killed by ${signal}` : `exit ${status}`, seconds: (Date.now() - started) / 1000 });
}
console.log('\n=== npm test summary');
for (const { suite, ok, detail, seconds } of results) console.log(`${ok ? 'PASS' : 'FAIL'}  ${suite.padEnd(12)} ${detail.padEnd(10)} ${seconds.toFixed(0)} s`);
const failed = results.filter((r) => !r.ok);
console.log(failed.length === 0 ? 'every suite passed' : `${failed.length} of ${results.length} suites failed: ${failed.map((r) => r.suite).join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
