// Issue 10, part A: the data-plane attacks, sent as the table says to the built server, each
// with the account of the role that sent it. Every one must be refused, and the server must go
// on serving everyone else normally afterwards.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as devalue } from 'devalue';
import { readVersionFiles } from '../../src/lib/server/frameworks/frameworks';
import { FRAMEWORK, TestServer, report, type Client } from '../support/server';
import { jsonEntry, zeros, zip } from '../support/zip';

const Attacks = suite('data-plane attacks against the built server (issue 10, part A)');
let server: TestServer;
let inspector: Client;
let lead: Client;
let tester: Client;
let viewer: Client;
let panel: Client;
let goldenFolder: string;
const projectBefore = process.env.PROJECT_DIR;

/** What a form action answered (SvelteKit's JSON answer to an enhanced form): its type, status, data or location. */
async function action(client: Client, pathname: string, body: FormData | URLSearchParams) {
	const response = await client.request(pathname, { method: 'POST', headers: { accept: 'application/json', origin: server.url }, body });
	const text = await response.text();
	const answer = JSON.parse(text) as { type: string; status?: number; data?: string; location?: string };
	return { http: response.status, type: answer.type, status: answer.status, location: answer.location, data: answer.data ? (devalue(answer.data) as Record<string, unknown>) : undefined };
}

const evaluateBody = JSON.stringify({ framework: FRAMEWORK, inspection: { tallies: { '2.1.1': { relevant: 3, yes: 2 } } } });

/** What others do every day, each still answered normally. */
async function othersServedNormally(when: string) {
	const started = performance.now();
	const evaluated = await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: evaluateBody });
	assert.is(evaluated.status, 200, `${when}: /api/evaluate answered ${evaluated.status}: ${(await evaluated.clone().text()).slice(0, 300)}`);
	const result = (await evaluated.json()) as { framework: string; standards: Record<string, { final: string }> };
	assert.is(result.framework, FRAMEWORK);
	assert.ok(Object.keys(result.standards).length > 0);
	for (const [client, pathname] of [
		[viewer, '/inspections'],
		[viewer, '/frameworks'],
		[panel, '/'],
		[tester, '/regression']
	] as const) {
		const page = await client.request(pathname);
		assert.is(page.status, 200, `${when}: ${pathname} answered ${page.status}`);
	}
	return performance.now() - started;
}

Attacks.before(async () => {
	// The data folder inside the project folder, as with the default ./data: the project here is the temporary folder holding it.
	process.env.PROJECT_DIR = tmpdir();
	goldenFolder = mkdtempSync(path.join(tmpdir(), 'yardstick-golden-'));
	cpSync('tests/golden/2018', goldenFolder, { recursive: true });
	server = await TestServer.start();
	[inspector] = await server.accounts(['ines'], ['inspector']);
	[lead] = await server.accounts(['lee'], ['methodology-lead']);
	[tester] = await server.accounts(['tess'], ['tester']);
	[viewer] = await server.accounts(['vic'], ['viewer']);
	[panel] = await server.accounts(['pat'], ['panel-member']);
});
Attacks.after(async () => {
	await server?.dispose();
	rmSync(goldenFolder, { recursive: true, force: true });
	if (projectBefore === undefined) delete process.env.PROJECT_DIR;
	else process.env.PROJECT_DIR = projectBefore;
});

Attacks('row 1: the issue\'s __proto__ edits are refused with a 400 naming the id; nothing else changes', async () => {
	const id = await inspector.createInspection('Prototype test');
	const response = await inspector.request(`/inspections/${id}/edits`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{"baseRevision":1,"edits":[{"type":"propose","standard":"__proto__","rating":"outstanding","reason":"x"},{"type":"judge-key-question","standard":"__proto__","keyQuestion":"2.1.1","answer":"yes"}]}'
	});
	assert.is(response.status, 400);
	const { errors } = (await response.json()) as { errors: { pointer: string; message: string }[] };
	assert.equal(errors.map((e) => [e.pointer, e.message]), [['/evidence/judgements/__proto__', `there is no standard "__proto__" in ${FRAMEWORK}`]]);
	for (const [client, edit] of [
		[inspector, { type: 'tally', keyQuestion: 'constructor', tally: { relevant: 1, yes: 1 } }],
		[panel, { type: 'decide', standard: 'prototype', decision: { rating: 'good', reason: 'r' } }],
		[inspector, { type: 'judge-prompt', standard: '1.1', prompt: '__proto__', judgement: 'above' }],
		[inspector, { type: 'answer', caseId: 'nope', question: '__proto__', answer: 'yes' }]
	] as const) {
		const refused = await client.request(`/inspections/${id}/edits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ baseRevision: 1, edits: [edit] }) });
		assert.is(refused.status, 400, `${JSON.stringify(edit)} answered ${refused.status}`);
	}
	// the inspection is as it was, and still takes a proper edit
	assert.is(await inspector.revision(id), 1);
	assert.is((await inspector.save(id, 1, [{ type: 'propose', standard: '1.1', rating: 'good', reason: 'seen' }])).status, 200);
	const workspace = await inspector.request(`/inspections/${id}`);
	assert.is(workspace.status, 200);
	await othersServedNormally('after the __proto__ edits');
});

Attacks('a case the service calls "__proto__" or "constructor" is a case like any other: the workspace, report and exports open', async () => {
	const id = await inspector.createInspection('Prototype cases');
	const saved = await inspector.save(id, 1, [
		{ type: 'add-case', case: { id: '__proto__', sample: 'court', facts: {} } },
		{ type: 'add-case', case: { id: 'constructor', sample: 'court', facts: {} } },
		{ type: 'answer', caseId: '__proto__', question: '2.1.1', answer: 'yes' }
	]);
	assert.is(saved.status, 200);
	const workspace = await inspector.request(`/inspections/${id}`, { headers: { accept: 'text/html' } });
	assert.is(workspace.status, 200, `the workspace answered ${workspace.status}`);
	const html = await workspace.text();
	assert.ok(html.includes('__proto__') && html.includes('constructor'), 'both cases are on the page');
	for (const page of ['report', 'export.json', 'export.csv']) assert.is((await inspector.request(`/inspections/${id}/${page}`)).status, 200, page);
	await othersServedNormally('after cases called __proto__ and constructor');
});

Attacks('row 2: a regression on the data folder, or a folder holding it, is refused; a golden folder still runs', async () => {
	const data = path.basename(server.dataDir);
	// what a run could have listed: the folders and JSON files in the data folder (users, tokens, inspections)
	const inside = readdirSync(server.dataDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() || entry.name.endsWith('.json'))
		.map((entry) => `${data}/${entry.name}`);
	report(`refused: ${[data, ...inside, '.'].join(', ')}`);
	assert.ok(inside.length > 0, 'the data folder is empty');
	for (const folder of [data, ...inside, '.']) {
		const answer = await action(tester, '/regression', new URLSearchParams({ source: 'folder', folder, framework: '' }));
		assert.is(answer.type, 'failure', `${folder}: ${JSON.stringify(answer)}`);
		assert.is(answer.status, 400);
		const errors = answer.data?.errors as Record<string, string>;
		assert.match(errors.folder, 'is, holds or is inside the data folder', `${folder}: ${errors.folder}`);
	}
	const runs = await tester.request('/regression');
	assert.not.match(await runs.text(), data, 'a refused run is listed');
	const started = await action(tester, '/regression', new URLSearchParams({ source: 'folder', folder: path.basename(goldenFolder), framework: '' }));
	assert.is(started.type, 'redirect', JSON.stringify(started));
	const run = await viewer.request(started.location!);
	assert.is(run.status, 200);
	const page = await run.text();
	assert.match(page, '.json');
	assert.not.match(page, 'sessions');
	await othersServedNormally('after the data-folder runs');
});

Attacks('row 3: a zip with four huge entries of zeros under __MACOSX/ imports its version without inflating them', async () => {
	const read = readVersionFiles('rules/hmip-youth/2025');
	if (!read.ok) throw new Error('2025 does not read');
	const files = structuredClone(read.value);
	(files['framework.json'] as { version: string }).version = 'bomb-test';
	const bomb = zeros(128);
	const entries = [
		...Object.entries(files).map(([name, value]) => jsonEntry(name, value)),
		...[1, 2, 3, 4].map((i) => ({ name: `__MACOSX/._zeros-${i}`, method: 8 as const, data: bomb.data, size: bomb.size }))
	];
	const archive = zip(entries);
	report(`archive of ${(archive.length / 1024 / 1024).toFixed(1)} MB declaring ${((4 * bomb.size) / 1024 / 1024).toFixed(0)} MB of zeros`);
	const form = new FormData();
	form.set('archive', new File([archive], 'bomb.zip', { type: 'application/zip' }));
	const started = performance.now();
	const [imported, ms] = await Promise.all([action(lead, '/frameworks/import', form), othersServedNormally('while the archive is read')]);
	const took = performance.now() - started;
	assert.is(imported.type, 'redirect', JSON.stringify(imported));
	assert.is(imported.location, '/frameworks/hmip-youth/bomb-test');
	report(`imported in ${took.toFixed(0)} ms; others served in ${ms.toFixed(0)} ms meanwhile`);
	assert.ok(took < 10_000, `the import took ${took} ms`);

	// a version file that inflates far past what it declares: refused, naming it
	(files['framework.json'] as { version: string }).version = 'bomb-test-2';
	const lying = zip(Object.entries(files).map(([name, value]) => (name === 'rules.json' ? { name, method: 8 as const, data: zeros(64).data, size: 900 } : jsonEntry(name, value))));
	const form2 = new FormData();
	form2.set('archive', new File([lying], 'lying.zip', { type: 'application/zip' }));
	const refused = await action(lead, '/frameworks/import', form2);
	assert.is(refused.type, 'failure');
	const issues = refused.data?.issues as { file: string; message: string }[];
	assert.equal(issues.map((i) => [i.file, i.message]), [['lying.zip/rules.json', 'inflates to more than 2 MB']]);
	await othersServedNormally('after the zip bombs');
});

Attacks('row 7: 1.9 MB of {"a":1,"a":1,…}, four at once: one short answer each, quickly; others barely wait', async () => {
	const body = '{' + Array.from({ length: 320_000 }, () => '"a":1').join(',') + '}';
	assert.ok(body.length > 1.9 * 1000 * 1000);
	const send = () => inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	const started = performance.now();
	const [answers, othersMs] = await Promise.all([Promise.all([send(), send(), send(), send()]), othersServedNormally('during four duplicate-key bodies')]);
	const took = performance.now() - started;
	for (const answer of answers) {
		assert.is(answer.status, 400);
		const text = await answer.text();
		assert.ok(text.length < 1000, `the answer is ${text.length} bytes`);
		assert.equal((JSON.parse(text) as { errors: { pointer: string; message: string }[] }).errors.map((e) => [e.pointer, e.message]), [['/a', 'duplicate key "a"']]);
	}
	report(`four duplicate-key bodies answered in ${took.toFixed(0)} ms; others served in ${othersMs.toFixed(0)} ms`);
	assert.ok(othersMs < 5000, `others waited ${othersMs} ms`);
});

Attacks('row 7: a viewer pastes the same 1.9 MB on a version page\'s rate form: one issue back, quickly', async () => {
	const pasted = '{' + Array.from({ length: 320_000 }, () => '"a":1').join(',') + '}';
	const form = new FormData();
	form.set('pasted', pasted);
	const started = performance.now();
	const answer = await action(viewer, '/frameworks/hmip-youth/2018?/rate', form);
	const took = performance.now() - started;
	assert.is(answer.type, 'failure', JSON.stringify(answer).slice(0, 300));
	assert.equal((answer.data?.issues as { pointer: string; message: string }[]).map((i) => [i.pointer, i.message]), [['/a', 'duplicate key "a"']]);
	report(`rate form answered in ${took.toFixed(0)} ms`);
	await othersServedNormally('after the pasted duplicate keys');
});

Attacks('row 7: a huge list of schema errors is capped with "and N more"', async () => {
	const cases = Array.from({ length: 5000 }, (_, i) => ({ id: `c${i}`, sample: 'nowhere' }));
	const answer = await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ framework: FRAMEWORK, inspection: { cases } }) });
	assert.is(answer.status, 400);
	const { errors } = (await answer.json()) as { errors: { message: string }[] };
	assert.is(errors.length, 51);
	assert.is(errors[50].message, 'and 4950 more problems');
});

Attacks('row 9: 5,000 nested [ to /api/evaluate and a 3,000-deep condition to try-it: 400 naming where, no 500', async () => {
	const deep = await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"framework":"${FRAMEWORK}","inspection":${'['.repeat(5000)}${']'.repeat(5000)}}` });
	assert.is(deep.status, 400);
	const { errors } = (await deep.json()) as { errors: { pointer: string; message: string }[] };
	assert.equal(errors.map((e) => [e.pointer, e.message]), [['/inspection' + '/0'.repeat(63), 'nested more than 64 deep here: not accepted']]);

	const read = readVersionFiles('rules/hmip-youth/2025');
	if (!read.ok) throw new Error('2025 does not read');
	const leaf = { fact: 'overall', operator: 'equal', value: 'good' };
	// written as text: JSON.stringify itself overflows the stack at this depth
	const condition = '{"all":['.repeat(3000) + JSON.stringify(leaf) + ']}'.repeat(3000);
	const body = `{"files":${JSON.stringify(read.value)},"condition":${condition},"stage":"result","evidence":"","pasted":"{}"}`;
	const tried = await lead.request('/frameworks/hmip-youth/2025/try', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
	assert.is(tried.status, 400);
	const answer = (await tried.json()) as { ok: boolean; message: string; issues: { pointer: string }[] };
	assert.is(answer.ok, false);
	assert.match(answer.message, 'nested more than 64 deep');
	assert.match(answer.issues[0].pointer, /^\/condition(\/all\/0)+/);
	// a shallow condition still tries
	const fine = await lead.request('/frameworks/hmip-youth/2025/try', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ files: read.value, condition: { all: [leaf] }, stage: 'result', evidence: '', pasted: '{"context":{"inspectionType":"iyjs"}}' }) });
	assert.is(fine.status, 200, (await fine.clone().text()).slice(0, 500));
	assert.not.match(server.log(), /RangeError|Maximum call stack/);
	await othersServedNormally('after the deep bodies');
});

Attacks('rows 7 and 9 on the workspace\'s saves: a duplicate key or 5,000 nested [ in an edits body is a 400 naming where; nothing is saved', async () => {
	const id = await inspector.createInspection('Strict saves');
	const twice = await inspector.request(`/inspections/${id}/edits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"baseRevision":1,"baseRevision":1,"edits":[{"type":"propose","standard":"1.1","rating":"good","reason":"seen"}]}' });
	assert.is(twice.status, 400);
	const dup = (await twice.json()) as { errors: { pointer: string; message: string }[] };
	assert.equal(dup.errors.map((e) => [e.pointer, e.message]), [['/baseRevision', 'duplicate key "baseRevision"']]);
	const deep = await inspector.request(`/inspections/${id}/edits`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"baseRevision":1,"edits":${'['.repeat(5000)}${']'.repeat(5000)}}` });
	assert.is(deep.status, 400);
	const nested = (await deep.json()) as { errors: { message: string }[] };
	assert.match(nested.errors[0].message, 'nested more than 64 deep');
	assert.is(await inspector.revision(id), 1);
	assert.is((await inspector.save(id, 1, [{ type: 'propose', standard: '1.1', rating: 'good', reason: 'seen' }])).status, 200);
	await othersServedNormally('after the strict saves');
});

Attacks.run();
