// What makes a draw checkable later: the longlist's fingerprint (the same rows in the same order
// give the same SHA-256, any changed, moved, added or dropped row another), the seed the server
// proposed with whether it was changed (from the server's stamp, never from the edit), and the
// check that draws again from the longlist and seed and compares with what was recorded.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { applyEdits, type Edit, type EditScope } from '../../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../../src/lib/inspection/record';
import { stampDraw, type LonglistEntry } from '../../../src/lib/sampling/draw-edit';
import { longlistForm } from '../../../src/lib/sampling/fingerprint';
import type { LonglistCase } from '../../../src/lib/sampling/index';
import { longlistFingerprint } from '../../../src/lib/server/sampling/fingerprint';
import { verifyDraw } from '../../../src/lib/server/sampling/verify';
import { rules2025 } from '../../support/sampling';

const strata = ['resettlement', 'community-sentences', 'out-of-court', 'bail-remand'];
/** 120 children's cases; YJ0004 excluded */
const rows = (): LonglistEntry[] =>
	Array.from({ length: 120 }, (_, i): LonglistEntry => ({ reference: `YJ${String(i).padStart(4, '0')}`, group: strata[i % 4], ...(i === 4 ? { excluded: true, reason: 'Transferred out' } : {}) }));
const asCases = (entries: LonglistEntry[]): LonglistCase[] => entries.map((e, i) => ({ row: i + 2, reference: e.reference, group: e.group, sample: 'children', excluded: !!e.excluded, ...(e.excluded ? { reason: e.reason } : {}) }));
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const Fingerprint = suite('the longlist fingerprint');
Fingerprint('the canonical form: one JSON array per row, reference, stratum id and excluded, each line ended', () => {
	assert.is(longlistForm([{ reference: 'A 1', group: 'out-of-court' }, { reference: 'B"2', group: 'resettlement', excluded: true }]), '["A 1","out-of-court",false]\n["B\\"2","resettlement",true]\n');
	// the hash is SHA-256 of exactly that text, as anyone can compute it
	assert.is(longlistFingerprint([{ reference: 'A 1', group: 'out-of-court' }]), sha('["A 1","out-of-court",false]\n'));
	assert.match(longlistFingerprint(rows()), /^[0-9a-f]{64}$/);
});
Fingerprint('the same rows give the same hash, whatever else a row carries (its row number, the reason)', () => {
	assert.is(longlistFingerprint(rows()), longlistFingerprint(rows()));
	assert.is(longlistFingerprint(asCases(rows())), longlistFingerprint(rows()));
	const reworded = rows().map((r) => (r.excluded ? { ...r, reason: 'Moved to another area' } : r));
	assert.is(longlistFingerprint(reworded), longlistFingerprint(rows()), 'the reasons are recorded word for word with the draw, not hashed');
});
Fingerprint('a changed, reordered, added or dropped row gives another hash', () => {
	const base = longlistFingerprint(rows());
	const changed = (f: (r: LonglistEntry[]) => LonglistEntry[]) => longlistFingerprint(f(rows()));
	const variants = {
		reference: changed((r) => r.map((x, i) => (i === 7 ? { ...x, reference: 'YJ9999' } : x))),
		stratum: changed((r) => r.map((x, i) => (i === 7 ? { ...x, group: 'resettlement' } : x))),
		excluded: changed((r) => r.map((x, i) => (i === 7 ? { ...x, excluded: true, reason: 'Hosted' } : x))),
		included: changed((r) => r.map((x) => ({ reference: x.reference, group: x.group }))),
		reordered: changed((r) => [r[1], r[0], ...r.slice(2)]),
		added: changed((r) => [...r, { reference: 'YJ0120', group: 'out-of-court' }]),
		dropped: changed((r) => r.slice(0, -1)),
		// no two rows run together: a separator in a reference cannot imitate a row break
		joined: longlistFingerprint([{ reference: 'A","x",false]\n["B', group: 'x' }])
	};
	for (const [what, hash] of Object.entries(variants)) assert.is.not(hash, base, what);
	assert.is.not(variants.joined, longlistFingerprint([{ reference: 'A', group: 'x' }, { reference: 'B', group: 'x' }]));
	assert.is(new Set(Object.values(variants)).size, Object.keys(variants).length);
});
Fingerprint.run();

const scope = (): EditScope => ({
	ref: 'hmip-youth@2025',
	ratings: new Set(['good']),
	caseQuestions: new Set(),
	caseAnswers: new Set(),
	standards: new Map(),
	terms: { contextFacts: [], inspectionTypes: [] },
	samples: new Set(['court', 'out-of-court', 'victim']),
	sampling: rules2025(),
	fingerprint: longlistFingerprint
});
const record = (): InspectionRecord => ({ serviceName: 'Northshire YJS', framework: 'hmip-youth@2025', frameworkHash: 'sha256:' + '0'.repeat(64), status: 'in-progress', evidence: { context: { inspectionType: 'iyjs' } } });
function drawn(edit: Record<string, unknown>, s = scope()): InspectionRecord {
	const result = applyEdits(record(), [{ type: 'draw', seed: 42, longlist: rows(), ...edit } as Edit], s);
	assert.ok(result.ok, result.ok ? '' : result.issues.map((i) => i.message).join());
	return result.ok ? result.record : record();
}

const Recorded = suite('what a draw records of its longlist and seed');
Recorded('the fingerprint of the rows as the draw read them (references trimmed), given by the server', () => {
	const padded = rows().map((r) => ({ ...r, reference: ` ${r.reference} ` }));
	assert.is(drawn({ longlist: padded }).draws![0].longlist.sha256, longlistFingerprint(rows()));
	const { fingerprint: _, ...browser } = scope();
	assert.is(drawn({}, browser).draws![0].longlist.sha256, undefined, 'no fingerprint without the server’s hash');
});
Recorded('a fingerprint or proposal sent with the edit is not believed', () => {
	const r = drawn({ longlist: rows(), proposal: { seed: 42, changed: false }, sha256: 'f'.repeat(64), longlistSha256: 'f'.repeat(64) });
	const d = r.draws![0];
	assert.is(d.proposal, undefined, 'not until the server stamps it');
	assert.is(d.longlist.sha256, longlistFingerprint(rows()));
	stampDraw(r, 'ada', '2026-01-01T00:00:00.000Z', 7);
	assert.equal(r.draws![0].proposal, { seed: 7, changed: true });
});
Recorded('the proposal stamped: used, changed, none proposed, or not known', () => {
	const stamped = (proposed: number | null | undefined) => {
		const r = drawn({});
		stampDraw(r, 'ada', '2026-01-01T00:00:00.000Z', proposed);
		return r.draws![0];
	};
	assert.equal(stamped(42).proposal, { seed: 42, changed: false });
	assert.equal(stamped(43).proposal, { seed: 43, changed: true });
	assert.is(stamped(null).proposal, null);
	assert.not.ok('proposal' in stamped(undefined), 'not known: left out, shown as not recorded');
	// a draw already stamped keeps its stamp
	const r = drawn({});
	stampDraw(r, 'ada', '2026-01-01T00:00:00.000Z', 42);
	stampDraw(r, 'bob', '2026-02-01T00:00:00.000Z', 1);
	assert.equal([r.draws![0].by, r.draws![0].proposal], ['ada', { seed: 42, changed: false }]);
});
Recorded.run();

const Verify = suite('verifyDraw: draw again from the longlist and seed, and compare');
const recordedOf = (seed = 42, entries = rows()) => {
	const d = drawn({ seed, longlist: entries }).draws![0];
	return { sha256: d.longlist.sha256!, selected: d.selected.map((c) => ({ reference: c.reference, sample: c.sample })) };
};
Verify('the same longlist and seed: the same fingerprint and selection', () => {
	const v = verifyDraw(rules2025(), asCases(rows()), 42, {}, recordedOf());
	assert.ok(v.ok);
	assert.ok(v.sameLonglist);
	assert.equal(v.selection, { same: true, drawn: recordedOf().selected.length, missing: [], extra: [], otherSamples: 0 });
});
Verify('another seed draws other cases: said, with the cases that differ', () => {
	const v = verifyDraw(rules2025(), asCases(rows()), 43, {}, recordedOf());
	assert.not.ok(v.ok);
	assert.ok(v.sameLonglist, 'the longlist is still the one recorded');
	assert.not.ok(v.selection.same);
	assert.ok(v.selection.missing.length > 0 && v.selection.extra.length === v.selection.missing.length);
});
Verify('a longlist in another order draws the same cases, yet is not the one recorded', () => {
	const moved = rows().reverse();
	const v = verifyDraw(rules2025(), asCases(moved), 42, {}, recordedOf());
	assert.ok(v.selection.same);
	assert.not.ok(v.sameLonglist);
	assert.not.ok(v.ok);
});
Verify('a recorded selection with a case swapped is caught; cases of samples this longlist does not draw are set aside, and counted', () => {
	const recorded = recordedOf();
	const swapped = { ...recorded, selected: [{ ...recorded.selected[0], reference: 'YJ0004' }, ...recorded.selected.slice(1), { reference: 'V1', sample: 'victim' }] };
	const v = verifyDraw(rules2025(), asCases(rows()), 42, {}, swapped);
	assert.not.ok(v.ok);
	assert.equal(v.selection.missing, [recorded.selected[0].reference]);
	assert.equal(v.selection.extra, ['YJ0004']);
	assert.is(v.selection.otherSamples, 1);
});
Verify.run();
