/**
 * What the build writes beside the bundle: the built-in knowledge base and the fitted model, each
 * validated by its schema once, here, so the server and the CLI need not validate them at every start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMBINED_KNOWLEDGE_FILE, MODEL_FILE_NAME, readKnowledgeFiles } from './builtin';
import { loadBuiltinKnowledge } from './loader';
import { ModelSchema } from './schema';

/** Validates the knowledge base and the model in `sourceDir` and writes them, as validated, to `outDir`; writes nothing when either is invalid. */
export function writeValidatedKnowledge(sourceDir: string, outDir: string): void {
  const knowledge = loadBuiltinKnowledge(readKnowledgeFiles(sourceDir));
  const model = ModelSchema.parse(JSON.parse(fs.readFileSync(path.join(sourceDir, MODEL_FILE_NAME), 'utf8')));
  fs.writeFileSync(path.join(outDir, COMBINED_KNOWLEDGE_FILE), JSON.stringify(knowledge));
  fs.writeFileSync(path.join(outDir, MODEL_FILE_NAME), JSON.stringify(model));
}
