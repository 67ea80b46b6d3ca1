import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '..', '..');
const sources = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({ file: path.join(dir, file), text: fs.readFileSync(path.join(root, dir, file), 'utf8') }));

describe('layer boundaries', () => {
  it('the core imports neither the LSP server library nor the file system', () => {
    for (const { file, text } of sources('server/src/core')) {
      assert.doesNotMatch(text, /from ['"](vscode-languageserver|vscode-languageserver\/node|node:fs|fs|node:path|path)['"]/, file);
    }
  });

  it('nothing evaluates or dynamically loads code', () => {
    for (const { file, text } of [...sources('server/src'), ...sources('client/src')]) {
      assert.doesNotMatch(text, /\beval\(|new Function\(|\bimport\(|require\(/, file);
    }
  });
});
