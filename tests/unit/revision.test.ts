// Proof that a framework revision is data only: a fourth version written into a temporary rules
// folder — 2025 with moved band edges, one more standard and one more limiter — rates with no
// change to src/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate } from '../../src/lib/engine/index';
import { loadFramework } from '../../src/lib/server/frameworks/frameworks';
import { cli } from '../support/cli';
import { copyVersion, patchVersion, tempRules } from '../support/versions';

const rules = tempRules();
const dir = copyVersion('hmip-youth/2025', rules, '2026-trial');
const src = { document: 'test revision', section: 'proposal' };
const keyQuestion = (id: string, text: string) => ({ id, text, source: src, kind: 'case', samples: ['court', 'out-of-court'], banding: 'case', prompts: [{ id: `${id}.a`, text: `${text} (prompt)`, source: src }] });
patchVersion(dir, [
	{ op: 'replace', path: '/framework.json/version', value: '2026-trial' },
	{ op: 'replace', path: '/framework.json/status', value: 'draft' },
	// a reasonable majority now starts at 70%
	{ op: 'replace', path: '/bandings.json/bandings/0/bands/1/max', value: 70 },
	{ op: 'replace', path: '/bandings.json/bandings/0/bands/2/min', value: 70 },
	{
		op: 'add',
		path: '/domains~12.json/standards/-',
		value: { id: '2.4', title: 'Reviewing', text: 'Reviewing keeps pace with change.', source: src, method: 'lowest-band', keyQuestions: [keyQuestion('2.4.1', 'Does reviewing support positive change?'), keyQuestion('2.4.2', 'Does reviewing keep the child and community safe?')] }
	},
	{ op: 'add', path: '/composite.json/standards/-', value: '2.4' },
	{ op: 'replace', path: '/composite.json/max', value: 15 },
	{
		op: 'replace',
		path: '/composite.json/bands',
		value: [
			{ rating: 'inadequate', min: 0, max: 3 },
			{ rating: 'requires-improvement', min: 4, max: 8 },
			{ rating: 'good', min: 9, max: 13 },
			{ rating: 'outstanding', min: 14, max: 15 }
		]
	},
	{
		op: 'add',
		path: '/rules.json/limiters',
		value: [
			{
				id: 'reviewing-below-outstanding',
				text: 'A service whose reviewing is not outstanding cannot be rated outstanding overall.',
				source: src,
				when: { all: [{ fact: 'ratingScore', params: { standard: '2.4' }, operator: 'lessThan', value: 3 }] },
				cap: 'good'
			}
		]
	}
]);

const tallies = (yes: number) => Object.fromEntries(['2.1.1', '2.1.2', '2.2.1', '2.2.2', '2.3.1', '2.3.2', '2.4.1', '2.4.2'].map((id) => [id, { relevant: 40, yes }]));
const inspection = {
	context: { inspectionType: 'iyjwcv' },
	tallies: { ...tallies(36), '2.1.1': { relevant: 40, yes: 27 }, 'V1.1': { relevant: 20, yes: 5 } },
	judgements: { V1: { keyQuestions: { 'V1.2': 'no' as const } } },
	decisions: { V1: { rating: 'inadequate', reason: 'victims not contacted' } }
};

const Revision = suite('a fourth version, written as data only');
Revision('validates', () => {
	const loaded = loadFramework('hmip-youth@2026-trial', rules);
	assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
});
Revision('moved band edge, new standard and new limiter all take effect', async () => {
	const loaded = loadFramework('hmip-youth@2026-trial', rules);
	if (!loaded.ok) return assert.unreachable();
	const r = await evaluate(loaded.value, inspection);
	// 27 of 40 = 67.5%: good under 2025, too few under the trial's 70% edge
	assert.is(r.keyQuestions['2.1.1'].band?.rating, 'requires-improvement');
	assert.is(r.standards['2.1'].final, 'requires-improvement');
	assert.is(r.standards['2.4'].final, 'outstanding');
	assert.equal(r.composite.standards, ['2.1', '2.2', '2.3', 'V1', '2.4']);
	// 1 + 3 + 3 + 3 + 0 = 10 of 15: good; the cap only bites above good
	assert.equal([r.composite.score, r.composite.max, r.composite.rating], [10, 15, 'good']);
	assert.is(r.composite.limiter, null);
});
Revision('the new limiter caps an otherwise outstanding service', async () => {
	const loaded = loadFramework('hmip-youth@2026-trial', rules);
	if (!loaded.ok) return assert.unreachable();
	const r = await evaluate(loaded.value, {
		context: { inspectionType: 'iyjwcv' },
		tallies: { ...tallies(40), '2.4.1': { relevant: 40, yes: 30 }, 'V1.1': { relevant: 20, yes: 20 } },
		judgements: { V1: { keyQuestions: { 'V1.2': 'yes' } } },
		decisions: { V1: { rating: 'outstanding', reason: 'exemplary victim work' } }
	});
	// 3 + 3 + 3 + 3 + 2 (2.4 good at 75%) = 14 of 15: outstanding, held to good by the new limiter
	assert.equal([r.composite.score, r.composite.computed, r.composite.rating, r.composite.limiter?.id], [14, 'outstanding', 'good', 'reviewing-below-outstanding']);
});
Revision('the 2025 version itself is unchanged by all this', async () => {
	const loaded = loadFramework('hmip-youth@2025', 'rules');
	if (!loaded.ok) return assert.unreachable();
	const r = await evaluate(loaded.value, inspection);
	assert.is(r.keyQuestions['2.1.1'].band?.rating, 'good');
	assert.not.ok('2.4' in r.standards);
});
Revision('the command line rates with it too (RULES_DIR)', () => {
	const tmp = mkdtempSync(path.join(tmpdir(), 'yardstick-rev-'));
	const file = path.join(tmp, 'trial.json');
	writeFileSync(file, JSON.stringify({ name: 'trial', framework: 'hmip-youth@2026-trial', inspection, expected: { standards: { '2.1': 'requires-improvement', '2.4': 'outstanding' }, composite: { score: 10, max: 15, rating: 'good' } } }));
	const run = cli('golden', [file], { RULES_DIR: rules });
	assert.is(run.status, 0, run.stdout + run.stderr);
	assert.match(run.stdout, /^1 passed, 0 failed$/m);
	assert.ok(readFileSync(path.join(dir, 'domains/2.json'), 'utf8').includes('"2.4"'));
});
Revision.run();
