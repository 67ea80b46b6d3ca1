import type { Model } from '../core/model';
import data from './model.json';
import { ModelSchema } from './schema';

let cached: Model | undefined;

/** The fitted model shipped with rolefit, checked against its schema once per process. */
export function builtinModel(): Model {
  cached ??= ModelSchema.parse(data) as Model;
  return cached;
}
