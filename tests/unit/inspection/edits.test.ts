import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyEdit, applyEdits, describeEdits, type Edit } from '../../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../../src/lib/inspection/record';

const record = (): InspectionRecord => ({
	serviceName: 'Northshire YJS',
	framework: 'hmip-youth@2025',
	frameworkHash: 'sha256:' + '0'.repeat(64),
	status: 'in-progress',
	evidence: { context: { inspectionType: 'iyjs' }, cases: [{ id: 'c1', sample: 'court', answers: { '2.1.1': 'yes' } }] }
});

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
	{ name: 'a fractional count', edit: { type: 'tally', keyQuestion: '2.1.1', tally: { relevant: 2.5, yes: 1 } }, pointer: '/evidence/tallies/2.1.1/relevant', message: 'the number of relevant cases must be a whole number, 0 or more' },
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
