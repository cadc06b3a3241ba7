import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { FrameworkMeta } from '../../../src/lib/engine/types';
import { applyEdit as applyIn, applyEdits as applyAllIn, describeEdits, type Edit, type EditScope } from '../../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../../src/lib/inspection/record';

const record = (): InspectionRecord => ({
	serviceName: 'Northshire YJS',
	framework: 'hmip-youth@2025',
	frameworkHash: 'sha256:' + '0'.repeat(64),
	status: 'in-progress',
	evidence: { context: { inspectionType: 'iyjs' }, cases: [{ id: 'c1', sample: 'court', answers: { '2.1.1': 'yes' } }] }
});

/** The ids these tests name, as a version would give them (2025's, and a prompt for 1.1). */
const scope: EditScope = {
	ref: 'hmip-youth@2025',
	ratings: new Set(['outstanding', 'good', 'requires-improvement', 'inadequate']),
	caseQuestions: new Set(['2.1.1', '2.1.2', '2.2.1']),
	caseAnswers: new Set(['2.1.1', '2.1.2', '2.2.1']),
	standards: new Map([
		['1.1', { keyQuestions: new Set(['1.1.1']), prompts: new Set(['1.1.1.a']) }],
		['2.1', { keyQuestions: new Set<string>(), prompts: new Set<string>() }],
		['V1', { keyQuestions: new Set(['V1.2']), prompts: new Set<string>() }]
	]),
	terms: { contextFacts: [], inspectionTypes: [] }
};
const applyEdit = (r: InspectionRecord, edit: Edit) => applyIn(r, edit, scope);
const applyEdits = (r: InspectionRecord, edits: Edit[]) => applyAllIn(r, edits, scope);

const Apply = suite('applyEdit: each edit and what it changes');
const table: { name: string; edit: Edit; check: (r: InspectionRecord) => void }[] = [
	{ name: 'answer sets one answer', edit: { type: 'answer', caseId: 'c1', question: '2.1.2', answer: 'no' }, check: (r) => assert.equal(r.evidence.cases![0].answers, { '2.1.1': 'yes', '2.1.2': 'no' }) },
	{ name: 'answer null clears it', edit: { type: 'answer', caseId: 'c1', question: '2.1.1', answer: null }, check: (r) => assert.equal(r.evidence.cases![0].answers, {}) },
	{ name: 'add-case appends a case with no answers', edit: { type: 'add-case', case: { id: ' v1 ', sample: 'victim' } }, check: (r) => assert.equal(r.evidence.cases![1], { id: 'v1', sample: 'victim', answers: {} }) },
	{
		name: 'update-case renames and keeps the answers',
		edit: { type: 'update-case', caseId: 'c1', case: { id: 'c9', sample: 'out-of-court', facts: { x: true } } },
		check: (r) => assert.equal(r.evidence.cases![0], { id: 'c9', sample: 'out-of-court', facts: { x: true }, answers: { '2.1.1': 'yes' } })
	},
	{ name: 'remove-case removes the last case and the empty list', edit: { type: 'remove-case', caseId: 'c1' }, check: (r) => assert.is(r.evidence.cases, undefined) },
	{ name: 'tally sets counts', edit: { type: 'tally', keyQuestion: '2.2.1', tally: { relevant: 25, yes: 18 } }, check: (r) => assert.equal(r.evidence.tallies, { '2.2.1': { relevant: 25, yes: 18 } }) },
	{ name: 'tally null leaves no empty tallies object', edit: { type: 'tally', keyQuestion: '2.2.1', tally: null }, check: (r) => assert.is('tallies' in r.evidence, false) },
	{ name: 'judge-key-question', edit: { type: 'judge-key-question', standard: 'V1', keyQuestion: 'V1.2', answer: 'no' }, check: (r) => assert.equal(r.evidence.judgements, { V1: { keyQuestions: { 'V1.2': 'no' } } }) },
	{ name: 'judge-prompt', edit: { type: 'judge-prompt', standard: '1.1', prompt: '1.1.1.a', judgement: 'above' }, check: (r) => assert.equal(r.evidence.judgements, { '1.1': { prompts: { '1.1.1.a': 'above' } } }) },
	{ name: 'propose with a reason', edit: { type: 'propose', standard: '1.1', rating: 'good', reason: ' why ' }, check: (r) => assert.equal(r.evidence.judgements, { '1.1': { rating: 'good', reason: 'why' } }) },
	{ name: 'propose nothing leaves no judgement', edit: { type: 'propose', standard: '1.1', rating: null, reason: '' }, check: (r) => assert.is(r.evidence.judgements, undefined) },
	{ name: 'decide records rating and reason', edit: { type: 'decide', standard: 'V1', decision: { rating: 'good', reason: ' panel view ' } }, check: (r) => assert.equal(r.evidence.decisions, { V1: { rating: 'good', reason: 'panel view' } }) },
	{ name: 'details', edit: { type: 'details', serviceName: ' Southshire ', fieldwork: { from: '2025-05-01', to: '' } }, check: (r) => assert.equal([r.serviceName, r.fieldwork], ['Southshire', { from: '2025-05-01' }]) },
	{ name: 'status', edit: { type: 'status', status: 'complete' }, check: (r) => assert.is(r.status, 'complete') }
];
for (const row of table) {
	Apply(row.name, () => {
		const r = record();
		assert.equal(applyEdit(r, row.edit), []);
		row.check(r);
	});
}
Apply.run();

const Refused = suite('applyEdit: refused edits name the field and change nothing');
const refused: { name: string; edit: Edit; pointer: string; message: string }[] = [
	{ name: 'answer to an unknown case', edit: { type: 'answer', caseId: 'zz', question: '2.1.1', answer: 'yes' }, pointer: '/evidence/cases', message: 'there is no case "zz"' },
	{ name: 'a duplicate case reference', edit: { type: 'add-case', case: { id: 'c1', sample: 'court' } }, pointer: '/evidence/cases/-/id', message: 'a case with reference "c1" already exists' },
	{ name: 'a case with no reference', edit: { type: 'add-case', case: { id: ' ', sample: 'court' } }, pointer: '/evidence/cases/-/id', message: 'enter the case reference' },
	{ name: 'more yes than relevant', edit: { type: 'tally', keyQuestion: '2.1.1', tally: { relevant: 3, yes: 4 } }, pointer: '/evidence/tallies/2.1.1/yes', message: "the number answered 'yes' (4) cannot be more than the relevant cases (3)" },
	{ name: 'a fractional count', edit: { type: 'tally', keyQuestion: '2.1.1', tally: { relevant: 2.5, yes: 1 } }, pointer: '/evidence/tallies/2.1.1/relevant', message: 'the number of relevant cases must be a whole number from 0 to 1,000,000' },
	{ name: 'a count that means nothing', edit: { type: 'tally', keyQuestion: '2.1.1', tally: { relevant: 1e308, yes: 1 } }, pointer: '/evidence/tallies/2.1.1/relevant', message: 'the number of relevant cases must be a whole number from 0 to 1,000,000' },
	{ name: 'a decision without a reason', edit: { type: 'decide', standard: 'V1', decision: { rating: 'good', reason: '  ' } }, pointer: '/evidence/decisions/V1/reason', message: "enter the reason for the panel's decision" },
	{ name: 'a decision without a rating', edit: { type: 'decide', standard: 'V1', decision: { rating: '', reason: 'r' } }, pointer: '/evidence/decisions/V1/rating', message: "select the panel's final rating" },
	{ name: 'an unknown edit', edit: { type: 'explode' } as unknown as Edit, pointer: '', message: 'unknown edit "explode"' }
];
for (const row of refused) {
	Refused(row.name, () => {
		const r = record();
		const before = JSON.stringify(r);
		const issues = applyEdit(r, row.edit);
		assert.equal(issues.map((i) => [i.pointer, i.message])[0], [row.pointer, row.message]);
		assert.is(JSON.stringify(r), before);
	});
}
Refused('applyEdits stops at the first refused edit and leaves the original alone', () => {
	const r = record();
	const result = applyEdits(r, [
		{ type: 'answer', caseId: 'c1', question: '2.1.2', answer: 'yes' },
		{ type: 'answer', caseId: 'nope', question: '2.1.2', answer: 'yes' }
	]);
	assert.is(result.ok, false);
	if (!result.ok) assert.is(result.index, 1);
	assert.equal(r.evidence.cases![0].answers, { '2.1.1': 'yes' });
});
Refused.run();

const Describe = suite('describeEdits: what a write did, in words');
Describe('one edit', () => {
	assert.is(describeEdits([{ type: 'answer', caseId: 'c4', question: '2.1.1', answer: 'n/a' }]), 'answered 2.1.1 not applicable for case c4');
});
Describe('many edits: the first three and a count', () => {
	const edits: Edit[] = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ type: 'add-case', case: { id, sample: 'court' } }));
	assert.is(describeEdits(edits), 'added case a; added case b; added case c and 2 more changes');
});
Describe.run();

// Context facts are checked against the version's declarations: 2021's, read from its files.
const meta2021 = JSON.parse(readFileSync('rules/hmip-youth/2021/framework.json', 'utf8')) as FrameworkMeta;
const meta2025 = JSON.parse(readFileSync('rules/hmip-youth/2025/framework.json', 'utf8')) as FrameworkMeta;
const record2021 = (): InspectionRecord => ({ ...record(), framework: 'hmip-youth@2021', evidence: { context: { diversityPracticeInsufficient: false } } });

const Context = suite('applyEdit: context facts');
Context('a number sets the fact, and a boolean beside it', () => {
	const r = record2021();
	assert.equal(applyIn(r, { type: 'context', fact: 'resettlementCases', value: 3 }, { ...scope, terms: meta2021 }), []);
	assert.equal(applyIn(r, { type: 'context', fact: 'diversityPracticeInsufficient', value: true }, { ...scope, terms: meta2021 }), []);
	assert.equal(r.evidence.context, { diversityPracticeInsufficient: true, resettlementCases: 3 });
});
Context('0 is a value, not "not recorded"', () => {
	const r = record2021();
	assert.equal(applyIn(r, { type: 'context', fact: 'resettlementCases', value: 0 }, { ...scope, terms: meta2021 }), []);
	assert.is(r.evidence.context!.resettlementCases, 0);
});
Context('null clears the fact: the key is gone, and an empty context with it', () => {
	const r = record2021();
	applyIn(r, { type: 'context', fact: 'resettlementCases', value: 2 }, { ...scope, terms: meta2021 });
	assert.equal(applyIn(r, { type: 'context', fact: 'resettlementCases', value: null }, { ...scope, terms: meta2021 }), []);
	assert.equal(r.evidence.context, { diversityPracticeInsufficient: false });
	assert.is('resettlementCases' in r.evidence.context!, false);
	assert.equal(applyIn(r, { type: 'context', fact: 'diversityPracticeInsufficient', value: null }, { ...scope, terms: meta2021 }), []);
	assert.is('context' in r.evidence, false);
});
Context('the inspection type is one of the version\'s types', () => {
	const r = record();
	assert.equal(applyIn(r, { type: 'context', fact: 'inspectionType', value: 'iyjwcv' }, { ...scope, terms: meta2025 }), []);
	assert.is(r.evidence.context!.inspectionType, 'iyjwcv');
});
Context('described for the record of who changed what', () => {
	assert.is(describeEdits([{ type: 'context', fact: 'resettlementCases', value: 3 }, { type: 'context', fact: 'diversityPracticeInsufficient', value: true }]), 'context fact resettlementCases set to 3; context fact diversityPracticeInsufficient set to Yes');
	assert.is(describeEdits([{ type: 'context', fact: 'resettlementCases', value: null }]), 'context fact resettlementCases cleared');
});
const refusedContext: { name: string; edit: Edit; terms?: FrameworkMeta; pointer: string; message: string }[] = [
	{ name: 'an unknown fact', edit: { type: 'context', fact: 'custodyCases', value: 3 }, pointer: '/evidence/context/custodyCases', message: 'There is no context fact "custodyCases" in this version (it has resettlementCases, diversityPracticeInsufficient)' },
	{ name: 'a fact from the prototype', edit: { type: 'context', fact: '__proto__', value: true }, pointer: '/evidence/context/__proto__', message: 'There is no context fact "__proto__" in this version (it has resettlementCases, diversityPracticeInsufficient)' },
	{ name: 'a string for a number', edit: { type: 'context', fact: 'resettlementCases', value: '3' }, pointer: '/evidence/context/resettlementCases', message: 'Resettlement cases in the 12 months before fieldwork must be a number, 0 or more' },
	{ name: 'a negative number', edit: { type: 'context', fact: 'resettlementCases', value: -1 }, pointer: '/evidence/context/resettlementCases', message: 'Resettlement cases in the 12 months before fieldwork must be a number, 0 or more' },
	{ name: 'infinity', edit: { type: 'context', fact: 'resettlementCases', value: Infinity }, pointer: '/evidence/context/resettlementCases', message: 'Resettlement cases in the 12 months before fieldwork must be a number, 0 or more' },
	{ name: 'a number for a boolean', edit: { type: 'context', fact: 'diversityPracticeInsufficient', value: 1 }, pointer: '/evidence/context/diversityPracticeInsufficient', message: "The panel considers the service's practice on diversity insufficient must be yes or no" },
	{ name: 'an inspection type the version does not have', edit: { type: 'context', fact: 'inspectionType', value: 'thematic' }, terms: meta2025, pointer: '/evidence/context/inspectionType', message: 'The type of inspection must be one of iyjwcv, iyjs' },
	{ name: 'clearing the inspection type of a version that needs one', edit: { type: 'context', fact: 'inspectionType', value: null }, terms: meta2025, pointer: '/evidence/context/inspectionType', message: 'Select the type of inspection: this version needs one' },
	{ name: 'an inspection type in a version without types', edit: { type: 'context', fact: 'inspectionType', value: 'iyjs' }, pointer: '/evidence/context/inspectionType', message: 'There is no context fact "inspectionType" in this version (it has resettlementCases, diversityPracticeInsufficient)' }
];
for (const row of refusedContext) {
	Context(`refused, naming the field: ${row.name}`, () => {
		const r = record2021();
		const before = JSON.stringify(r);
		assert.equal(applyIn(r, row.edit, { ...scope, terms: row.terms ?? meta2021 }).map((i) => [i.pointer, i.message]), [[row.pointer, row.message]]);
		assert.is(JSON.stringify(r), before);
	});
}
Context('a string fact with values takes one of them', () => {
	const terms = { contextFacts: [{ id: 'setting', label: 'Setting', type: 'string' as const, values: ['urban', 'rural'], required: false, whenUnknown: 'nobody has said' }] };
	const r = record2021();
	assert.equal(applyIn(r, { type: 'context', fact: 'setting', value: 'rural' }, { ...scope, terms }), []);
	assert.equal(applyIn(r, { type: 'context', fact: 'setting', value: 'coastal' }, { ...scope, terms }).map((i) => i.message), ['Setting must be one of urban, rural']);
	assert.is(r.evidence.context!.setting, 'rural');
});
Context('a version that declares no context facts refuses a context edit', () => {
	const r = record2021();
	assert.equal(applyEdit(r, { type: 'context', fact: 'resettlementCases', value: 3 }).map((i) => i.pointer), ['/evidence/context/resettlementCases']);
	assert.is(r.evidence.context!.resettlementCases, undefined);
});
Context.run();
const Ids = suite('applyEdit: every id is checked against the version before it indexes anything (issue 10, row 1)');
const hostile: { name: string; edit: Edit; pointer: string; message: string }[] = [
	{ name: 'propose on __proto__', edit: { type: 'propose', standard: '__proto__', rating: 'outstanding', reason: 'x' }, pointer: '/evidence/judgements/__proto__', message: 'there is no standard "__proto__" in hmip-youth@2025' },
	{ name: 'judge a key question of __proto__', edit: { type: 'judge-key-question', standard: '__proto__', keyQuestion: '2.1.1', answer: 'yes' }, pointer: '/evidence/judgements/__proto__/keyQuestions/2.1.1', message: 'there is no standard "__proto__" in hmip-youth@2025' },
	{ name: 'judge a prompt of constructor', edit: { type: 'judge-prompt', standard: 'constructor', prompt: 'x', judgement: 'above' }, pointer: '/evidence/judgements/constructor/prompts/x', message: 'there is no standard "constructor" in hmip-youth@2025' },
	{ name: 'a key question the standard does not have', edit: { type: 'judge-key-question', standard: '1.1', keyQuestion: 'prototype', answer: 'no' }, pointer: '/evidence/judgements/1.1/keyQuestions/prototype', message: '"prototype" is not a judgement key question of standard 1.1 in hmip-youth@2025' },
	{ name: 'a prompt of another standard', edit: { type: 'judge-prompt', standard: 'V1', prompt: '1.1.1.a', judgement: 'below' }, pointer: '/evidence/judgements/V1/prompts/1.1.1.a', message: `"1.1.1.a" is not a prompt of standard V1's judgement key questions in hmip-youth@2025` },
	{ name: 'a tally for __proto__', edit: { type: 'tally', keyQuestion: '__proto__', tally: { relevant: 1, yes: 1 } }, pointer: '/evidence/tallies/__proto__', message: '"__proto__" is not a case-based key question of hmip-youth@2025' },
	{ name: 'clearing a tally for constructor', edit: { type: 'tally', keyQuestion: 'constructor', tally: null }, pointer: '/evidence/tallies/constructor', message: '"constructor" is not a case-based key question of hmip-youth@2025' },
	{ name: 'a decision on __proto__', edit: { type: 'decide', standard: '__proto__', decision: { rating: 'good', reason: 'r' } }, pointer: '/evidence/decisions/__proto__', message: 'there is no standard "__proto__" in hmip-youth@2025' },
	{ name: 'a decision with a rating not on the scale', edit: { type: 'decide', standard: 'V1', decision: { rating: 'toString', reason: 'r' } }, pointer: '/evidence/decisions/V1/rating', message: '"toString" is not a rating of hmip-youth@2025' },
	{ name: 'a proposal with a rating not on the scale', edit: { type: 'propose', standard: '1.1', rating: 'valueOf', reason: null }, pointer: '/evidence/judgements/1.1/rating', message: '"valueOf" is not a rating of hmip-youth@2025' },
	{ name: 'a case answer to __proto__', edit: { type: 'answer', caseId: 'c1', question: '__proto__', answer: 'yes' }, pointer: '/evidence/cases/0/answers/__proto__', message: '"__proto__" is not a case-based key question or prompt of hmip-youth@2025' },
	{ name: 'a case answer to a standard', edit: { type: 'answer', caseId: 'c1', question: '1.1', answer: 'no' }, pointer: '/evidence/cases/0/answers/1.1', message: '"1.1" is not a case-based key question or prompt of hmip-youth@2025' },
	{ name: 'a standard that is not a string', edit: { type: 'propose', standard: { length: 1 }, rating: 'good', reason: 'x' } as unknown as Edit, pointer: '/evidence/judgements/[object Object]', message: 'there is no standard "[object Object]" in hmip-youth@2025' }
];
for (const row of hostile) {
	Ids(row.name, () => {
		const r = record();
		const before = JSON.stringify(r);
		const issues = applyEdit(r, row.edit);
		assert.equal(issues.map((i) => [i.pointer, i.message]), [[row.pointer, row.message]]);
		assert.is(JSON.stringify(r), before);
		assert.equal(Object.getOwnPropertyNames(Object.prototype).filter((k) => ['rating', 'reason', 'keyQuestions', 'prompts', '2.1.1'].includes(k)), []);
		assert.is(({} as Record<string, unknown>).rating, undefined);
	});
}
Ids('the issue\'s request, in order: refused at the first edit, nothing reaches Object.prototype', () => {
	const keys = Object.getOwnPropertyNames(Object.prototype).sort();
	const result = applyEdits(record(), [
		{ type: 'propose', standard: '__proto__', rating: 'outstanding', reason: 'x' },
		{ type: 'judge-key-question', standard: '__proto__', keyQuestion: '2.1.1', answer: 'yes' }
	]);
	assert.is(result.ok, false);
	if (!result.ok) assert.is(result.index, 0);
	assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), keys);
});
Ids('a version whose standard is called "constructor": its judgement is an own property, not Object', () => {
	const odd: EditScope = { ...scope, standards: new Map([['constructor', { keyQuestions: new Set(['k']), prompts: new Set<string>() }]]) };
	const r = record();
	assert.equal(applyIn(r, { type: 'propose', standard: 'constructor', rating: 'good', reason: 'why' }, odd), []);
	assert.equal(applyIn(r, { type: 'judge-key-question', standard: 'constructor', keyQuestion: 'k', answer: 'yes' }, odd), []);
	assert.is(JSON.stringify(r.evidence.judgements), JSON.stringify({ constructor: { rating: 'good', reason: 'why', keyQuestions: { k: 'yes' } } }));
	assert.is((Object as unknown as Record<string, unknown>).rating, undefined);
	assert.is((Object as unknown as Record<string, unknown>).keyQuestions, undefined);
});
Ids.run();
