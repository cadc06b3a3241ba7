import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { evaluateRequest } from '../../../src/lib/server/rating/evaluate-api';
import { inForce } from '../../../src/lib/server/frameworks/published';

const Api = suite('POST /api/evaluate: the handler');
Api('a golden file’s framework and inspection give the engine’s result', async () => {
	const golden = JSON.parse(readFileSync('tests/golden/2025/victims-matrix-undecided-range.json', 'utf8'));
	const response = await evaluateRequest(JSON.stringify({ framework: golden.framework, inspection: golden.inspection }));
	assert.is(response.status, 200);
	if (response.status !== 200) return;
	assert.is(response.body.framework, 'hmip-youth@2025');
	assert.is(response.body.standards.V1.final, 'needs-decision');
	assert.equal(response.body.standards.V1.allowed, ['outstanding', 'good']);
	assert.equal(response.body.composite.scoreRange, [10, 11]);
});
const bad: { name: string; body: string; errors: [string, string][] }[] = [
	{ name: 'not JSON', body: 'framework=x', errors: [['', 'not valid JSON: invalid symbol at line 1, column 1']] },
	{ name: 'not an object', body: '[]', errors: [['', 'must be an object with "framework" and "inspection"']] },
	{
		name: 'no framework, no inspection, an extra property',
		body: '{"frame": 1}',
		errors: [
			['/frame', 'unknown property "frame" (expected "framework" and "inspection")'],
			['/framework', 'must be a framework version as "id@version", e.g. "hmip-youth@2025"'],
			['', 'missing required property "inspection"']
		]
	},
	{ name: 'an unknown version', body: '{"framework": "hmip-youth@2030", "inspection": {}}', errors: [['/framework', 'framework version "hmip-youth@2030" does not exist (known: hmip-youth@2018, hmip-youth@2021, hmip-youth@2025)']] },
	{
		name: 'evidence the version refuses',
		body: '{"framework": "hmip-youth@2018", "inspection": {"tallies": {"2.1.1": {"relevant": 3, "yes": 4}}}}',
		errors: [['/inspection/tallies/2.1.1/yes', 'yes (4) is more than relevant (3)']]
	}
];
for (const row of bad) {
	Api(`400 with file, pointer and message: ${row.name}`, async () => {
		const response = await evaluateRequest(row.body);
		assert.is(response.status, 400);
		if (response.status !== 400) return;
		assert.ok(response.body.errors.every((e) => e.file === 'request body'));
		assert.equal(response.body.errors.map((e) => [e.pointer, e.message]), row.errors);
	});
}
Api.run();

const InForce = suite('inForce: the version in force on a day');
const versions = [
	{ ref: 'a@2018', effectiveFrom: '2018-06-01' },
	{ ref: 'a@2021', effectiveFrom: '2021-06-01' },
	{ ref: 'a@2025', effectiveFrom: '2025-04-01' }
];
const days: [string, string | null][] = [
	['2017-12-31', null],
	['2018-06-01', 'a@2018'],
	['2021-05-31', 'a@2018'],
	['2025-03-31', 'a@2021'],
	['2025-04-01', 'a@2025'],
	['2030-01-01', 'a@2025']
];
for (const [day, ref] of days) InForce(`${day}: ${ref ?? 'none'}`, () => assert.is(inForce(versions, day)?.ref ?? null, ref));
InForce.run();
