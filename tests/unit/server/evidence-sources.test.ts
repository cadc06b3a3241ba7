import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evidenceChoices, pastedEvidence, readEvidence } from '../../../src/lib/server/rating/evidence-sources';
import { rateWith as rate } from '../../../src/lib/server/rating/rating';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-evidence-'));
const version2025 = () => {
	const loaded = loadFramework('hmip-youth@2025', 'rules');
	if (!loaded.ok) throw new Error('2025 does not load');
	return loaded.value;
};

const Sources = suite('evidence to try a version with');
Sources('golden files are offered by their path under tests/golden', async () => {
	const choices = await evidenceChoices();
	assert.ok(choices.some((c) => c.value === 'golden:2025/planning-worked-example.json' && c.group === 'Golden files'));
});
Sources('a golden file is read, its inspection under /inspection', async () => {
	const read = await readEvidence('golden:2025/planning-worked-example.json');
	assert.ok(read.ok);
	if (read.ok) assert.equal([read.value.file, read.value.at], ['tests/golden/2025/planning-worked-example.json', '/inspection']);
});
const refused: [string, RegExp][] = [
	['golden:../../package.json', /no such golden file/],
	['golden:/etc/passwd', /no such golden file/],
	['golden:2025', /no such golden file/],
	['inspection:nope', /no such inspection/],
	['', /Choose a golden file or an inspection/]
];
for (const [choice, message] of refused) {
	Sources(`refused: ${JSON.stringify(choice)}`, async () => {
		const read = await readEvidence(choice);
		assert.not.ok(read.ok);
		if (!read.ok) assert.match(read.errors[0].message, message);
	});
}
Sources('pasted: an envelope or a bare inspection; not JSON is named', () => {
	const envelope = pastedEvidence('{ "inspection": { "context": { "inspectionType": "iyjs" } } }');
	const bare = pastedEvidence('{ "context": { "inspectionType": "iyjs" } }');
	assert.ok(envelope.ok && bare.ok);
	if (envelope.ok && bare.ok) assert.equal([envelope.value.at, bare.value.at], ['/inspection', '']);
	const bad = pastedEvidence('{ "context": ');
	assert.not.ok(bad.ok);
	if (!bad.ok) assert.match(bad.errors[0].message, /not valid JSON/);
});
Sources('rating checks the evidence against the version first, naming the pointer', async () => {
	const rated = await rate(version2025(), { inspection: { context: { inspectionType: 'iyjs' }, tallies: { '9.9.9': { relevant: 1, yes: 1 } } }, file: 'pasted evidence', at: '/inspection' });
	assert.not.ok(rated.ok);
	if (!rated.ok) assert.equal([rated.errors[0].file, rated.errors[0].pointer], ['pasted evidence', '/inspection/tallies/9.9.9']);
	const good = await rate(version2025(), { inspection: { context: { inspectionType: 'iyjwcv' }, tallies: { '2.2.1': { relevant: 34, yes: 28 }, '2.2.2': { relevant: 34, yes: 24 } } }, file: 'x', at: '' });
	assert.ok(good.ok);
	if (good.ok) assert.is(good.result.standards['2.2'].final, 'good');
});
Sources.run();

const Links = suite('the editor\'s golden folder: a link out of it is neither offered nor read (issue 10, row 12)');
Links('a link to a file outside is not offered and not read; one inside is', async () => {
	const golden = mkdtempSync(path.join(tmpdir(), 'yardstick-golden-links-'));
	const outside = mkdtempSync(path.join(tmpdir(), 'yardstick-outside-'));
	writeFileSync(path.join(outside, 'secret.json'), readFileSync('tests/golden/2025/planning-worked-example.json'));
	cpSync('tests/golden/2025/planning-worked-example.json', path.join(golden, 'inside.json'));
	symlinkSync(path.join(outside, 'secret.json'), path.join(golden, 'out.json'));
	symlinkSync(path.join(golden, 'inside.json'), path.join(golden, 'also.json'));
	const before = process.env.GOLDEN_DIR;
	process.env.GOLDEN_DIR = golden;
	try {
		const offered = (await evidenceChoices()).filter((c) => c.group === 'Golden files').map((c) => c.value);
		assert.equal(offered, ['golden:also.json', 'golden:inside.json']);
		const read = await readEvidence('golden:out.json');
		assert.not.ok(read.ok);
		if (!read.ok) assert.match(read.errors[0].message, 'no such golden file');
		assert.ok((await readEvidence('golden:also.json')).ok);
	} finally {
		if (before === undefined) delete process.env.GOLDEN_DIR;
		else process.env.GOLDEN_DIR = before;
	}
});
Links.run();

const Stored = suite('stored inspections offered by name, from the kept summaries');
Stored('each inspection is offered by its name and version, sorted by name; a document changed behind the index is offered as it is now', async () => {
	const { createInspection, pinnedRecord, summaryIndex } = await import('../../../src/lib/server/inspections/inspections');
	const { serialise } = await import('../../../src/lib/server/storage/durable-file');
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-evidence-stored-'));
	const evidence = { context: { inspectionType: 'iyjwcv' } };
	const zed = await createInspection(pinnedRecord({ serviceName: 'Zed YJS', framework: 'hmip-youth@2025', evidence }), 'ann');
	const abe = await createInspection(pinnedRecord({ serviceName: 'Abe YJS', framework: 'hmip-youth@2025', evidence }), 'ann');
	const stored = async () => (await evidenceChoices()).filter((c) => c.group === 'Inspections').map((c) => [c.value, c.label]);
	assert.equal(await stored(), [
		[`inspection:${abe.id}`, 'Abe YJS (hmip-youth@2025)'],
		[`inspection:${zed.id}`, 'Zed YJS (hmip-youth@2025)']
	]);
	const rated = summaryIndex().ratings;
	// renamed by another process: the index did not hear of it, and catches it by the file's version
	writeFileSync(path.join(process.env.DATA_DIR, 'inspections', `${zed.id}.json`), serialise({ ...zed, revision: 2, value: { ...zed.value, serviceName: 'Aaron YJS' } }));
	assert.equal((await stored()).map(([, label]) => label), ['Aaron YJS (hmip-youth@2025)', 'Abe YJS (hmip-youth@2025)']);
	assert.is(summaryIndex().ratings, rated, 'naming them rates nothing');
});
Stored.run();
