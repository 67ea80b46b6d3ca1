import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IT_KEY, lemmaOf, toWords } from '../../server/src/core/words';

const STOP = new Set(['the', 'it', 'its', 'to', 'and', 'of', 'for', 'with']);
const keys = (text: string) => toWords(text, STOP).filter((w) => !w.stop).map((w) => w.key);

describe('words', () => {
  it('reads "IT", "I.T.", "ICT", "information technology" and "information systems" as information technology', () => {
    for (const text of ['Hire IT staff', 'Hire I.T. staff', 'Hire ICT staff', 'Hire information technology staff', 'Hire Information Systems staff']) {
      assert.deepEqual(keys(text), ['hir', IT_KEY, 'staff'], text);
    }
  });

  it('reads "IS" as information systems before a noun of a function or after "of", and never the verb', () => {
    assert.deepEqual(keys('Lead the IS team'), ['lead', IT_KEY, 'team']);
    assert.deepEqual(keys('Head of IS'), ['head', IT_KEY]);
    assert.ok(!toWords('WHAT IS ASKED OF IS NOT CLEAR', STOP).some((w) => w.key === IT_KEY));
    assert.ok(!toWords('The plan is what it IS', STOP).some((w) => w.key === IT_KEY));
  });

  it('never reads the pronoun "it" as IT', () => {
    assert.deepEqual(keys('Scale it to support ten times the traffic'), ['scal', 'support', 'ten', 'tim', 'traffic']);
    assert.ok(!keys('It is a small team and its support desk is busy; keep it running').includes(IT_KEY));
  });

  it('reads "IT" in text written all in capitals only where it qualifies a noun', () => {
    assert.deepEqual(keys('MANAGE IT STAFF'), ['manag', IT_KEY, 'staff']);
    assert.deepEqual(keys('SCALE IT QUICKLY'), ['scal', 'quickly']);
  });

  it('removes inflection but keeps derivations apart', () => {
    assert.equal(lemmaOf('systems'), 'system');
    assert.equal(lemmaOf('policies'), 'policy');
    assert.equal(lemmaOf('managing'), lemmaOf('manage'));
    assert.equal(lemmaOf('managed'), lemmaOf('manages'));
    assert.equal(lemmaOf('planning'), 'plan');
    assert.equal(lemmaOf('licence'), lemmaOf('licenses'));
    assert.notEqual(lemmaOf('production'), lemmaOf('product'));
    assert.notEqual(lemmaOf('productivity'), lemmaOf('product'));
    assert.notEqual(lemmaOf('manager'), lemmaOf('management'));
    assert.notEqual(lemmaOf('security'), lemmaOf('secure'));
    assert.equal(lemmaOf('business'), 'business');
    assert.equal(lemmaOf('analytics'), lemmaOf('analytic'));
  });

  it('starts a new segment at punctuation, so no phrase spans "product: engineers"', () => {
    const words = toWords('Hire for product: engineers, designers and analysts', STOP);
    const product = words.find((w) => w.key === 'product')!;
    const engineers = words.find((w) => w.key === 'engineer')!;
    assert.notEqual(product.segment, engineers.segment);
    // A comma ends a segment but not the clause: a list stays one clause.
    assert.equal(engineers.clause, words.find((w) => w.key === 'analyst')!.clause);
  });

  it('keeps "e.g." and "I.T." inside one sentence', () => {
    const words = toWords('Buy tools, e.g. laptops for I.T. staff.', STOP);
    assert.equal(new Set(words.map((w) => w.clause)).size, 1);
  });

  it('marks possessives, singular and plural', () => {
    const words = toWords("Integrate with customers' ERP and the client's CRM", STOP);
    assert.deepEqual(words.filter((w) => w.possessive).map((w) => w.key), ['customer', 'client']);
  });

  it('gives offsets into the original text', () => {
    const text = 'Own the ERP rollout';
    const erp = toWords(text, STOP).find((w) => w.key === 'erp')!;
    assert.equal(text.slice(erp.start, erp.end), 'ERP');
  });
});
