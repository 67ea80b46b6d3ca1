import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { Lexicon } from '../../server/src/core';
import { builtinKnowledge } from '../../server/src/knowledge/builtin';
import { ModelSchema } from '../../server/src/knowledge/schema';
import { fittedModelText, MODEL_FILE } from '../../scripts/model';
import { loadRealCorpus, realCorpusDir } from '../../scripts/realCorpus';

const corpus = realCorpusDir();

describe('the fitted model', () => {
  const shipped = JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8'));

  it('matches its schema: one weight per class for every feature', () => {
    assert.doesNotThrow(() => ModelSchema.parse(shipped));
    assert.throws(() => ModelSchema.parse({ ...shipped, owner: { ...shipped.owner, weights: shipped.owner.weights.slice(1) } }), /one weight per class for every feature/);
  });

  it('is what `npm run fit` writes from the labelled postings (run it after changing the knowledge base or the features)', { skip: corpus ? false : 'no real corpus beside the repository' }, () => {
    const refitted = JSON.parse(fittedModelText(new Lexicon(builtinKnowledge()), loadRealCorpus(corpus!)));
    assert.deepEqual(refitted.owner.classes, shipped.owner.classes);
    assert.deepEqual(refitted.owner.features, shipped.owner.features);
    assert.deepEqual(refitted.kind.features, shipped.kind.features);
    // Fitting is deterministic; the tolerance only absorbs floating-point differences between machines.
    const close = (a: number[], b: number[], what: string) => a.forEach((w, i) => assert.ok(Math.abs(w - b[i]) < 0.01, `${what}[${i}]: ${w} vs ${b[i]}`));
    close(refitted.owner.weights, shipped.owner.weights, 'owner weights');
    close(refitted.owner.bias, shipped.owner.bias, 'owner bias');
    close(refitted.kind.weights, shipped.kind.weights, 'kind weights');
  });
});
