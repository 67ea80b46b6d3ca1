import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Classifier, Lexicon } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';
import { drawPart, emptyCounts, scorePosting, secondReadings, sourceIntervals, summarize, totalScores, type ScoredPosting } from '../../scripts/evaluateReal';
import type { RealLabel, RealPosting } from '../../scripts/realCorpus';

/** A scored posting of `group` whose transplants were `found` of `transplants`. */
function scored(group: string, found: number, transplants: number): ScoredPosting {
  const all = { ...emptyCounts(), postings: 1, transplants, transplantsFlagged: found };
  const high = { ...emptyCounts(), postings: 1 };
  return { posting: { file: `${group}.md`, group } as RealPosting, scores: { all, high } };
}

/** A high-confidence duty of `owner` on `line` of `file`. */
const duty = (file: string, line: number, owner: string) => ({ file, line, section: 'responsibilities', kind: 'duty', owner, confidence: 'high', note: '' }) as RealLabel;

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

  it('draw part of the fitting data by key, the same part on every run and all postings of a source together', () => {
    const postings = Array.from({ length: 400 }, (_, i) => ({ file: `${i}.md`, group: `source-${Math.floor(i / 2)}` }) as RealPosting);
    const half = drawPart(postings, (p) => p.group, 0.5, 1);
    assert.ok(half.length > 150 && half.length < 250, `${half.length} of 400`);
    assert.deepEqual(drawPart(postings, (p) => p.group, 0.5, 1), half);
    for (const posting of half) assert.equal(half.filter((p) => p.group === posting.group).length, 2, posting.group);
    assert.notDeepEqual(drawPart(postings, (p) => p.group, 0.5, 2), half);
    assert.equal(drawPart(postings, (p) => p.group, 1, 1).length, 400);
    assert.equal(drawPart(postings, (p) => p.group, 0, 1).length, 0);
  });

  it('count the arguable rows whose note names a reading that would turn a flag around', () => {
    const label = (kind: RealLabel['kind'], owner: string, confidence: RealLabel['confidence'], note: string) => ({ kind, owner, confidence, note }) as RealLabel;
    const cto = {
      roles: ['cto'],
      labels: [
        label('duty', 'shared', 'medium', 'vendor scope not stated; cio if read as IT vendors'),
        label('duty', 'cto', 'medium', 'platform scaling; shared if scope is unstated'),
        label('duty', 'shared', 'high', 'department budget; the cio is not meant'),
        label('requirement', 'other', 'medium', 'experience; cio reading'),
        label('duty', 'cio', 'medium', 'business systems; shared possible'),
        label('duty', 'cpo', 'medium', 'pricing; ciso reading'),
      ],
    } as RealPosting;
    assert.deepEqual(secondReadings([cto]), { notForeign: 3, foreignReading: 1, postingsWithForeignReading: 1, foreign: 2, notForeignReading: 1 });
  });

  it('count the transplants that name an area of their owner in the knowledge base\'s words apart', () => {
    const classifier = new Classifier(new Lexicon(builtinKnowledge()), builtinModel());
    const host = {
      file: 'cto.md', roles: ['cto'], group: 'host', aside: false,
      text: ['# Chief Technology Officer', '', '## Responsibilities', '', '- Set the technical architecture of the product', '- Grow the engineering team'].join('\n'),
      labels: [duty('cto.md', 5, 'cto'), duty('cto.md', 6, 'cto')],
    } as RealPosting;
    const donor = {
      file: 'cio.md', roles: ['cio'], group: 'donor', aside: false,
      text: ['# Chief Information Officer', '', '## Responsibilities', '', '- Run the IT help desk for every office', '- Keep the mailing lists of every office current'].join('\n'),
      labels: [duty('cio.md', 5, 'cio'), duty('cio.md', 6, 'cio')],
    } as RealPosting;
    const scores = { all: emptyCounts(), high: emptyCounts() };
    scorePosting(host, [donor], classifier, scores);
    assert.equal(scores.all.transplants, 2);
    assert.equal(scores.all.transplantsNamingOwner, 1);
    assert.equal(scores.all.transplantsNamingOwnerFlagged, 1, 'the help desk is flagged as the CIO\'s');
  });

  it('say why each missed transplant was missed', () => {
    const classifier = new Classifier(new Lexicon(builtinKnowledge()), builtinModel());
    const host = {
      file: 'cto.md', roles: ['cto'], group: 'host', aside: false,
      text: ['# Chief Technology Officer', '', '## Responsibilities', '', '- Grow the engineering team'].join('\n'),
      labels: [duty('cto.md', 5, 'cto')],
    } as RealPosting;
    // Labels as a careless donor might give them: the scorer must report what rolefit made of each.
    const donor = {
      file: 'cio.md', roles: ['cio'], group: 'donor', aside: false,
      text: ['# Chief Information Officer', '', '## Responsibilities', '', '- Run the IT help desk for every office', '- Manage the department budget', '- Set the technical architecture of the product'].join('\n'),
      labels: [duty('cio.md', 5, 'cio'), duty('cio.md', 6, 'cio'), duty('cio.md', 7, 'cpo')],
    } as RealPosting;
    const scores = { all: emptyCounts(), high: emptyCounts() };
    scorePosting(host, [donor], classifier, scores);
    const { transplants, transplantsFlagged, transplantsReadAsShared, transplantsReadAsPostingRole, transplantsKeptByPostingRole, transplantsWithNoSureOwner, transplantsNotJudged } = scores.all;
    assert.deepEqual(
      { transplants, transplantsFlagged, transplantsReadAsShared, transplantsReadAsPostingRole, transplantsKeptByPostingRole, transplantsWithNoSureOwner, transplantsNotJudged },
      { transplants: 3, transplantsFlagged: 1, transplantsReadAsShared: 1, transplantsReadAsPostingRole: 1, transplantsKeptByPostingRole: 0, transplantsWithNoSureOwner: 0, transplantsNotJudged: 0 },
    );
  });

  it('count the false flags that fall on an arguable row whose note names the flagged owner', () => {
    const classifier = new Classifier(new Lexicon(builtinKnowledge()), builtinModel());
    const text = ['---', 'role: cto', '---', '# Chief Technology Officer', '', '## Responsibilities', '', '- Own the ERP and CRM rollout', '- Run the IT help desk and the employee laptops', '- Set the technical architecture of the product'].join('\n');
    const label = (line: number, owner: string, confidence: RealLabel['confidence'], note: string) => ({ file: 'cto.md', line, kind: 'duty', owner, confidence, note }) as RealLabel;
    const posting = {
      file: 'cto.md', text, roles: ['cto'], group: 'example', aside: false,
      labels: [label(8, 'shared', 'medium', 'rollout with no scope stated; competing cio'), label(9, 'shared', 'high', 'generic support'), label(10, 'cto', 'high', 'product architecture')],
    } as RealPosting;
    const scores = { all: emptyCounts(), high: emptyCounts() };
    scorePosting(posting, [], classifier, scores);
    assert.equal(scores.all.notForeignFlagged, 2);
    assert.equal(scores.all.flaggedOnSecondReading, 1);
  });
});
