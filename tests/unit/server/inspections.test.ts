import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInspection, duplicateInspection, inspections, listInspections, pinnedRecord, saveEdits, validateRecord, type InspectionRecord } from '../../../src/lib/server/inspections/inspections';
import { InvalidDocumentError, StaleRevisionError } from '../../../src/lib/server/storage/store';
import { addUser } from '../../../src/lib/server/accounts/users';
import { onTeam } from '../../../src/lib/inspection/record';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';
import type { Edit } from '../../../src/lib/inspection/edits';

/** Each test on its own data folder, as the app would see it. */
const freshData = () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-inspections-'));
	return path.join(process.env.DATA_DIR, 'inspections');
};

const victims2025 = (): InspectionRecord =>
	pinnedRecord({
		serviceName: 'Northshire YJS',
		framework: 'hmip-youth@2025',
		evidence: {
			context: { inspectionType: 'iyjwcv' },
			tallies: { '2.1.1': { relevant: 25, yes: 18 }, '2.2.1': { relevant: 25, yes: 18 }, '2.3.1': { relevant: 25, yes: 18 }, 'V1.1': { relevant: 20, yes: 11 } },
			judgements: { V1: { keyQuestions: { 'V1.2': 'yes' } } }
		}
	});

const hash2025 = () => {
	const loaded = loadFramework('hmip-youth@2025');
	return loaded.ok ? loaded.value.hash : '';
};

const Validate = suite('validateRecord: the record schema, then the pinned version');
const invalid: { name: string; change: (r: Record<string, unknown>) => void; pointer: string; message: string }[] = [
	{ name: 'no service name', change: (r) => delete r.serviceName, pointer: '', message: 'missing required property "serviceName"' },
	{ name: 'a blank service name', change: (r) => (r.serviceName = '  '), pointer: '/serviceName', message: 'must match pattern "\\S"' },
	{ name: 'an unknown status', change: (r) => (r.status = 'done'), pointer: '/status', message: 'must be one of "in-progress", "complete"' },
	{ name: 'a fieldwork date that is not a date', change: (r) => (r.fieldwork = { from: '2025-13-01' }), pointer: '/fieldwork/from', message: 'must match format "date"' },
	{ name: 'an unknown property', change: (r) => (r.owner = 'x'), pointer: '', message: 'unknown property "owner"' },
	{ name: 'an unknown version', change: (r) => (r.framework = 'hmip-youth@1999'), pointer: '/framework', message: 'framework version "hmip-youth@1999" does not exist (known: hmip-youth@2018, hmip-youth@2021, hmip-youth@2025)' },
	{
		name: 'a hash that is not the version as it is now',
		change: (r) => (r.frameworkHash = 'sha256:' + 'a'.repeat(64)),
		pointer: '/frameworkHash',
		message: `the files of hmip-youth@2025 have changed since this inspection was pinned to them (pinned sha256:${'a'.repeat(64)}, now ${hash2025()})`
	},
	{ name: 'evidence the version does not know', change: (r) => ((r.evidence as { tallies: object }).tallies = { '9.9.9': { relevant: 1, yes: 1 } }), pointer: '/evidence/tallies/9.9.9', message: '"9.9.9" is not a case-based key question of hmip-youth@2025' },
	{ name: 'a 2025 inspection without its type', change: (r) => ((r.evidence as { context?: object }).context = {}), pointer: '/evidence/context', message: 'missing "inspectionType": this version has inspection types iyjwcv, iyjs' }
];
Validate('a well-formed record pinned to the version as it is has no issues', () => {
	assert.equal(validateRecord(victims2025()), []);
});
for (const row of invalid) {
	Validate(row.name, () => {
		const r = victims2025() as unknown as Record<string, unknown>;
		row.change(r);
		const issues = validateRecord(r);
		assert.equal(issues.map((i) => [i.pointer, i.message])[0], [row.pointer, row.message]);
	});
}
Validate.run();

const Store = suite('inspections: stored one lowdb file each, revisioned');
Store('create writes one JSON file under DATA_DIR/inspections, pinned by id, version and hash', async () => {
	const dir = freshData();
	const doc = await createInspection(victims2025(), 'ann');
	assert.equal(readdirSync(dir), [`${doc.id}.json`]);
	const onDisk = JSON.parse(readFileSync(path.join(dir, `${doc.id}.json`), 'utf8'));
	assert.equal([onDisk.revision, onDisk.updatedBy, onDisk.value.framework, onDisk.value.frameworkHash], [1, 'ann', 'hmip-youth@2025', hash2025()]);
});
Store('an invalid record is refused before anything is written', async () => {
	const dir = freshData();
	const bad = victims2025();
	bad.evidence.cases = [{ id: 'c1', sample: 'prison' }];
	try {
		await createInspection(bad, 'ann');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
		assert.is((e as InvalidDocumentError).issues[0].pointer, '/evidence/cases/0/sample');
	}
	assert.equal(readdirSync(dir), []);
});
Store('saveEdits applies the edits, counts the revision up and says what changed', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	const saved = await saveEdits(doc.id, 1, [{ type: 'add-case', case: { id: 'v1', sample: 'victim' } }, { type: 'answer', caseId: 'v1', question: 'V1.1', answer: 'yes' }], 'bob');
	assert.equal([saved.revision, saved.updatedBy, saved.change], [2, 'bob', 'added case v1; answered V1.1 yes for case v1']);
	const stored = (await inspections().get(doc.id))?.value.evidence.cases;
	assert.equal(JSON.parse(JSON.stringify(stored)), [{ id: 'v1', sample: 'victim', answers: { 'V1.1': 'yes' } }]);
	// read back from the file, its maps have no prototype to reach
	assert.is(Object.getPrototypeOf(stored?.[0].answers), null);
});
Store('a stale write is refused with who changed what, and the stored record is theirs', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	await saveEdits(doc.id, 1, [{ type: 'tally', keyQuestion: 'V1.1', tally: { relevant: 20, yes: 17 } }], 'bob');
	try {
		await saveEdits(doc.id, 1, [{ type: 'tally', keyQuestion: 'V1.1', tally: { relevant: 20, yes: 5 } }], 'cat');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
		assert.match((e as Error).message, 'bob changed this');
		assert.match((e as Error).message, 'set V1.1 to 17 of 20 cases');
		assert.is((e as StaleRevisionError).current.revision, 2);
	}
	assert.equal((await inspections().get(doc.id))?.value.evidence.tallies?.['V1.1'], { relevant: 20, yes: 17 });
});
Store('edits that leave evidence the version refuses are not saved', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	try {
		await saveEdits(doc.id, 1, [{ type: 'add-case', case: { id: 'c1', sample: 'court', facts: { childSafetyFactors: true } } }], 'bob');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
		assert.equal((e as InvalidDocumentError).issues.map((i) => [i.pointer, i.message]), [['/evidence/cases/0/facts/childSafetyFactors', 'unknown case fact "childSafetyFactors"']]);
	}
	assert.is((await inspections().get(doc.id))?.revision, 1);
});
Store('a context edit is checked against the pinned version\'s declarations, saved, and audited as set or cleared', async () => {
	freshData();
	const { readAudit } = await import('../../../src/lib/server/audit/audit');
	const { auditSave } = await import('../../../src/lib/server/audit/inspection-audit');
	const doc = await createInspection(pinnedRecord({ serviceName: 'Westshire YJS', framework: 'hmip-youth@2021', evidence: {} }), 'ann');
	const audit = (before: Parameters<typeof auditSave>[0], after: Parameters<typeof auditSave>[1]) => auditSave(before, after, 'ann');
	const saved = await saveEdits(doc.id, 1, [{ type: 'context', fact: 'resettlementCases', value: 3 }, { type: 'context', fact: 'diversityPracticeInsufficient', value: false }], 'ann', audit);
	assert.equal({ ...saved.value.evidence.context }, { resettlementCases: 3, diversityPracticeInsufficient: false });
	assert.is(saved.change, 'context fact resettlementCases set to 3; context fact diversityPracticeInsufficient set to No');
	await saveEdits(doc.id, 2, [{ type: 'context', fact: 'resettlementCases', value: null }], 'ann', audit);
	assert.equal({ ...(await inspections().get(doc.id))?.value.evidence.context }, { diversityPracticeInsufficient: false });
	const trail = readAudit({ kind: 'inspection', id: doc.id }).filter((r) => r.action === 'inspection.context');
	assert.equal(trail.map((r) => [r.summary, r.before, r.after]), [
		['context fact resettlementCases set to 3', null, 3],
		['context fact diversityPracticeInsufficient set to No', null, false],
		['context fact resettlementCases cleared', 3, null]
	]);
	for (const edit of [{ type: 'context', fact: 'inspectionType', value: 'iyjs' }, { type: 'context', fact: 'resettlementCases', value: 'many' }] as Edit[]) {
		try {
			await saveEdits(doc.id, 3, [edit], 'ann');
			assert.unreachable();
		} catch (e) {
			assert.instance(e, InvalidDocumentError);
			assert.is((e as InvalidDocumentError).issues[0].pointer, `/evidence/context/${(edit as { fact: string }).fact}`);
		}
	}
	assert.is((await inspections().get(doc.id))?.revision, 3);
});
const decisions: { name: string; edit: Edit; refused?: string }[] = [
	{ name: 'a panel decision inside the matrix pair is saved', edit: { type: 'decide', standard: 'V1', decision: { rating: 'good', reason: 'arrangements are strong' } } },
	{
		name: 'a panel decision outside the matrix pair is refused on the server with the rule text',
		edit: { type: 'decide', standard: 'V1', decision: { rating: 'outstanding', reason: 'we liked it' } },
		refused: 'The rules do not allow this decision: V1.1 rated Requires improvement and V1.2 answered Yes: Requires improvement or Good.'
	},
	{
		name: 'moving an unflagged case-based rating is refused with the discretion rule',
		edit: { type: 'decide', standard: '2.1', decision: { rating: 'outstanding', reason: 'r' } },
		refused: 'The rules do not allow this decision: the panel may depart from the computed rating only when professional discretion applies'
	}
];
for (const row of decisions) {
	Store(row.name, async () => {
		freshData();
		const doc = await createInspection(victims2025(), 'ann');
		try {
			const saved = await saveEdits(doc.id, 1, [row.edit], 'panel');
			assert.is(row.refused, undefined, 'should have been refused');
			assert.is(saved.revision, 2);
		} catch (e) {
			if (!row.refused) throw e;
			assert.instance(e, InvalidDocumentError);
			const [issue] = (e as InvalidDocumentError).issues;
			assert.is(issue.pointer, `/evidence/decisions/${(row.edit as { standard: string }).standard}/rating`);
			assert.match(issue.message, row.refused);
			assert.is((await inspections().get(doc.id))?.revision, 1);
		}
	});
}
Store('a panel decision is stamped with who saved it and when; anything the edit says of that is ignored; withdrawing takes the stamp away', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	const forged = { type: 'decide', standard: 'V1', decision: { rating: 'good', reason: 'r', by: 'mallory', at: '2020-01-01T00:00:00.000Z' }, by: 'mallory' } as unknown as Edit;
	const before = Date.now();
	const saved = await saveEdits(doc.id, 1, [forged], 'panel');
	assert.equal(Object.keys(saved.value.decided ?? {}), ['V1']);
	assert.is(saved.value.decided!.V1.by, 'panel');
	assert.ok(Date.parse(saved.value.decided!.V1.at) >= before - 1000 && Date.parse(saved.value.decided!.V1.at) <= Date.now());
	assert.equal(saved.value.evidence.decisions, { V1: { rating: 'good', reason: 'r' } });
	// another edit leaves the stamp alone; withdrawing removes it with the decision
	const later = await saveEdits(doc.id, 2, [{ type: 'status', status: 'complete' }], 'ann');
	assert.equal(later.value.decided, saved.value.decided);
	const withdrawn = await saveEdits(doc.id, 3, [{ type: 'decide', standard: 'V1', decision: null }], 'panel');
	assert.is(withdrawn.value.decided, undefined);
	assert.is(withdrawn.value.evidence.decisions, undefined);
});
Store('a record whose decision stamp names no account, or has no time, is refused by the schema', () => {
	const record = { ...victims2025(), decided: { V1: { by: 'Mallory <script>', at: 'yesterday' } } };
	assert.equal(validateRecord(record).map((i) => i.pointer).sort(), ['/decided/V1/at', '/decided/V1/by']);
	assert.equal(validateRecord({ ...victims2025(), decided: { V1: { by: 'panel' } } }).map((i) => i.message), ['missing required property "at"']);
});
Store('duplicate copies the evidence under a new id, in progress', async () => {
	freshData();
	const doc = await createInspection({ ...victims2025(), status: 'complete' }, 'ann');
	const copy = await duplicateInspection(doc.id, 'bob');
	assert.ok(copy.id !== doc.id);
	assert.equal([copy.value.serviceName, copy.value.status, copy.change], ['Northshire YJS (copy)', 'in-progress', 'duplicated from "Northshire YJS"']);
	assert.equal(copy.value.evidence, doc.value.evidence);
});
Store('the list shows each inspection with its overall rating', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	await saveEdits(doc.id, 1, [{ type: 'decide', standard: 'V1', decision: { rating: 'good', reason: 'r' } }], 'panel');
	const [summary] = await listInspections();
	// 2.1-2.3 good (72%), V1 good by decision: 8 of 12, good
	assert.equal([summary.serviceName, summary.framework, summary.inspectionType, summary.status, summary.overall, summary.score], ['Northshire YJS', 'hmip-youth@2025', 'Inspection of Youth Justice Work with Children and Victims', 'in-progress', 'good', 8]);
});
Store.run();

const Team = suite('the team: only its inspectors change the evidence');
Team('whoever creates or duplicates an inspection is its team', async () => {
	freshData();
	const doc = await createInspection(victims2025(), 'ann');
	assert.equal(doc.value.team, ['ann']);
	assert.equal((await duplicateInspection(doc.id, 'bob')).value.team, ['bob']);
});
Team('on the team: named on it; a record from before teams is open to every inspector', () => {
	assert.equal([onTeam({ team: ['ann'] }, 'ann'), onTeam({ team: ['ann'] }, 'bob'), onTeam({}, 'bob')], [true, false, true]);
});
Team('the team is changed by an edit naming inspectors with accounts; never left empty', async () => {
	freshData();
	await addUser('bob', ['inspector'], 'a long enough password', 'test');
	await addUser('pat', ['panel-member'], 'a long enough password', 'test');
	const doc = await createInspection(victims2025(), 'ann');
	const refused = async (team: string[]) => {
		try {
			await saveEdits(doc.id, 1, [{ type: 'team', team }], 'ann');
		} catch (e) {
			assert.instance(e, InvalidDocumentError);
			return (e as InvalidDocumentError).issues.map((i) => `${i.pointer}: ${i.message}`);
		}
		assert.unreachable('saved');
	};
	assert.equal(await refused([]), ['/team: an inspection needs at least one inspector on its team']);
	assert.equal(await refused(['ann', 'nobody']), ['/team/0: there is no account called "ann"', '/team/1: there is no account called "nobody"']);
	await addUser('ann', ['inspector'], 'a long enough password', 'test');
	assert.equal(await refused(['ann', 'pat']), ['/team/1: pat is not an inspector']);
	const saved = await saveEdits(doc.id, 1, [{ type: 'team', team: ['ann', 'bob'] }], 'ann');
	assert.equal([saved.value.team, saved.change], [['ann', 'bob'], 'set the team to ann, bob']);
});
Team.run();
