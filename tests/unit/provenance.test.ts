import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { itemText, loadRealCorpus, realCorpusDir } from '../../scripts/realCorpus';

/**
 * The labelled real postings measure rolefit; none of their sentences may become part of it. A
 * copied sentence shares a long run of words with its source, so the check looks for any run of
 * STRETCH words that a labelled item and a file of the project have in common.
 */
const STRETCH = 10;
const ROOT = path.resolve(__dirname, '..', '..');
const SEARCHED = ['server/src', 'client/src', 'snippets', 'examples', 'tests', 'scripts', 'README.md', 'CHANGELOG.md'];
const SKIPPED_DIRS = new Set(['node_modules', 'out', '.cache', 'test-results']);
const TEXT_FILE = /\.(ts|mjs|js|json|ya?ml|md|tsv|lua|el|sh)$/;
/** Fitted weights name single words and word pairs, never a sentence. */
const FITTED_WEIGHTS = path.join('server', 'src', 'knowledge', 'model.json');

const corpus = realCorpusDir();

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function stretchesOf(text: string): string[] {
  const all = words(text);
  const result: string[] = [];
  for (let i = 0; i + STRETCH <= all.length; i++) result.push(all.slice(i, i + STRETCH).join(' '));
  return result;
}

/** Every run of STRETCH words of every labelled item, with the item it comes from. */
function corpusStretches(dir: string): Map<string, string> {
  const stretches = new Map<string, string>();
  for (const posting of loadRealCorpus(dir)) {
    for (const label of posting.labels) for (const stretch of stretchesOf(itemText(posting.text, label.line))) stretches.set(stretch, `${posting.file}:${label.line}`);
  }
  return stretches;
}

/** The labelled items that `text` shares a run of STRETCH words with. */
function sharedItems(text: string, stretches: Map<string, string>): string[] {
  return [...new Set(stretchesOf(text).flatMap((s) => stretches.get(s) ?? []))];
}

function projectFiles(): string[] {
  const files: string[] = [];
  const visit = (relative: string) => {
    const full = path.join(ROOT, relative);
    if (!fs.existsSync(full)) return;
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full)) if (!SKIPPED_DIRS.has(name)) visit(path.join(relative, name));
    } else if (TEXT_FILE.test(relative) && relative !== FITTED_WEIGHTS) files.push(relative);
  };
  for (const entry of SEARCHED) visit(entry);
  return files;
}

describe('the labelled real postings stay outside the product', { skip: corpus ? false : 'no real corpus beside the repository' }, () => {
  const stretches = corpus ? corpusStretches(corpus) : new Map<string, string>();

  it(`no file of the knowledge base, code, tests, fixtures or docs shares ${STRETCH} words in a row with a labelled item`, () => {
    const files = projectFiles();
    assert.ok(files.some((f) => f.endsWith('duties.tsv')) && files.some((f) => f.endsWith('cto.yaml')), 'the knowledge base and the fixtures are searched');
    const copies = files.flatMap((file) => sharedItems(fs.readFileSync(path.join(ROOT, file), 'utf8'), stretches).map((item) => `${file} shares a sentence with ${item}`));
    assert.deepEqual(copies, []);
  });

  it('finds a labelled item pasted into a file, even reworded around it', () => {
    const [posting] = loadRealCorpus(corpus!);
    const label = posting.labels.find((l) => words(itemText(posting.text, l.line)).length >= STRETCH)!;
    const pasted = `- Our own duty first.\n- As a start, ${itemText(posting.text, label.line).toUpperCase()} and more.\n`;
    assert.deepEqual(sharedItems(pasted, stretches), [`${posting.file}:${label.line}`]);
  });
});
