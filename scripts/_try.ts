import { postingGenerator } from './postings';
import { builtinKnowledge } from '../server/src/knowledge/builtin';
import { analyzePosting, Classifier, Lexicon } from '../server/src/core';
function main() {
  const k = builtinKnowledge();
  const g = postingGenerator(k);
  const t = g.posting({ role: 'cto', size: 10_000, seed: 1 });
  console.log(t.slice(0, 3000));
  console.log('len', t.length);
  const a = analyzePosting(t, new Classifier(new Lexicon(k)), { maxCharacters: 0 });
  const items = a.items.length, distinct = new Set(a.items.map(i => i.text)).size;
  const byRule: Record<string, number> = {};
  for (const f of a.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const dec: Record<string, number> = {};
  for (const i of a.items) dec[i.judgement.decision + (i.judgement.owner ?? '')] = (dec[i.judgement.decision + (i.judgement.owner ?? '')] ?? 0) + 1;
  console.log({ items, distinct, byRule, dec, roles: a.roles, fit: a.fit });
}
main();
