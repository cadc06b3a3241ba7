// Every change to an inspection is one of these edits. The browser applies them to its copy as
// the inspector works and sends them to the server, which applies the same function to the
// stored record: one meaning for an edit in both places, and a stale write can be replayed on
// someone else's newer version instead of being lost.
import type { Answer, FrameworkVersion } from '../engine/types';
import { pointer, type Issue } from '../engine/errors';
import type { Case, InspectionRecord, InspectionStatus } from './record';
import { contextValueProblem, contextValueText, type ContextTerms } from './context';
import { applyDraw, describeDraw, type DrawInput, type DrawScope } from '../sampling/draw-edit';
import type { SamplingRules } from '../sampling/types';

export type FactValue = string | number | boolean;

export interface CaseInput {
	id: string;
	sample: string;
	facts?: Record<string, FactValue>;
}

export type Edit =
	| { type: 'answer'; caseId: string; question: string; answer: Answer | null }
	| { type: 'add-case'; case: CaseInput }
	| { type: 'update-case'; caseId: string; case: CaseInput }
	| { type: 'remove-case'; caseId: string }
	| { type: 'tally'; keyQuestion: string; tally: { relevant: number; yes: number } | null }
	| { type: 'judge-key-question'; standard: string; keyQuestion: string; answer: 'yes' | 'no' | null }
	| { type: 'judge-prompt'; standard: string; prompt: string; judgement: 'above' | 'below' | null }
	| { type: 'propose'; standard: string; rating: string | null; reason: string | null }
	| { type: 'decide'; standard: string; decision: { rating: string; reason: string } | null }
	| { type: 'details'; serviceName: string; fieldwork?: { from?: string; to?: string } }
	| { type: 'status'; status: InspectionStatus }
	| { type: 'team'; team: string[] }
	/** a context fact the version declares (or inspectionType); null: not recorded */
	| { type: 'context'; fact: string; value: FactValue | null }
	/** the case sample drawn from the longlist: the cases, the caseload and the draw's record at once */
	| ({ type: 'draw' } & DrawInput);

const issue = (at: string, message: string): Issue => ({ file: 'edit', pointer: at, message, severity: 'error' });

/**
 * What an edit may name: the ids of the version the inspection is pinned to. Every id an edit
 * carries is looked up here before it indexes anything in the record, so no outside string
 * (`__proto__`, `constructor`, a typo) ever becomes a key.
 */
export interface EditScope {
	/** "id@version", for messages */
	ref: string;
	ratings: Set<string>;
	/** case-based key questions: what a tally counts */
	caseQuestions: Set<string>;
	/** case-based key questions and their prompts: what a case may answer */
	caseAnswers: Set<string>;
	/** per standard: its judgement key questions, and their prompts */
	standards: Map<string, { keyQuestions: Set<string>; prompts: Set<string> }>;
	/** the context facts and inspection types a context edit is checked against */
	terms: ContextTerms;
	/** the framework samples and sampling.json a draw is checked against (a version without them cannot draw) */
	samples?: Set<string>;
	sampling?: SamplingRules;
	/** the longlist's fingerprint a draw records: the server's (see DrawScope) */
	fingerprint?: DrawScope['fingerprint'];
}

const scopes = new WeakMap<FrameworkVersion, EditScope>();

/** The ids of a version, as edits are checked against them (one per loaded version). */
export function editScope(framework: FrameworkVersion): EditScope {
	const known = scopes.get(framework);
	if (known) return known;
	const scope: EditScope = { ref: `${framework.meta.id}@${framework.meta.version}`, ratings: new Set(framework.meta.ratings.map((r) => r.id)), caseQuestions: new Set(), caseAnswers: new Set(), standards: new Map(), terms: { contextFacts: framework.meta.contextFacts, inspectionTypes: framework.meta.inspectionTypes }, samples: new Set(framework.meta.samples.map((s) => s.id)), sampling: framework.sampling };
	for (const domain of framework.domains) {
		for (const s of domain.standards) {
			const judged = { keyQuestions: new Set<string>(), prompts: new Set<string>() };
			for (const kq of s.keyQuestions) {
				if (kq.kind === 'case') {
					scope.caseQuestions.add(kq.id);
					scope.caseAnswers.add(kq.id);
					for (const p of kq.prompts) scope.caseAnswers.add(p.id);
				} else {
					judged.keyQuestions.add(kq.id);
					for (const p of kq.prompts) judged.prompts.add(p.id);
				}
			}
			scope.standards.set(s.id, judged);
		}
	}
	scopes.set(framework, scope);
	return scope;
}

/**
 * A property of the record's own, never one it inherits: a version may have a standard called
 * "constructor". Writes are plain assignments (the browser's copy is reactive state, which only
 * tracks those), safe because every key is first checked to be one of the version's ids, and
 * the schema's id pattern has no "__proto__".
 */
function own<T>(object: Record<string, T> | undefined, key: string): T | undefined {
	return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Why the version does not know this id, or null. Typed `unknown`: an edit comes from outside. */
function unknownId(scope: EditScope, kind: 'standard' | 'caseQuestion' | 'caseAnswer' | 'keyQuestion' | 'prompt', id: unknown, standard?: string): string | null {
	const text = typeof id === 'string' ? id : '';
	const standards = scope.standards;
	switch (kind) {
		case 'standard':
			return standards.has(text) ? null : `there is no standard "${String(id)}" in ${scope.ref}`;
		case 'caseQuestion':
			return scope.caseQuestions.has(text) ? null : `"${String(id)}" is not a case-based key question of ${scope.ref}`;
		case 'caseAnswer':
			return scope.caseAnswers.has(text) ? null : `"${String(id)}" is not a case-based key question or prompt of ${scope.ref}`;
		case 'keyQuestion':
			return standards.get(standard!)?.keyQuestions.has(text) ? null : `"${String(id)}" is not a judgement key question of standard ${standard} in ${scope.ref}`;
		case 'prompt':
			return standards.get(standard!)?.prompts.has(text) ? null : `"${String(id)}" is not a prompt of standard ${standard}'s judgement key questions in ${scope.ref}`;
	}
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Apply one edit to a record, in place (the browser's copy is reactive state; the server's is
 * a fresh clone). Returns what stops it, with JSON pointers into the record; an edit that
 * returns issues has changed nothing. Every id it names is checked against `scope` first.
 */
export function applyEdit(record: InspectionRecord, edit: Edit, scope: EditScope): Issue[] {
	const evidence = record.evidence;
	const findCase = (id: unknown): Case | undefined => (evidence.cases ?? []).find((c) => c.id === id);
	const caseIndex = (id: unknown) => (evidence.cases ?? []).findIndex((c) => c.id === id);
	if (!edit || typeof edit !== 'object') return [issue('', 'an edit must be an object')];
	switch (edit.type) {
		case 'answer': {
			const c = findCase(edit.caseId);
			if (!c) return [issue('/evidence/cases', `there is no case "${edit.caseId}"`)];
			if (!isText(edit.question)) return [issue(pointer('evidence', 'cases', caseIndex(edit.caseId), 'answers'), 'name the question answered')];
			const unknown = unknownId(scope, 'caseAnswer', edit.question);
			if (unknown) return [issue(pointer('evidence', 'cases', caseIndex(edit.caseId), 'answers', edit.question), unknown)];
			if (edit.answer !== null && !['yes', 'no', 'n/a'].includes(edit.answer)) {
				return [issue(pointer('evidence', 'cases', caseIndex(edit.caseId), 'answers', edit.question), 'answer yes, no or n/a')];
			}
			if (edit.answer === null) {
				if (c.answers) delete c.answers[edit.question];
			} else {
				c.answers ??= {};
				c.answers[edit.question] = edit.answer;
			}
			return [];
		}
		case 'add-case': {
			const problems = caseProblems(edit.case, '/evidence/cases/-');
			if (problems.length) return problems;
			if (findCase(edit.case.id.trim())) return [issue('/evidence/cases/-/id', `a case with reference "${edit.case.id.trim()}" already exists`)];
			evidence.cases ??= [];
			evidence.cases.push(newCase(edit.case));
			return [];
		}
		case 'update-case': {
			const at = caseIndex(edit.caseId);
			if (at < 0) return [issue('/evidence/cases', `there is no case "${edit.caseId}"`)];
			const problems = caseProblems(edit.case, pointer('evidence', 'cases', at));
			if (problems.length) return problems;
			const id = edit.case.id.trim();
			if (id !== edit.caseId && findCase(id)) return [issue(pointer('evidence', 'cases', at, 'id'), `a case with reference "${id}" already exists`)];
			const c = evidence.cases![at];
			c.id = id;
			c.sample = edit.case.sample;
			if (edit.case.facts && Object.keys(edit.case.facts).length) c.facts = { ...edit.case.facts };
			else delete c.facts;
			return [];
		}
		case 'remove-case': {
			const at = caseIndex(edit.caseId);
			if (at < 0) return [issue('/evidence/cases', `there is no case "${edit.caseId}"`)];
			evidence.cases!.splice(at, 1);
			if (!evidence.cases!.length) delete evidence.cases;
			return [];
		}
		case 'tally': {
			if (!isText(edit.keyQuestion)) return [issue('/evidence/tallies', 'name the key question')];
			const at = pointer('evidence', 'tallies', edit.keyQuestion);
			const unknown = unknownId(scope, 'caseQuestion', edit.keyQuestion);
			if (unknown) return [issue(at, unknown)];
			if (edit.tally === null) {
				if (evidence.tallies) delete evidence.tallies[edit.keyQuestion];
				prune(evidence, 'tallies');
				return [];
			}
			const { relevant, yes } = edit.tally ?? {};
			const problems: Issue[] = [];
			const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_TALLY;
			if (!isCount(relevant)) problems.push(issue(`${at}/relevant`, `the number of relevant cases must be a whole number from 0 to ${MAX_TALLY.toLocaleString('en-GB')}`));
			if (!isCount(yes)) problems.push(issue(`${at}/yes`, `the number answered 'yes' must be a whole number from 0 to ${MAX_TALLY.toLocaleString('en-GB')}`));
			else if (Number.isInteger(relevant) && yes > relevant) problems.push(issue(`${at}/yes`, `the number answered 'yes' (${yes}) cannot be more than the relevant cases (${relevant})`));
			if (problems.length) return problems;
			evidence.tallies ??= {};
			evidence.tallies[edit.keyQuestion] = { relevant, yes };
			return [];
		}
		case 'judge-key-question': {
			const at = pointer('evidence', 'judgements', String(edit.standard), 'keyQuestions', String(edit.keyQuestion));
			const unknown = unknownId(scope, 'standard', edit.standard) ?? unknownId(scope, 'keyQuestion', edit.keyQuestion, edit.standard);
			if (unknown) return [issue(at, unknown)];
			if (edit.answer !== null && edit.answer !== 'yes' && edit.answer !== 'no') return [issue(at, 'answer yes or no')];
			const j = judgement(record, edit.standard);
			if (edit.answer === null) {
				if (j.keyQuestions) delete j.keyQuestions[edit.keyQuestion];
			} else (j.keyQuestions ??= {})[edit.keyQuestion] = edit.answer;
			pruneJudgement(record, edit.standard);
			return [];
		}
		case 'judge-prompt': {
			const at = pointer('evidence', 'judgements', String(edit.standard), 'prompts', String(edit.prompt));
			const unknown = unknownId(scope, 'standard', edit.standard) ?? unknownId(scope, 'prompt', edit.prompt, edit.standard);
			if (unknown) return [issue(at, unknown)];
			if (edit.judgement !== null && edit.judgement !== 'above' && edit.judgement !== 'below') return [issue(at, 'judge the prompt above or below the line')];
			const j = judgement(record, edit.standard);
			if (edit.judgement === null) {
				if (j.prompts) delete j.prompts[edit.prompt];
			} else (j.prompts ??= {})[edit.prompt] = edit.judgement;
			pruneJudgement(record, edit.standard);
			return [];
		}
		case 'propose': {
			const at = pointer('evidence', 'judgements', String(edit.standard));
			const unknown = unknownId(scope, 'standard', edit.standard);
			if (unknown) return [issue(at, unknown)];
			if (edit.rating && !scope.ratings.has(edit.rating)) return [issue(`${at}/rating`, `"${edit.rating}" is not a rating of ${scope.ref}`)];
			const j = judgement(record, edit.standard);
			if (edit.rating) j.rating = edit.rating;
			else delete j.rating;
			if (isText(edit.reason)) j.reason = edit.reason.trim();
			else delete j.reason;
			pruneJudgement(record, edit.standard);
			return [];
		}
		case 'decide': {
			if (!isText(edit.standard)) return [issue('/evidence/decisions', 'name the standard decided')];
			const at = pointer('evidence', 'decisions', edit.standard);
			const unknown = unknownId(scope, 'standard', edit.standard);
			if (unknown) return [issue(at, unknown)];
			if (edit.decision === null) {
				if (evidence.decisions) delete evidence.decisions[edit.standard];
				prune(evidence, 'decisions');
				return [];
			}
			const problems: Issue[] = [];
			if (!isText(edit.decision?.rating)) problems.push(issue(`${at}/rating`, "select the panel's final rating"));
			else if (!scope.ratings.has(edit.decision!.rating)) problems.push(issue(`${at}/rating`, `"${edit.decision!.rating}" is not a rating of ${scope.ref}`));
			if (!isText(edit.decision?.reason)) problems.push(issue(`${at}/reason`, "enter the reason for the panel's decision"));
			if (problems.length) return problems;
			evidence.decisions ??= {};
			evidence.decisions[edit.standard] = { rating: edit.decision!.rating, reason: edit.decision!.reason.trim() };
			return [];
		}
		case 'details': {
			if (!isText(edit.serviceName)) return [issue('/serviceName', 'enter the name of the service inspected')];
			record.serviceName = edit.serviceName.trim();
			const fieldwork = Object.fromEntries(Object.entries(edit.fieldwork ?? {}).filter(([, v]) => isText(v)));
			if (Object.keys(fieldwork).length) record.fieldwork = fieldwork;
			else delete record.fieldwork;
			return [];
		}
		case 'status': {
			if (edit.status !== 'in-progress' && edit.status !== 'complete') return [issue('/status', 'the status is in progress or complete')];
			record.status = edit.status;
			return [];
		}
		case 'team': {
			if (!Array.isArray(edit.team) || !edit.team.every(isText)) return [issue('/team', 'the team is a list of account names')];
			const team = [...new Set(edit.team.map((name) => name.trim()))];
			if (!team.length) return [issue('/team', 'an inspection needs at least one inspector on its team')];
			record.team = team;
			return [];
		}
		case 'context': {
			// checked against the version's declarations before the id is used as a key
			const value = edit.value === undefined ? null : edit.value;
			const problem = contextValueProblem(scope.terms, edit.fact, value);
			if (problem) return [issue(pointer('evidence', 'context', String(edit.fact)), problem)];
			if (value === null) {
				if (evidence.context) delete evidence.context[edit.fact];
				if (evidence.context && !Object.keys(evidence.context).length) delete evidence.context;
			} else (evidence.context ??= {})[edit.fact] = value;
			return [];
		}
		case 'draw':
			return applyDraw(record, edit, scope);
		default:
			return [issue('', `unknown edit "${(edit as { type?: unknown }).type}"`)];
	}
}

/** Apply edits in order to a copy; the first edit that fails stops the lot. */
/** The most cases a tally may count: far beyond any service's caseload, short of numbers that mean nothing (1e308). */
export const MAX_TALLY = 1_000_000;

export function applyEdits(record: InspectionRecord, edits: Edit[], scope: EditScope): { ok: true; record: InspectionRecord } | { ok: false; issues: Issue[]; index: number } {
	const copy = structuredClone(record);
	for (const [index, edit] of edits.entries()) {
		const issues = applyEdit(copy, edit, scope);
		if (issues.length) return { ok: false, issues, index };
	}
	return { ok: true, record: copy };
}

function caseProblems(input: CaseInput | undefined, at: string): Issue[] {
	const problems: Issue[] = [];
	if (!input || !isText(input.id)) problems.push(issue(`${at}/id`, 'enter the case reference'));
	if (!input || !isText(input.sample)) problems.push(issue(`${at}/sample`, 'select the sample the case is from'));
	return problems;
}

function newCase(input: CaseInput): Case {
	const c: Case = { id: input.id.trim(), sample: input.sample };
	if (input.facts && Object.keys(input.facts).length) c.facts = { ...input.facts };
	c.answers = {};
	return c;
}

/** The standard's judgement, made if there is none; `standard` is one of the version's (checked by the caller). */
function judgement(record: InspectionRecord, standard: string) {
	const judgements = (record.evidence.judgements ??= {});
	const j = own(judgements, standard);
	if (j) return j;
	return (judgements[standard] = {});
}

function pruneJudgement(record: InspectionRecord, standard: string) {
	const j = own(record.evidence.judgements, standard);
	if (!j) return;
	if (j.keyQuestions && !Object.keys(j.keyQuestions).length) delete j.keyQuestions;
	if (j.prompts && !Object.keys(j.prompts).length) delete j.prompts;
	if (!Object.keys(j).length) delete record.evidence.judgements![standard];
	prune(record.evidence, 'judgements');
}

function prune(evidence: InspectionRecord['evidence'], key: 'tallies' | 'judgements' | 'decisions') {
	const value = evidence[key];
	if (value && !Object.keys(value).length) delete evidence[key];
}

const ANSWER_WORDS = new Map([
	['yes', 'yes'],
	['no', 'no'],
	['n/a', 'not applicable'],
	['above', 'above the line'],
	['below', 'below the line']
]);

/** An edit in words, for the record of who changed what. */
export function describeEdit(edit: Edit): string {
	switch (edit.type) {
		case 'answer':
			return edit.answer === null ? `cleared ${edit.question} for case ${edit.caseId}` : `answered ${edit.question} ${ANSWER_WORDS.get(edit.answer)} for case ${edit.caseId}`;
		case 'add-case':
			return `added case ${edit.case.id}`;
		case 'update-case':
			return edit.case.id === edit.caseId ? `changed case ${edit.caseId}` : `changed case ${edit.caseId} (now ${edit.case.id})`;
		case 'remove-case':
			return `removed case ${edit.caseId}`;
		case 'tally':
			return edit.tally === null ? `cleared the tally of ${edit.keyQuestion}` : `set ${edit.keyQuestion} to ${edit.tally.yes} of ${edit.tally.relevant} cases`;
		case 'judge-key-question':
			return edit.answer === null ? `cleared key question ${edit.keyQuestion}` : `answered key question ${edit.keyQuestion} ${edit.answer}`;
		case 'judge-prompt':
			return edit.judgement === null ? `cleared prompt ${edit.prompt}` : `judged prompt ${edit.prompt} ${ANSWER_WORDS.get(edit.judgement)}`;
		case 'propose':
			return edit.rating ? `proposed ${edit.rating.replace(/-/g, ' ')} for ${edit.standard}` : `withdrew the proposed rating for ${edit.standard}`;
		case 'decide':
			return edit.decision ? `recorded the panel's decision for ${edit.standard}: ${edit.decision.rating.replace(/-/g, ' ')}` : `withdrew the panel's decision for ${edit.standard}`;
		case 'details':
			return 'changed the inspection details';
		case 'status':
			return edit.status === 'complete' ? 'marked the inspection complete' : 'reopened the inspection';
		case 'team':
			return `set the team to ${edit.team.join(', ')}`;
		case 'context':
			return edit.value === null ? `context fact ${edit.fact} cleared` : `context fact ${edit.fact} set to ${contextValueText(edit.value)}`;
		case 'draw':
			return describeDraw(edit);
	}
}

/** Several edits in words: the first few, then how many more. */
export function describeEdits(edits: Edit[]): string {
	const words = edits.map(describeEdit);
	if (words.length <= 3) return words.join('; ');
	return `${words.slice(0, 3).join('; ')} and ${words.length - 3} more change${words.length === 4 ? '' : 's'}`;
}
