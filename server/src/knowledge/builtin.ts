import fs from 'node:fs';
import path from 'node:path';
import type { Model } from '../core/model';
import { loadBuiltinKnowledge, type KnowledgeFile } from './loader';
import { ModelSchema, type KnowledgeBase } from './schema';

/**
 * The folder of the built-in role data: beside this file in the sources, `knowledge/` beside the
 * bundle once built.
 */
export function builtinKnowledgeDir(): string {
  const candidates = [path.join(__dirname, 'knowledge'), __dirname];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'roles'))) ?? candidates[0];
}

export function readKnowledgeFiles(dir = builtinKnowledgeDir()): KnowledgeFile[] {
  const files: KnowledgeFile[] = [];
  for (const name of ['sources.yaml', 'common.yaml']) {
    files.push({ path: name, text: fs.readFileSync(path.join(dir, name), 'utf8') });
  }
  for (const name of fs.readdirSync(path.join(dir, 'roles')).filter((n) => n.endsWith('.yaml')).sort()) {
    files.push({ path: `roles/${name}`, text: fs.readFileSync(path.join(dir, 'roles', name), 'utf8') });
  }
  return files;
}

let cached: KnowledgeBase | undefined;

/** The role files combined into one JSON object by the build (esbuild.mjs writes it, validated). */
export const COMBINED_KNOWLEDGE_FILE = 'builtin.json';
export const MODEL_FILE_NAME = 'model.json';

/** Whether the build wrote this folder: its knowledge base and model were validated then. */
function isBuilt(dir: string): boolean {
  return fs.existsSync(path.join(dir, COMBINED_KNOWLEDGE_FILE));
}

/** The knowledge base in a folder: the combined JSON the build validated, else the YAML files, validated now. */
export function loadKnowledgeDir(dir: string): KnowledgeBase {
  if (isBuilt(dir)) return JSON.parse(fs.readFileSync(path.join(dir, COMBINED_KNOWLEDGE_FILE), 'utf8')) as KnowledgeBase;
  return loadBuiltinKnowledge(readKnowledgeFiles(dir));
}

/** The built-in knowledge base, read once per process. */
export function builtinKnowledge(): KnowledgeBase {
  cached ??= loadKnowledgeDir(builtinKnowledgeDir());
  return cached;
}

let cachedModel: Model | undefined;

/** The fitted weights shipped beside the knowledge base (model.json, written by `npm run fit`), read once per process. */
export function builtinModel(): Model {
  cachedModel ??= loadModelDir(builtinKnowledgeDir());
  return cachedModel;
}

/** The model in a folder: as the build validated it, else validated now. */
export function loadModelDir(dir: string): Model {
  const data: unknown = JSON.parse(fs.readFileSync(path.join(dir, MODEL_FILE_NAME), 'utf8'));
  return (isBuilt(dir) ? data : ModelSchema.parse(data)) as Model;
}
