import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCounts, sourceIntervals, summarize, totalScores, type ScoredPosting } from '../../scripts/evaluateReal';
import type { RealPosting } from '../../scripts/realCorpus';

/** A scored posting of `group` whose transplants were `found` of `transplants`. */
function scored(group: string, found: number, transplants: number): ScoredPosting {
  const all = { ...emptyCounts(), postings: 1, transplants, transplantsFlagged: found };
  const high = { ...emptyCounts(), postings: 1 };
  return { posting: { file: `${group}.md`, group } as RealPosting, scores: { all, high } };
}

const recall = (scores: ReturnType<typeof totalScores>) => summarize(scores.all).transplantRecall;

describe('the real-corpus scores', () => {
  it('add up posting by posting', () => {
    const total = totalScores([scored('a', 1, 3), scored('b', 3, 3)]);
    assert.equal(total.all.postings, 2);
    assert.equal(recall(total), 4 / 6);
  });

  it('give an interval that spans the sources, and none when every source scores the same', () => {
    assert.deepEqual(sourceIntervals([scored('a', 2, 3), scored('b', 2, 3), scored('c', 2, 3)], [recall])[0], [2 / 3, 2 / 3]);
    const [low, high] = sourceIntervals([scored('a', 0, 3), scored('b', 3, 3), scored('c', 3, 3), scored('d', 0, 3)], [recall])[0];
    assert.ok(low < 0.5 && high > 0.5 && low >= 0 && high <= 1, `${low}–${high}`);
  });

  it('resample whole sources: postings of one source are never split', () => {
    // Source "a" holds one posting with every transplant found and one with none: together it always scores 1/2.
    const [low, high] = sourceIntervals([scored('a', 3, 3), scored('a', 0, 3)], [recall])[0];
    assert.deepEqual([low, high], [0.5, 0.5]);
  });
});
