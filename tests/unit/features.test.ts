import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Lexicon } from '../../server/src/core';
import { itemFeatures } from '../../server/src/core/features';
import { builtinKnowledge } from '../../server/src/knowledge/builtin';

const lexicon = new Lexicon(builtinKnowledge());
/** The features that come from rolefit's own reading rules, not from single words, word pairs or the knowledge base's areas. */
const ruleFeatures = (text: string) => [...itemFeatures(text, lexicon).plain.keys()].filter((name) => /^[qms]:/.test(name));

describe('item features', () => {
  it('reads managing a named function (rule 3) whatever form its verb and its people are written in', () => {
    const cases: Array<[string, string]> = [
      ['Supervise the software developers', 'm:engineering'],
      ['Supervises two programmers', 'm:engineering'],
      ['Coach our programmers', 'm:engineering'],
      ['Train the IT workforce', 'm:it'],
      ['Organise the data analysts into squads', 'm:data'],
    ];
    for (const [text, feature] of cases) assert.ok(ruleFeatures(text).includes(feature), `${text}: ${ruleFeatures(text).join(' ')}`);
  });

  it('does not take sales engineers for software engineers', () => {
    assert.ok(!ruleFeatures('Supervise the sales engineers').includes('m:engineering'));
  });

  it('reads "software" as the function that qualifies a generic object', () => {
    assert.ok(ruleFeatures('Own the software budget').includes('q:engineering'));
  });

  it('reads company-wide and enterprise-wide scope as the organisation\'s own, and a customer\'s software as the customer\'s', () => {
    for (const text of ['Roll out enterprise-wide SSO', 'Run company-wide IT training', "Secure the corporate colleagues' laptops"]) {
      assert.ok(ruleFeatures(text).includes('s:internal'), text);
    }
    assert.ok(ruleFeatures("Build integrations with customers' software").includes('s:customer'));
  });
});
