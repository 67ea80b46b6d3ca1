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
  /** One weight per class for each plain feature, in the order of `classes`. */
  plain: Record<string, number[]>;
}

export interface KindWeights {
  bias: number;
  /** Positive weights point to a duty, negative ones to a requirement or another kind of item. */
  plain: Record<string, number>;
}

export interface Model {
  version: 1;
  owner: OwnerWeights;
  kind: KindWeights;
}

export interface ClassScores {
  classes: string[];
  /** Probability of each class, in the order of `classes`. */
  probabilities: number[];
  logits: number[];
}

/**
 * Scores every class: the fitted ones and any other class (a role from a workspace roles file),
 * which has no bias and no plain weights but takes the tied features.
 */
export function scoreClasses(weights: OwnerWeights, features: ItemFeatures, classes: readonly string[]): ClassScores {
  const logits = classes.map((cls) => {
    const index = weights.classes.indexOf(cls);
    let logit = index >= 0 ? weights.bias[index] : 0;
    if (index >= 0) {
      for (const name of features.plain.keys()) {
        const w = weights.plain[name];
        if (w) logit += w[index];
      }
    }
    for (const [name, values] of features.tied) logit += (weights.tied[name] ?? 0) * (values.get(cls) ?? 0);
    return logit;
  });
  return { classes: [...classes], logits, probabilities: softmax(logits) };
}

export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export interface Contribution {
  feature: string;
  /** How much the feature moved `winner` ahead of `runnerUp`, in logits. */
  weight: number;
  spans: Span[];
}

/** The features that put `winner` ahead of `runnerUp`, largest first: the reasons to show the writer. */
export function contributions(weights: OwnerWeights, features: ItemFeatures, winner: string, runnerUp: string): Contribution[] {
  const w = weights.classes.indexOf(winner);
  const r = weights.classes.indexOf(runnerUp);
  const result: Contribution[] = [];
  for (const [name, spans] of features.plain) {
    const plain = weights.plain[name];
    if (!plain) continue;
    const weight = (w >= 0 ? plain[w] : 0) - (r >= 0 ? plain[r] : 0);
    if (weight > 0) result.push({ feature: name, weight, spans });
  }
  for (const [name, values] of features.tied) {
    const weight = (weights.tied[name] ?? 0) * ((values.get(winner) ?? 0) - (values.get(runnerUp) ?? 0));
    if (weight > 0) result.push({ feature: name, weight, spans: features.tiedSpans.get(tiedKey(name, winner)) ?? [] });
  }
  return result.sort((a, b) => b.weight - a.weight || a.feature.localeCompare(b.feature));
}

/** Probability that an item is a duty rather than a requirement or another kind of item. */
export function dutyProbability(weights: KindWeights, features: Iterable<string>): number {
  let logit = weights.bias;
  for (const name of features) logit += weights.plain[name] ?? 0;
  return 1 / (1 + Math.exp(-logit));
}
