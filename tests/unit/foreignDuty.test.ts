/** When a duty that another role owns is flagged: the limit on the likelihood the posting's own role may keep. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzePosting, Classifier, describeNamedOwner, Lexicon, type Judgement } from '../../server/src/core';
import { builtinKnowledge, builtinModel } from '../../server/src/knowledge/builtin';

const lexicon = new Lexicon(builtinKnowledge());
const classifier = new Classifier(lexicon, builtinModel());

const owned = (postingRoleLikelihood: number, namesOwnersArea: boolean): Judgement => ({
  decision: 'owner',
  owner: 'cpo',
  scores: { cpo: 0.9, cto: postingRoleLikelihood, shared: 0.1 - postingRoleLikelihood },
  dutyProbability: 0.95,
  evidence: [],
  namesOwnersArea,
});

describe('a foreign duty', () => {
  it('is flagged only when the posting\'s role keeps almost no likelihood, unless a short item names its owner\'s area', () => {
    assert.equal(classifier.isForeign(owned(0.003, false), ['cto']), true);
    assert.equal(classifier.isForeign(owned(0.01, false), ['cto']), false);
    assert.equal(classifier.isForeign(owned(0.01, true), ['cto']), true);
    assert.equal(classifier.isForeign(owned(0.05, true), ['cto']), false);
    assert.equal(classifier.isForeign(owned(0.01, true), ['cpo']), false);
  });

  it('keeps each strictness\'s order: strict flags whatever balanced flags, and balanced whatever lenient flags', () => {
    const strictness = ['lenient', 'balanced', 'strict'] as const;
    const classifiers = strictness.map((s) => new Classifier(lexicon, builtinModel(), s));
    for (const likelihood of [0.001, 0.003, 0.008, 0.015, 0.03, 0.08, 0.2]) {
      for (const named of [false, true]) {
        const flags = classifiers.map((c) => c.isForeign(owned(likelihood, named), ['cto']));
        assert.deepEqual(flags, [...flags].sort(), `${likelihood} ${named}: ${flags}`);
      }
    }
  });

  it('in a short item, is named in the knowledge base\'s words of its owner\'s area and no other role\'s', () => {
    assert.equal(classifier.judge('Define the pricing and packaging strategy').namesOwnersArea, true);
    assert.equal(classifier.judge('Own the ERP and CRM rollout').namesOwnersArea, true);
    // Longer items give the model words enough to be sure; two roles' areas make neither plain.
    assert.notEqual(classifier.judge('Define the pricing and packaging strategy for every product line we sell in each of our markets').namesOwnersArea, true);
    assert.notEqual(classifier.judge('Own the ERP rollout and the pricing and packaging strategy').namesOwnersArea, true);
  });

  it('is flagged in the examples a hiring manager tries first: the ERP rollout in a CTO posting, pricing in a CIO posting', () => {
    const owners = (role: string, ...duties: string[]) =>
      analyzePosting(`---\nrole: ${role}\n---\n# Posting\n\n## Responsibilities\n\n${duties.map((d) => `- ${d}\n`).join('')}`, classifier)
        .findings.filter((f) => f.ruleId === 'role.foreign-duty')
        .map((f) => `${f.range.start.line}:${f.owner}`);
    assert.deepEqual(owners('cto', 'Own the ERP and CRM rollout', 'Lead the engineering team', 'Define the pricing and packaging strategy'), ['7:cio', '9:cpo']);
    assert.deepEqual(owners('cio', 'Own the ERP and CRM rollout', 'Define the pricing and packaging strategy'), ['8:cpo']);
  });

  it('in a short item that names one role\'s area, is that role\'s even where its few words leave more likelihood to shared', () => {
    const judgement = classifier.judge('Own the ERP rollout');
    assert.equal(judgement.decision, 'owner');
    assert.equal(judgement.owner, 'cio');
    assert.ok(judgement.scores.shared > judgement.scores.cio, 'the model alone leaves more to shared');
    // The hover and `rolefit explain` say why the owner is not the likeliest class.
    assert.match(describeNamedOwner(judgement, lexicon) ?? '', /names the CIO's area, and no other role's, is the CIO's/);
    assert.equal(describeNamedOwner(classifier.judge('Own the ERP and CRM rollout'), lexicon), undefined);
    // A generic object names no role's area: shared, as the model says.
    assert.equal(classifier.judge('Own the department budget').decision, 'shared');
  });

  it('under a heading of duties, is judged however short it is', () => {
    const findings = analyzePosting('---\nrole: cto\n---\n# Posting\n\n## Responsibilities\n\n- Lead ISO 27001 certification\n- Own the ERP rollout\n', classifier).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'role.foreign-duty').map((f) => f.owner), ['ciso', 'cio']);
  });
});
