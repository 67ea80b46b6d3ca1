import { tiedKey, type ItemFeatures, type Span } from './features';

/**
 * The fitted weights (server/src/knowledge/model.json, written by `npm run fit`): a regularised
 * multinomial logistic regression over an item's features, and a binary one that tells duties
 * from requirements and other items.
 */
export interface OwnerWeights {
  /** The classes the weights were fitted for: role ids and "shared". */
  classes: string[];
  bias: number[];
  /** One weight per tied feature, the same for every class. */
  tied: Record<string, number>;
  /** The plain features, and their weights: one per class for each feature, row by row. */
  features: string[];
  weights: number[];
}

export interface KindWeights {
  bias: number;
  /** Positive weights point to a duty, negative ones to a requirement or another kind of item. */
  features: string[];
  weights: number[];
}

export interface Model {
  version: 1;
  owner: OwnerWeights;
  kind: KindWeights;
}

/** The weights in the shape scoring reads fastest: maps instead of objects with thousands of keys. */
export interface CompiledModel {
  classes: string[];
  bias: number[];
  tied: Map<string, number>;
  plain: Map<string, number[]>;
  kindBias: number;
  kindPlain: Map<string, number>;
}

const compiled = new WeakMap<Model, CompiledModel>();

/** The model in its compiled shape, built once per model object. */
export function compileModel(model: Model): CompiledModel {
  let result = compiled.get(model);
  if (!result) {
    result = compile(model);
    compiled.set(model, result);
  }
  return result;
}

function compile(model: Model): CompiledModel {
  const { owner, kind } = model;
  const width = owner.classes.length;
  return {
    classes: owner.classes,
    bias: owner.bias,
    tied: new Map(Object.entries(owner.tied)),
    plain: new Map(owner.features.map((name, i) => [name, owner.weights.slice(i * width, (i + 1) * width)])),
    kindBias: kind.bias,
    kindPlain: new Map(kind.features.map((name, i) => [name, kind.weights[i]])),
  };
}

export interface ClassScores {
  classes: string[];
  /** Probability of each class, in the order of `classes`. */
  probabilities: number[];
  logits: number[];
}

/**
 * Scores every class: the fitted ones and any other class (a role from a workspace configuration file),
 * which has no bias and no plain weights but takes the tied features. `indexes` gives each class's
 * position in the weights (or -1), so it is looked up once per classifier.
 */
export function scoreClasses(model: CompiledModel, features: ItemFeatures, classes: readonly string[], indexes: readonly number[]): ClassScores {
  const logits = indexes.map((index) => (index >= 0 ? model.bias[index] : 0));
  for (const name of features.plain.keys()) {
    const w = model.plain.get(name);
    if (!w) continue;
    for (let c = 0; c < classes.length; c++) if (indexes[c] >= 0) logits[c] += w[indexes[c]];
  }
  for (const [name, values] of features.tied) {
    const weight = model.tied.get(name) ?? 0;
    if (weight === 0) continue;
    for (let c = 0; c < classes.length; c++) logits[c] += weight * (values.get(classes[c]) ?? 0);
  }
  return { classes: [...classes], logits, probabilities: softmax(logits) };
}

export function softmax(logits: readonly number[]): number[] {
  let max = -Infinity;
  for (const logit of logits) if (logit > max) max = logit;
  let sum = 0;
  const result = logits.map((logit) => {
    const e = Math.exp(logit - max);
    sum += e;
    return e;
  });
  for (let i = 0; i < result.length; i++) result[i] /= sum;
  return result;
}

export interface Contribution {
  feature: string;
  /** How much the feature moved `winner` ahead of `runnerUp`, in logits. */
  weight: number;
  spans: Span[];
}

/** The features that put `winner` ahead of `runnerUp`, largest first: the reasons to show the writer. */
export function contributions(model: CompiledModel, features: ItemFeatures, winner: string, runnerUp: string): Contribution[] {
  const w = model.classes.indexOf(winner);
  const r = model.classes.indexOf(runnerUp);
  const result: Contribution[] = [];
  for (const [name, spans] of features.plain) {
    const plain = model.plain.get(name);
    if (!plain) continue;
    const weight = (w >= 0 ? plain[w] : 0) - (r >= 0 ? plain[r] : 0);
    if (weight > 0) result.push({ feature: name, weight, spans });
  }
  for (const [name, values] of features.tied) {
    const weight = (model.tied.get(name) ?? 0) * ((values.get(winner) ?? 0) - (values.get(runnerUp) ?? 0));
    if (weight > 0) result.push({ feature: name, weight, spans: features.tiedSpans.get(tiedKey(name, winner)) ?? [] });
  }
  // Code-point order for ties: the same in every locale, and no collator to build on the first call.
  return result.sort((a, b) => b.weight - a.weight || (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
}

/** Probability that an item is a duty rather than a requirement or another kind of item. */
export function dutyProbability(model: CompiledModel, features: Iterable<string>): number {
  let logit = model.kindBias;
  for (const name of features) logit += model.kindPlain.get(name) ?? 0;
  return 1 / (1 + Math.exp(-logit));
}
