/**
 * Fits rolefit's model: a multinomial logistic regression with L2 regularisation that names an
 * item's owner, and a binary one that tells duties from requirements and other items. Training is
 * full-batch Adam from zero weights, so the same examples always give the same weights.
 *
 * Examples come from the labelled real postings (read with rolefit's own parser, so an item is
 * seen in training exactly as it is at run time), the sentence bank and the knowledge base's own
 * canonical duties.
 */
import fs from 'node:fs';
import path from 'node:path';
import { itemFeatures, kindFeatures, SHARED_CLASS, type ItemContext } from '../server/src/core/features';
import type { Lexicon } from '../server/src/core/lexicon';
import type { KindWeights, Model, OwnerWeights } from '../server/src/core/model';
import { MODEL_FILE_NAME } from '../server/src/knowledge/builtin';
import { parsePosting } from '../server/src/core/posting';
import { CONCRETE_ROLES, type RealPosting } from './realCorpus';

export const OWNER_CLASSES = [...CONCRETE_ROLES, SHARED_CLASS];

export interface FitOptions {
  /** L2 strength, per example weight unit. */
  l2: number;
  iterations: number;
  /** Plain features seen in fewer sources than this are left out: a word only one source uses is its house style, not evidence. */
  minCount: number;
  /** Example weights by origin. */
  weights: { high: number; medium: number; bank: number; knowledge: number };
}

export const DEFAULT_FIT: FitOptions = {
  l2: 1,
  iterations: 300,
  minCount: 2,
  weights: { high: 1, medium: 0.5, bank: 0.5, knowledge: 0.5 },
};

interface Example {
  plain: string[];
  /** [tied feature, class index, value] */
  tied: Array<[string, number, number]>;
  label: number;
  weight: number;
  /** Where the example came from: a real posting's source, or one sentence of a bank. */
  group: string;
}

export interface TextExample {
  text: string;
  context: ItemContext;
  owner?: string;
  /** For the kind model: 1 for a duty, 0 for a requirement or other item. */
  duty?: number;
  weight: number;
  group: string;
}

/** Items of the real postings, with their labels and the section rolefit's parser puts them in. */
export function realExamples(postings: RealPosting[], options: FitOptions): TextExample[] {
  const examples: TextExample[] = [];
  for (const posting of postings) {
    const items = new Map(parsePosting(posting.text).items.map((item) => [item.line + 1, item]));
    for (const label of posting.labels) {
      const item = items.get(label.line);
      if (!item) continue;
      const weight = label.confidence === 'high' ? options.weights.high : options.weights.medium;
      const context = { section: item.section.kind, heading: item.section.heading };
      const owner = label.kind === 'duty' ? label.owner : label.kind === 'other' ? SHARED_CLASS : undefined;
      examples.push({ text: item.text, context, owner: owner === 'other' ? SHARED_CLASS : owner, duty: label.kind === 'duty' ? 1 : 0, weight, group: posting.group });
    }
  }
  return examples;
}

/** Where the knowledge base's own duties are grouped: each duty is a group of its own. */
const KNOWLEDGE_GROUP = 'knowledge:';

/** Whether a seed example is one of the knowledge base's own duties rather than a sentence of a bank. */
export function isKnowledgeDuty(example: TextExample): boolean {
  return example.group.startsWith(KNOWLEDGE_GROUP);
}

/**
 * Owner examples from the sentence banks (tab-separated text and owner: the hand-written corpus's
 * duties.tsv and tests/fixtures/development/sentences.tsv) and the knowledge base's own duties.
 */
export function seedExamples(lexicon: Lexicon, bankFiles: string[], options: FitOptions): TextExample[] {
  const examples: TextExample[] = [];
  const context: ItemContext = { section: 'responsibilities', heading: '' };
  for (const bankFile of bankFiles.filter((file) => fs.existsSync(file))) {
    for (const line of fs.readFileSync(bankFile, 'utf8').split(/\r?\n/).slice(1)) {
      const [text, owner] = line.split('\t');
      if (!text || !owner) continue;
      examples.push({ text, context, owner: owner === 'other' ? SHARED_CLASS : owner, weight: options.weights.bank, group: `${bankFile}:${text}` });
    }
  }
  for (const role of lexicon.knowledge.roles) {
    for (const area of role.areas) for (const duty of area.duties) examples.push({ text: duty, context, owner: role.id, weight: options.weights.knowledge, group: `${KNOWLEDGE_GROUP}${duty}` });
  }
  for (const area of lexicon.knowledge.common.filter((a) => a.kind === 'shared')) {
    for (const duty of area.duties) examples.push({ text: duty, context, owner: SHARED_CLASS, weight: options.weights.knowledge, group: `${KNOWLEDGE_GROUP}${duty}` });
  }
  return examples;
}

/** The sentence banks fitting uses: the hand-written corpus's (when it is beside the repository) and the development set's. */
export function bankFiles(): string[] {
  const fixtures = path.resolve(__dirname, '..', 'tests', 'fixtures');
  return [path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'duties.tsv'), path.join(fixtures, 'development', 'sentences.tsv'), path.join(fixtures, 'training', 'duties.tsv')];
}

/** Fits both heads on the given examples. */
export function fitModel(lexicon: Lexicon, examples: TextExample[], options: FitOptions = DEFAULT_FIT): Model {
  const ownerExamples: Example[] = [];
  const kindExamples: Example[] = [];
  for (const example of examples) {
    const features = itemFeatures(example.text, lexicon);
    if (example.owner !== undefined) {
      const label = OWNER_CLASSES.indexOf(example.owner);
      if (label >= 0) {
        const tied: Example['tied'] = [];
        for (const [name, values] of features.tied) {
          for (const [cls, value] of values) {
            const index = OWNER_CLASSES.indexOf(cls);
            if (index >= 0) tied.push([name, index, value]);
          }
        }
        ownerExamples.push({ plain: [...features.plain.keys()], tied, label, weight: example.weight, group: example.group });
      }
    }
    if (example.duty !== undefined) {
      const plain = kindFeatures(features.words, example.context, lexicon.words(example.context.heading));
      kindExamples.push({ plain, tied: [], label: example.duty, weight: example.weight, group: example.group });
    }
  }
  const owner = fitSoftmax(ownerExamples, OWNER_CLASSES.length, options);
  const kind = fitSoftmax(kindExamples, 2, options);
  const ownerFeatures = Object.keys(owner.plain);
  const ownerWeights: OwnerWeights = { classes: OWNER_CLASSES, bias: owner.bias, tied: owner.tied, features: ownerFeatures, weights: ownerFeatures.flatMap((name) => owner.plain[name]) };
  const kindEntries = Object.entries(kind.plain).map(([name, w]) => [name, round(w[1] - w[0])] as const).filter(([, w]) => w !== 0);
  const kindWeights: KindWeights = { bias: round(kind.bias[1] - kind.bias[0]), features: kindEntries.map(([name]) => name), weights: kindEntries.map(([, w]) => w) };
  return { version: 1, owner: ownerWeights, kind: kindWeights };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

interface Fitted {
  bias: number[];
  tied: Record<string, number>;
  plain: Record<string, number[]>;
}

/** Softmax regression, full-batch Adam; L2 on every weight but the biases. */
function fitSoftmax(examples: Example[], classes: number, options: FitOptions): Fitted {
  const sources = new Map<string, Set<string>>();
  for (const example of examples) {
    for (const name of example.plain) {
      const groups = sources.get(name);
      if (groups) groups.add(example.group);
      else sources.set(name, new Set([example.group]));
    }
  }
  const names = [...sources.keys()].filter((name) => sources.get(name)!.size >= options.minCount).sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const tiedNames = [...new Set(examples.flatMap((e) => e.tied.map(([name]) => name)))].sort();
  const tiedIndex = new Map(tiedNames.map((name, i) => [name, i]));
  const rows = examples.map((e) => ({
    plain: e.plain.map((name) => index.get(name)).filter((i): i is number => i !== undefined),
    tied: e.tied.map(([name, cls, value]) => [tiedIndex.get(name)!, cls, value] as const),
    label: e.label,
    weight: e.weight,
  }));

  const size = names.length * classes + tiedNames.length + classes;
  const tiedOffset = names.length * classes;
  const biasOffset = tiedOffset + tiedNames.length;
  const params = new Float64Array(size);
  const gradient = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const [beta1, beta2, epsilon, rate] = [0.9, 0.999, 1e-8, 0.05];
  const totalWeight = rows.reduce((sum, r) => sum + r.weight, 0);
  const logits = new Float64Array(classes);

  for (let step = 1; step <= options.iterations; step++) {
    gradient.fill(0);
    for (const row of rows) {
      for (let c = 0; c < classes; c++) {
        let logit = params[biasOffset + c];
        for (const f of row.plain) logit += params[f * classes + c];
        logits[c] = logit;
      }
      for (const [t, c, value] of row.tied) logits[c] += params[tiedOffset + t] * value;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[c]);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < classes; c++) {
        const error = (row.weight * (logits[c] / sum - (c === row.label ? 1 : 0))) / totalWeight;
        gradient[biasOffset + c] += error;
        for (const f of row.plain) gradient[f * classes + c] += error;
        logits[c] = error;
      }
      for (const [t, c, value] of row.tied) gradient[tiedOffset + t] += logits[c] * value;
    }
    const l2 = options.l2 / totalWeight;
    for (let i = 0; i < biasOffset; i++) gradient[i] += l2 * params[i];
    for (let i = 0; i < size; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * gradient[i];
      v[i] = beta2 * v[i] + (1 - beta2) * gradient[i] * gradient[i];
      const mHat = m[i] / (1 - beta1 ** step);
      const vHat = v[i] / (1 - beta2 ** step);
      params[i] -= (rate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  }

  const plain: Record<string, number[]> = {};
  names.forEach((name, f) => {
    const w = Array.from({ length: classes }, (_, c) => params[f * classes + c]);
    const mean = w.reduce((a, b) => a + b, 0) / classes;
    // A weight that is the same for every class changes no decision: only the differences are kept.
    const centred = w.map((x) => round(x - mean));
    if (centred.some((x) => Math.abs(x) >= 0.01)) plain[name] = centred;
  });
  const tied = Object.fromEntries(tiedNames.map((name, t) => [name, round(params[tiedOffset + t])]));
  const bias = Array.from({ length: classes }, (_, c) => round(params[biasOffset + c]));
  return { bias, tied, plain };
}

export const MODEL_FILE = path.resolve(__dirname, '..', 'server', 'src', 'knowledge', MODEL_FILE_NAME);

/** The model fitted on every real posting and the sentence banks, as model.json holds it. */
export function fittedModelText(lexicon: Lexicon, corpus: RealPosting[], options: FitOptions = DEFAULT_FIT): string {
  const model = fitModel(lexicon, [...realExamples(corpus, options), ...seedExamples(lexicon, bankFiles(), options)], options);
  return `${JSON.stringify(model)}\n`;
}
