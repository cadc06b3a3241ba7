// Evaluations that overlap in time each get the answer they would get alone, and a rule set
// never remembers an answer from a run another run cut short (issue: json-rules-engine keeps a
// run's status on its Engine).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, type Inspection } from '../../../src/lib/engine/index';
import { RuleSet } from '../../../src/lib/engine/rule-sets';
import { modelOf } from '../../../src/lib/engine/model';
import { listGoldenFiles, readGolden } from '../../../src/lib/server/regression/golden';
import { versionFor } from '../../../src/lib/server/rating/rating';

const ticks = async (n: number) => {
	for (let i = 0; i < n; i++) await Promise.resolve();
};

const Rules = suite('a rule set run twice at once');
Rules('the second run, started 0 to 59 microtasks after the first, gets its own answer, and remembers it rightly', async () => {
	const rules = Array.from({ length: 12 }, (_, i) => ({ key: `r${i}`, conditions: { all: [{ fact: 'n', operator: 'greaterThanInclusive', value: i }] } }));
	for (let delay = 0; delay < 60; delay++) {
		const set = new RuleSet(rules);
		const first = set.run({ n: 11 });
		await ticks(delay);
		const second = set.run({ n: 3 });
		const [a, b] = await Promise.all([first, second]);
		assert.equal([...a.fired].sort(), rules.map((r) => r.key).sort(), `first run, delay ${delay}`);
		assert.equal([...b.fired].sort(), ['r0', 'r1', 'r2', 'r3'], `second run, delay ${delay}`);
		// What was remembered is what a run alone gives.
		assert.equal([...(await set.run({ n: 3 })).fired].sort(), ['r0', 'r1', 'r2', 'r3'], `remembered, delay ${delay}`);
	}
});
Rules('a fact that is not given is undecided for the rules that read it, not false', async () => {
	const set = new RuleSet(
		[
			{ key: 'reads', conditions: { all: [{ fact: 'flagged', operator: 'equal', value: false }] } },
			{ key: 'other', conditions: { all: [{ fact: 'n', operator: 'equal', value: 1 }] } }
		],
		['flagged']
	);
	const unknown = await set.run({ n: 1 });
	assert.equal([...unknown.fired], ['other']);
	assert.equal([...unknown.undecided], [['reads', ['flagged']]]);
	const known = await set.run({ n: 1, flagged: false });
	assert.equal([...known.fired].sort(), ['other', 'reads']);
	assert.is(known.undecided.size, 0);
});
Rules.run();

const Golden = suite('every golden file rated at once agrees with one at a time');
Golden('cold rule sets, all files started within 60 microtasks of one another, twice over', async () => {
	const listed = listGoldenFiles(['tests/golden']);
	assert.ok(listed.ok);
	if (!listed.ok) return;
	const jobs = listed.files.map((file) => {
		const read = readGolden(file);
		if (!read.ok) throw new Error(`${file} is invalid`);
		const loaded = versionFor(read.golden.framework);
		if (!loaded.ok) throw new Error(`${file}: its version does not load`);
		return { file, framework: loaded.value, inspection: read.golden.inspection as Inspection };
	});
	const forget = () => {
		for (const job of jobs) for (const set of Object.values(modelOf(job.framework).rules)) set.forget();
	};
	forget();
	const alone: string[] = [];
	for (const job of jobs) {
		alone.push(JSON.stringify(await evaluate(job.framework, job.inspection)));
		forget();
	}
	for (let round = 0; round < 2; round++) {
		forget();
		// Started 0 to 59 microtasks apart, so runs overlap at every stage of one another.
		const together = await Promise.all(
			jobs.map(async (job, i) => {
				await ticks((i * 7 + round * 13) % 60);
				return JSON.stringify(await evaluate(job.framework, job.inspection));
			})
		);
		together.forEach((result, i) => assert.is(result, alone[i], `${jobs[i].file}, round ${round + 1}`));
	}
});
Golden.run();
