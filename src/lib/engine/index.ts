// The rating engine: pure functions from parsed rule files and evidence to results.
export { evaluate } from './evaluate';
export { explainCondition, stageFacts, caseFacts, type ConditionOutcome, type TryStage } from './conditions';
export { relevantKeyQuestions } from './evidence';
export { validateVersion, validateInspection, checkCoverage, VERSION_FILES, OPTIONAL_VERSION_FILES } from './validate';
export { validateAgainst } from './schemas';
export { parseJson, MAX_JSON_DEPTH } from './json-text';
export { formatIssue, pointer, capIssues, EngineError, type Issue, type Checked } from './errors';
export { canonicalJson } from './canonical';
export * from './types';
