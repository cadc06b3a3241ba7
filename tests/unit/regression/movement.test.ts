import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { describeSteps, movement, type ImpactItem, type VersionScale } from '../../../src/lib/regression/movement';
import { movementText } from '../../../src/lib/regression/movement-text';
import type { RatingSummary } from '../../../src/lib/regression/summary';

const ratings = { outstanding: { score: 3, label: 'Outstanding' }, good: { score: 2, label: 'Good' }, 'requires-improvement': { score: 1, label: 'Requires improvement' }, inadequate: { score: 0, label: 'Inadequate' } };
const scales: { from: VersionScale; to: VersionScale } = { from: { ref: 'f@1', ratings }, to: { ref: 'f@2', ratings } };

/** A summary with standards A and B and a composite; each test overrides what it needs. */
function summary(framework: string, finals: Record<string, string>, composite: { rating: string; score: number | null; max?: number }): RatingSummary {
	const standards: RatingSummary['standards'] = {};
	for (const [id, final] of Object.entries(finals)) standards[id] = { id, title: `Standard ${id}`, computed: final, final, trace: `${id}: ${final} under ${framework}` };
	return {
		framework,
		standards,
		composite: { title: 'Overall', score: composite.score, max: composite.max ?? 6, scoreRange: [composite.score ?? 0, composite.score ?? 6], rating: composite.rating, trace: `overall ${composite.rating} under ${framework}` }
	};
}
const item = (id: string, from: RatingSummary, to: RatingSummary, dropped: { from?: string[]; to?: string[] } = {}): ImpactItem => ({
	id,
	name: `Inspection ${id}`,
	from: { ok: true, summary: from, dropped: (dropped.from ?? []).map((p) => ({ pointer: p, message: 'x: not in f@1' })) },
	to: { ok: true, summary: to, dropped: (dropped.to ?? []).map((p) => ({ pointer: p, message: 'x: not in f@2' })) }
});

const Movement = suite('movement');
Movement('counts ups, downs and sames per standard and for the composite, with steps', () => {
	const report = movement(
		[
			item('1', summary('f@1', { A: 'good', B: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'requires-improvement', B: 'good' }, { rating: 'requires-improvement', score: 3 })),
			item('2', summary('f@1', { A: 'outstanding', B: 'good' }, { rating: 'outstanding', score: 5 }), summary('f@2', { A: 'requires-improvement', B: 'outstanding' }, { rating: 'good', score: 4 })),
			item('3', summary('f@1', { A: 'good', B: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'good', B: 'good' }, { rating: 'good', score: 4 }))
		],
		scales
	);
	assert.is(report.compared, 3);
	const a = report.standards.find((s) => s.id === 'A')!;
	assert.equal([a.up, a.down, a.same, a.unsettled, a.steps], [0, 2, 1, 0, { '-1': 1, '-2': 1 }]);
	const b = report.standards.find((s) => s.id === 'B')!;
	assert.equal([b.up, b.down, b.same, b.steps], [1, 0, 2, { '1': 1 }]);
	assert.equal([report.composite.up, report.composite.down, report.composite.same, report.composite.steps], [0, 2, 1, { '-1': 2 }]);
	assert.equal(report.composite.scoreSteps, { '-1': 2 });
	assert.equal(report.changed.map((c) => [c.id, c.from, c.to, c.direction]), [
		['1', 'good', 'requires-improvement', 'down'],
		['2', 'outstanding', 'good', 'down']
	]);
});
Movement('a changed inspection carries the traces of the standards that moved: its reasons', () => {
	const report = movement([item('1', summary('f@1', { A: 'good', B: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'inadequate', B: 'good' }, { rating: 'requires-improvement', score: 2 }))], scales);
	const [changed] = report.changed;
	assert.equal(changed.standards, [{ id: 'A', title: 'Standard A', from: 'good', to: 'inadequate', fromTrace: 'A: good under f@1', toTrace: 'A: inadequate under f@2' }]);
	assert.is(changed.toTrace, 'overall requires-improvement under f@2');
	assert.is(changed.fromScore, 4);
	assert.is(changed.toScore, 2);
});
Movement('a standard only one version has is unsettled, and named as such', () => {
	const report = movement([item('1', summary('f@1', { A: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'good', C: 'good' }, { rating: 'good', score: 4 }))], scales);
	const c = report.standards.find((s) => s.id === 'C')!;
	assert.is(c.in, 'to');
	assert.is(c.unsettled, 1);
	assert.is(report.standards.find((s) => s.id === 'A')!.in, 'both');
});
Movement('a pending rating is unsettled, not up or down; the same pending state is the same', () => {
	const report = movement(
		[
			item('1', summary('f@1', { A: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'needs-decision' }, { rating: 'needs-decision', score: null })),
			item('2', summary('f@1', { A: 'not-rated' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'not-rated' }, { rating: 'good', score: 4 }))
		],
		scales
	);
	const a = report.standards.find((s) => s.id === 'A')!;
	assert.equal([a.up, a.down, a.same, a.unsettled], [0, 0, 1, 1]);
	assert.equal(report.changed.map((c) => c.direction), ['unsettled']);
});
Movement('composite scores on different scales are not compared', () => {
	const report = movement([item('1', summary('f@1', { A: 'good' }, { rating: 'good', score: 24, max: 36 }), summary('f@2', { A: 'good' }, { rating: 'good', score: 8, max: 12 }))], scales);
	assert.is(report.composite.scoreSteps, null);
	assert.match(movementText(report), 'scores not comparable');
});
Movement('dropped evidence and unrateable items are listed, and only items rated under both are compared', () => {
	const report = movement(
		[
			item('1', summary('f@1', { A: 'good' }, { rating: 'good', score: 4 }), summary('f@2', { A: 'good' }, { rating: 'good', score: 4 }), { to: ['/tallies/A.9'] }),
			{ id: '2', name: 'Inspection 2', from: { ok: true, summary: summary('f@1', { A: 'good' }, { rating: 'good', score: 4 }), dropped: [] }, to: { ok: false, errors: [{ file: '2', pointer: '/context', message: 'missing "inspectionType"', severity: 'error' }], dropped: [] } },
			{ id: '3', name: 'Broken', invalid: [{ file: 'broken.json', pointer: '', message: 'not valid JSON', severity: 'error' }] }
		],
		scales
	);
	assert.is(report.items, 3);
	assert.is(report.compared, 1);
	assert.equal(report.dropped, [{ id: '1', name: 'Inspection 1', version: 'f@2', dropped: [{ pointer: '/tallies/A.9', message: 'x: not in f@2' }] }]);
	assert.equal(report.notRated.map((n) => [n.id, n.version]), [['2', 'f@2'], ['3', null]]);
	const text = movementText(report);
	assert.match(text, 'Inspection 1 under f@2:\n    /tallies/A.9: x: not in f@2');
	assert.match(text, 'Inspection 2 under f@2:\n    2: /context: missing "inspectionType"');
});
Movement.run();

const Steps = suite('describeSteps');
for (const [steps, unit, words] of [
	[{}, 'step', 'no change'],
	[{ '-1': 2 }, 'step', '2 down 1 step'],
	[{ '2': 1, '-1': 3, '-2': 1 }, 'step', '1 down 2 steps, 3 down 1 step, 1 up 2 steps'],
	[{ '-4': 1 }, 'point', '1 down 4 points']
] as const) {
	Steps(`${JSON.stringify(steps)} → ${words}`, () => assert.is(describeSteps(steps, unit), words));
}
Steps.run();
