/**
 * `npm run fit`: fits the model on every labelled real posting and the sentence banks, and writes
 * server/src/knowledge/model.json. Deterministic: the same data always gives the same file.
 * `npm run eval` measures the same fitting procedure cross-validated by source.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Lexicon } from '../server/src/core';
import { builtinKnowledge } from '../server/src/knowledge/builtin';
import { MODEL_FILE, fittedModelText } from './model';
import { loadRealCorpus, realCorpusDir } from './realCorpus';

const dir = realCorpusDir();
if (!dir) {
  console.error('rolefit fit: no real corpus found; set ROLEFIT_REAL_CORPUS to the folder that holds labels.tsv.');
  process.exit(2);
}
const text = fittedModelText(new Lexicon(builtinKnowledge()), loadRealCorpus(dir));
fs.writeFileSync(MODEL_FILE, text);
console.log(`wrote ${path.relative(process.cwd(), MODEL_FILE)} (${(text.length / 1024).toFixed(0)} KiB)`);
