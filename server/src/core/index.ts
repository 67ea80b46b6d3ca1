export { analyzePosting, DEFAULT_MAX_CHARACTERS, type AnalyzeOptions, type SeverityOverride } from './analyze';
export { Classifier, describeForeignVerdict, describeNamedOwner, type ForeignVerdict } from './classifier';
export { Lexicon } from './lexicon';
export { parsePosting, PASTED_BULLET_MARKS, splitLines } from './posting';
export { fixesFor, fixAllEdits, type Fix, type FixableFinding } from './fixes';
export { RULES, RULE_IDS, SEVERITY_ORDER, type RuleInfo } from './rules';
export * from './types';
