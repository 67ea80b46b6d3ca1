import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Classifier, Lexicon } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { corpusDir, evaluatePostings, ratio } from '../../scripts/evaluate';

const dir = corpusDir();

describe('quality on the labelled development corpus', { skip: dir ? false : 'no corpus: set ROLEFIT_CORPUS or put shared/corpus beside the repository' }, () => {
  const metrics = evaluatePostings(dir!, new Classifier(new Lexicon(builtinKnowledge()), builtinModel()));

  it('flags foreign duties with precision of at least 0.95', () => {
    assert.ok(metrics.precision >= 0.95, `precision ${metrics.precision.toFixed(3)}:\n${metrics.misses.join('\n')}`);
  });

  it('finds at least 90% of the foreign duties', () => {
    assert.ok(metrics.recall >= 0.9, `recall ${metrics.recall.toFixed(3)}:\n${metrics.misses.join('\n')}`);
  });

  it('flags at most 2% of the posting role\'s own and shared duties', () => {
    assert.ok(ratio(metrics.ownOrSharedFlagged, metrics.ownOrShared) <= 0.02, metrics.misses.join('\n'));
  });

  it('meets every document-level expectation (unknown role, role from title, reads like)', () => {
    const failed = metrics.documentChecks.filter((c) => !c.passed);
    assert.deepEqual(failed, []);
  });
});
