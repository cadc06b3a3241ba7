// The draw as an edit: what it refuses (unknown strata, duplicate references, exclusions with no
// reason, a redraw with no reason or one that would lose answers), what it writes (the cases with
// their sample and stratum, the eligible caseload per framework sample, the draw's record), and
// the caseload computed from a plan.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { applyEdits, describeEdit, type Edit, type EditScope } from '../../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../../src/lib/inspection/record';
import { caseloadOf, currentDraws, currentSelection, stampDraw, type DrawRecord, type LonglistEntry } from '../../../src/lib/sampling/draw-edit';
import { planSample } from '../../../src/lib/sampling/index';
import { rules2018, rules2025 } from '../../support/sampling';

const scope = (sampling = rules2025()): EditScope => ({
	ref: 'hmip-youth@2025',
	ratings: new Set(['good']),
	caseQuestions: new Set(['2.1.1']),
	caseAnswers: new Set(['2.1.1']),
	standards: new Map(),
	terms: { contextFacts: [], inspectionTypes: [] },
	samples: new Set(['court', 'out-of-court', 'victim']),
	sampling
});

const record = (cases: NonNullable<InspectionRecord['evidence']['cases']> = []): InspectionRecord => ({
	serviceName: 'Northshire YJS',
	framework: 'hmip-youth@2025',
	frameworkHash: 'sha256:' + '0'.repeat(64),
	status: 'in-progress',
	evidence: { context: { inspectionType: 'iyjs' }, ...(cases.length ? { cases } : {}) }
});

const strata = ['resettlement', 'community-sentences', 'out-of-court', 'bail-remand'];
/** 300 children's cases in the proportions 5:50:35:10 and 12 victims' cases; YJ0004 and YJ0009 excluded */
function longlist(): LonglistEntry[] {
	const children = Array.from({ length: 300 }, (_, i): LonglistEntry => ({
		reference: `YJ${String(i).padStart(4, '0')}`,
		group: strata[i % 20 === 0 ? 0 : i % 10 === 1 ? 3 : i % 20 < 8 ? 2 : 1],
		...(i === 4 || i === 9 ? { excluded: true, reason: 'Transferred out' } : {})
	}));
	const victims = Array.from({ length: 8 }, (_, i): LonglistEntry => ({ reference: `V${i}`, group: 'victims' }));
	return [...children, ...victims];
}
const draw = (over: Partial<Extract<Edit, { type: 'draw' }>> = {}): Edit => ({ type: 'draw', seed: 42, longlist: longlist(), ...over });
const run = (r: InspectionRecord, edit: Edit, s = scope()) => applyEdits(r, [edit], s);
const messages = (result: ReturnType<typeof run>) => (result.ok ? [] : result.issues.map((i) => `${i.pointer}: ${i.message}`));

const Writes = suite('a draw writes the cases, the caseload and its record');
Writes('the drawn cases become the inspection cases, each with its framework sample and stratum, no answers', () => {
	const result = run(record(), draw());
	assert.ok(result.ok);
	const r = result.ok ? result.record : record();
	const cases = r.evidence.cases!;
	const plan = planSample(rules2025(), longlist().map((e, i) => ({ row: i + 2, reference: e.reference, group: e.group, sample: e.group === 'victims' ? 'victims' : 'children', excluded: !!e.excluded, reason: e.reason })), 42);
	assert.equal(cases.map((c) => c.id), plan.samples.flatMap((s) => s.draw.selected.map((d) => d.reference)));
	for (const c of cases) {
		assert.equal(c.answers, {});
		if (c.id.startsWith('V')) {
			assert.is(c.sample, 'victim');
			assert.is(c.stratum, undefined, 'victims have no strata');
		} else {
			assert.ok(strata.includes(c.stratum!));
			assert.is(c.sample, c.stratum === 'out-of-court' ? 'out-of-court' : 'court');
		}
	}
	assert.not.ok(cases.some((c) => c.id === 'YJ0004' || c.id === 'YJ0009'), 'excluded cases are never drawn');
	// 298 eligible children: out-of-court feeds its own sample, the other three court; 8 victims, all drawn
	const byStratum = (s: string) => longlist().filter((e) => e.group === s && !e.excluded).length;
	assert.equal(r.evidence.caseload, { court: byStratum('resettlement') + byStratum('community-sentences') + byStratum('bail-remand'), 'out-of-court': byStratum('out-of-court'), victim: 8 });
	const [made] = r.draws!;
	assert.is(made.seed, 42);
	assert.equal(made.longlist, { cases: 308, excluded: 2 });
	assert.equal(made.excluded.map((e) => [e.reference, e.reason]), [['YJ0004', 'Transferred out'], ['YJ0009', 'Transferred out']]);
	assert.is(made.selected.length, cases.length);
	assert.is(made.at, '', 'who and when are the server’s to stamp');
	stampDraw(r, 'ada', '2026-01-01T00:00:00.000Z');
	assert.equal([r.draws![0].by, r.draws![0].at], ['ada', '2026-01-01T00:00:00.000Z']);
});
Writes('the record says the draw in words', () => {
	assert.is(describeEdit(draw()), 'drew the case sample (seed 42)');
	assert.is(describeEdit(draw({ reason: 'wrong longlist' })), 'drew the case sample (seed 42) again');
});
Writes.run();

const Caseload = suite('caseloadOf: eligible cases per framework sample, from the longlist');
const caseloadTable: { name: string; groups: Record<string, number>; expect: Record<string, number> }[] = [
	{ name: 'strata add up in the sample they feed', groups: { resettlement: 3, 'community-sentences': 40, 'out-of-court': 20, 'bail-remand': 7 }, expect: { court: 50, 'out-of-court': 20 } },
	{ name: 'an empty stratum adds nothing but its sample is still named', groups: { 'community-sentences': 30 }, expect: { court: 30, 'out-of-court': 0 } },
	{ name: 'a sample without strata counts toward the one it is recorded in', groups: { victims: 12 }, expect: { victim: 12 } },
	{ name: 'both case samples', groups: { 'out-of-court': 5, victims: 3 }, expect: { court: 0, 'out-of-court': 5, victim: 3 } }
];
for (const row of caseloadTable) {
	Caseload(row.name, () => {
		const cases = Object.entries(row.groups).flatMap(([group, n]) => Array.from({ length: n }, (_, i) => ({ row: i + 2, reference: `${group}-${i}`, group, sample: group === 'victims' ? 'victims' : 'children', excluded: false })));
		assert.equal(caseloadOf(rules2025(), cases), row.expect);
	});
}
Caseload('excluded cases are not eligible', () => {
	const cases = Array.from({ length: 30 }, (_, i) => ({ row: i + 2, reference: `c${i}`, group: 'community-sentences', sample: 'children', excluded: i < 4, ...(i < 4 ? { reason: 'hosted' } : {}) }));
	assert.equal(caseloadOf(rules2025(), cases), { court: 26, 'out-of-court': 0 });
});
Caseload('2018: one case sample without strata', () => {
	const rules = rules2018();
	const sample = rules.samples[0];
	const cases = Array.from({ length: 50 }, (_, i) => ({ row: i + 2, reference: `c${i}`, group: sample.id, sample: sample.id, excluded: false }));
	const caseload = caseloadOf(rules, cases);
	assert.equal(Object.values(caseload), [50]);
});
Caseload.run();

const Refuses = suite('a draw refuses, and changes nothing');
const refusals: { name: string; before?: InspectionRecord; edit: Edit; scope?: EditScope; expect: RegExp }[] = [
	{ name: 'a version with no sampling rules', edit: draw(), scope: { ...scope(), sampling: undefined }, expect: /no sampling rules/ },
	{ name: 'a seed that is not a whole number', edit: draw({ seed: 1.5 }), expect: /^\/seed: .*whole number/ },
	{ name: 'a negative seed', edit: draw({ seed: -1 }), expect: /^\/seed/ },
	{ name: 'a seed past the largest', edit: draw({ seed: 2 ** 32 }), expect: /^\/seed/ },
	{ name: 'an empty longlist', edit: draw({ longlist: [] }), expect: /no cases/ },
	{ name: 'a longlist that is not a list', edit: draw({ longlist: 'YJ1' as unknown as LonglistEntry[] }), expect: /no cases/ },
	{ name: 'a stratum the version does not have', edit: draw({ longlist: [{ reference: 'a', group: 'custody' }] }), expect: /^\/longlist\/0\/group: "custody" is not a stratum/ },
	{ name: 'a prototype name as a stratum', edit: draw({ longlist: [{ reference: 'a', group: '__proto__' }] }), expect: /^\/longlist\/0\/group/ },
	{ name: 'a reference twice', edit: draw({ longlist: [{ reference: 'a', group: 'out-of-court' }, { reference: ' a ', group: 'bail-remand' }] }), expect: /^\/longlist\/1\/reference: .*twice/ },
	{ name: 'an empty reference', edit: draw({ longlist: [{ reference: ' ', group: 'out-of-court' }] }), expect: /^\/longlist\/0\/reference/ },
	{ name: 'an exclusion with no reason', edit: draw({ longlist: [{ reference: 'a', group: 'out-of-court', excluded: true }] }), expect: /^\/longlist\/0\/reason: case "a" is excluded/ },
	{ name: 'every case excluded', edit: draw({ longlist: [{ reference: 'a', group: 'out-of-court', excluded: true, reason: 'hosted' }] }), expect: /selects no cases/ },
	{ name: 'cases already there, and no reason to draw again', before: record([{ id: 'x', sample: 'court', answers: {} }]), edit: draw(), expect: /^\/reason: the inspection already has 1 case/ },
	{
		name: 'a redraw that would lose answered cases names them',
		before: record([
			{ id: 'x', sample: 'court', answers: { '2.1.1': 'yes' } },
			{ id: 'y', sample: 'court', answers: {} }
		]),
		edit: draw({ reason: 'the service sent a corrected longlist' }),
		expect: /^\/evidence\/cases: this draw would lose the answers of case it does not select: x\./
	}
];
for (const row of refusals) {
	Refuses(row.name, () => {
		const before = row.before ?? record();
		const copy = structuredClone(before);
		const result = run(before, row.edit, row.scope);
		assert.not.ok(result.ok);
		assert.match(messages(result).join('\n'), row.expect);
		assert.equal(before, copy);
	});
}
Refuses.run();

const Redraw = suite('a redraw with its reason');
Redraw('replaces the cases with no answers and keeps an answered case it draws again, answers and all', () => {
	const first = run(record(), draw());
	assert.ok(first.ok);
	const r = first.ok ? first.record : record();
	stampDraw(r, 'ada');
	const keep = r.evidence.cases![0];
	keep.answers = { '2.1.1': 'yes' };
	const second = run(r, draw({ seed: 42, reason: 'the wrong timeframe' }));
	assert.ok(second.ok, messages(second).join());
	const after = second.ok ? second.record : r;
	assert.equal(after.evidence.cases![0], keep);
	assert.is(after.draws!.length, 2);
	assert.is(after.draws![1].reason, 'the wrong timeframe');
	assert.is(after.draws![1].replaced, r.evidence.cases!.length - 1);
	assert.equal(after.draws![0], r.draws![0], 'the first draw stays in the history');
});
Redraw('another seed draws other cases with the same counts per stratum', () => {
	const a = run(record(), draw({ seed: 1 }));
	const b = run(record(), draw({ seed: 2 }));
	assert.ok(a.ok && b.ok);
	if (!a.ok || !b.ok) return;
	assert.not.equal(a.record.evidence.cases, b.record.evidence.cases);
	assert.equal(a.record.draws![0].samples, b.record.draws![0].samples);
});
Redraw('a draw from another longlist replaces only the samples it draws: victims after children leave the children alone', () => {
	const children = run(record(), draw({ longlist: longlist().filter((e) => e.group !== 'victims') }));
	assert.ok(children.ok);
	if (!children.ok) return;
	const r = children.record;
	stampDraw(r, 'ada');
	const before = structuredClone(r.evidence.cases);
	const victims = run(r, draw({ seed: 5, longlist: Array.from({ length: 6 }, (_, i) => ({ reference: `V${i}`, group: 'victims' })) }));
	assert.ok(victims.ok, messages(victims).join());
	if (!victims.ok) return;
	assert.equal(victims.record.evidence.cases!.slice(0, before!.length), before, 'no reason asked and nothing replaced');
	assert.is(victims.record.evidence.cases!.length, before!.length + 6);
	assert.equal(victims.record.evidence.caseload, { ...r.evidence.caseload, victim: 6 });
	assert.is(victims.record.draws![1].replaced, 0);
});
Redraw('a drawn reference that is already a case in another sample is refused', () => {
	const children = longlist().filter((e) => e.group !== 'victims');
	const first = run(record(), draw({ longlist: children }));
	assert.ok(first.ok);
	const taken = first.ok ? first.record.draws![0].selected[0].reference : '';
	const result = run(record([{ id: taken, sample: 'victim', answers: {} }]), draw({ longlist: children }));
	assert.match(messages(result).join(), new RegExp(`^/evidence/cases: the draw selects ${taken}, already a case in another sample`));
});
Redraw.run();

const Chosen = suite('a size the version leaves open is the lead inspector’s to choose');
const victims = (n: number): LonglistEntry[] => Array.from({ length: n }, (_, i) => ({ reference: `V${String(i).padStart(2, '0')}`, group: 'victims' }));
Chosen('more victims than the smallest sample and no size: refused, saying the range', () => {
	const result = run(record(), draw({ longlist: victims(40) }));
	assert.match(messages(result).join(), /^\/sizes\/victims: Victims: the version gives no rule for the size of this sample: choose one \(9 to 30\)/);
});
Chosen('a chosen size is drawn and recorded as chosen, with a warning', () => {
	const result = run(record(), draw({ longlist: victims(40), sizes: { victims: 12 } }));
	assert.ok(result.ok, messages(result).join());
	if (!result.ok) return;
	assert.is(result.record.evidence.cases!.length, 12);
	assert.equal(result.record.evidence.caseload, { victim: 40 });
	assert.equal(result.record.draws![0].samples.map((s) => [s.sample, s.size, s.chosen]), [['victims', 12, true]]);
	assert.match(result.record.draws![0].warnings.join(), /the size 12 was chosen by whoever drew the sample/);
});
const chosenRefusals: { name: string; sizes: Record<string, number>; expect: RegExp }[] = [
	{ name: 'below the bounds', sizes: { victims: 8 }, expect: /^\/sizes\/victims: Victims: the size is a whole number from 9 to 30/ },
	{ name: 'above the bounds', sizes: { victims: 31 }, expect: /from 9 to 30/ },
	{ name: 'not whole', sizes: { victims: 9.5 }, expect: /whole number/ },
	{ name: 'a sample the version sizes itself', sizes: { victims: 12, children: 20 }, expect: /^\/sizes\/children: .*sizes this sample itself/ },
	{ name: 'a sample the version does not have', sizes: { __proto__x: 1 } as Record<string, number>, expect: /not a case sample/ }
];
for (const row of chosenRefusals) {
	Chosen(`refused: ${row.name}`, () => {
		const list = [...victims(40), ...longlist().filter((e) => e.group !== 'victims')];
		assert.match(messages(run(record(), draw({ longlist: list, sizes: row.sizes }))).join('\n'), row.expect);
	});
}
Chosen.run();

const Current = suite('the current draws: the latest of each case sample');
const made = (seed: number, samples: string[]): DrawRecord => ({
	seed,
	at: `2026-01-0${seed}T00:00:00.000Z`,
	by: 'ada',
	longlist: { cases: 1, excluded: 0 },
	samples: samples.map((sample) => ({ sample, label: sample, eligible: 1, size: 1, groups: [{ group: `${sample}-g`, eligible: 1, drawn: 1 }] })),
	selected: samples.map((sample) => ({ reference: `${sample}-${seed}`, group: `${sample}-g`, sample })),
	excluded: [],
	warnings: [],
	replaced: 0
});
const currentTable: { name: string; draws: DrawRecord[]; current: { index: number; samples: string[] }[]; selected: string[] }[] = [
	{ name: 'none', draws: [], current: [], selected: [] },
	{ name: 'one', draws: [made(1, ['children', 'victims'])], current: [{ index: 0, samples: ['children', 'victims'] }], selected: ['children-1', 'victims-1'] },
	{ name: 'a redraw of both replaces the first', draws: [made(1, ['children', 'victims']), made(2, ['children', 'victims'])], current: [{ index: 1, samples: ['children', 'victims'] }], selected: ['children-2', 'victims-2'] },
	{ name: 'victims drawn after children: both current', draws: [made(1, ['children']), made(2, ['victims'])], current: [{ index: 1, samples: ['victims'] }, { index: 0, samples: ['children'] }], selected: ['children-1', 'victims-2'] },
	{ name: 'children drawn again after both: the first still current for victims', draws: [made(1, ['children', 'victims']), made(2, ['children'])], current: [{ index: 1, samples: ['children'] }, { index: 0, samples: ['victims'] }], selected: ['victims-1', 'children-2'] }
];
for (const row of currentTable) {
	Current(row.name, () => {
		assert.equal(currentDraws(row.draws), row.current);
		assert.equal(currentSelection(row.draws).map((c) => c.reference), row.selected);
	});
}
Current.run();
