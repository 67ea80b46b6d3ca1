import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzePosting, Classifier, Lexicon } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { generatedFiles } from '../../scripts/generated';

const root = path.resolve(__dirname, '..', '..');

/** What a writer gets after expanding a snippet and accepting every default. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

describe('generated files', () => {
  for (const file of generatedFiles()) {
    it(`${file.path} matches the knowledge base and rule catalogue (run "npm run generate" after changing them)`, () => {
      assert.equal(fs.readFileSync(path.join(root, file.path), 'utf8'), file.text);
    });
  }

  it('each role template, inserted into an empty file, has zero findings', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(root, 'snippets', 'markdown.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    const classifier = new Classifier(new Lexicon(builtinKnowledge()), builtinModel());
    assert.deepEqual(Object.values(snippets).map((s) => s.prefix).sort(), ['jd-cdo', 'jd-cio', 'jd-ciso', 'jd-cpo', 'jd-cto']);
    for (const snippet of Object.values(snippets)) {
      const analysis = analyzePosting(expand(snippet.body), classifier);
      assert.deepEqual(analysis.findings, [], snippet.prefix);
      assert.equal(analysis.roleSource, 'front-matter');
      assert.equal(analysis.postingFit, 1, `${snippet.prefix} fit`);
    }
  });

  it('the package.json settings cover every rule', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const properties = Object.keys(manifest.contributes.configuration.properties);
    for (const rule of ['role.foreign-duty', 'role.reads-like', 'role.unknown', 'config.invalid']) assert.ok(properties.includes(`rolefit.rules.${rule}.severity`), rule);
  });
});
