import { randomInt } from 'node:crypto';
import { error, fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/accounts/actor';
import { requirePermission, type SignedIn } from '$lib/server/accounts/auth';
import { auditSave } from '$lib/server/audit/inspection-audit';
import { saveEdits } from '$lib/server/inspections/inspections';
import { sampleContext, samplingOf } from '$lib/server/sampling/access';
import { sampleLabels } from '$lib/server/sampling/labels';
import { discard, lostFile, pendingFor, pendingLonglists, type PendingLonglist } from '$lib/server/sampling/pending';
import { InvalidDocumentError, NotFoundError, StaleRevisionError, type Stored } from '$lib/server/storage/store';
import { REASON_CHARS, type LonglistEntry } from '$lib/sampling/draw-edit';
import { groupsOf, MAX_SEED, planSample, type LonglistCase, type SamplingRules } from '$lib/sampling/index';
import type { Edit } from '$lib/inspection/edits';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Longlist rows shown on the page. */
const SHOWN = 1000;

const gone = 'This longlist is no longer kept (it is deleted after a draw or a day): upload it again.';

/** The longlist's cases with the exclusions marked on the page: the same list the draw is made from. */
function entriesOf(pending: PendingLonglist): LonglistEntry[] {
	const marked = new Map(pending.marked.map((m) => [m.reference, m.reason]));
	return (pending.cases ?? []).map(({ reference, group, excluded, reason }) => {
		const mark = marked.get(reference);
		if (excluded) return { reference, group, excluded: true, reason };
		return mark === undefined ? { reference, group } : { reference, group, excluded: true, reason: mark };
	});
}

function casesOf(rules: SamplingRules, entries: LonglistEntry[]): LonglistCase[] {
	const sampleOf = new Map<string, string>();
	for (const s of rules.samples) for (const id of [s.id, ...s.strata.map((t) => t.id)]) sampleOf.set(id, s.id);
	return entries.map((e, i) => ({ row: i + 2, reference: e.reference, group: e.group, sample: sampleOf.get(e.group) ?? '', excluded: !!e.excluded, ...(e.excluded ? { reason: e.reason } : {}) }));
}

/** The reasons a case may be excluded for: each sample's, as sampling.json words them. */
function reasonsOf(rules: SamplingRules): { id: string; reason: string }[] {
	const seen = new Map<string, string>();
	for (const s of rules.samples) for (const e of s.exclusions ?? []) if (!seen.has(e.id)) seen.set(e.id, e.reason);
	return [...seen].map(([id, reason]) => ({ id, reason }));
}

/** `user`: the handler's own requirePermission, so every handler visibly checks the role. */
async function context(event: RequestEvent, user: SignedIn) {
	const { doc, framework } = await sampleContext(user, event.params.id, true);
	const pending = await pendingFor(event.params.pending, doc.id, user.name);
	// a file let go before its columns were mapped: its own page says why
	if (!pending && lostFile(event.params.pending, doc.id, user.name)) redirect(303, `/inspections/${doc.id}/sample/${event.params.pending}/columns`);
	if (!pending) error(404, gone);
	return { user, doc, framework, rules: samplingOf(framework), pending };
}

export const load: PageServerLoad = async (event) => {
	const { doc, framework, rules, pending } = await context(event, requirePermission(event.locals.user, 'inspection:edit'));
	if (!pending.value.cases) redirect(303, `/inspections/${doc.id}/sample/${pending.id}/columns`);
	const entries = entriesOf(pending.value);
	// The sizes do not depend on the seed: the seed only picks which cases fill them.
	const plan = planSample(rules, casesOf(rules, entries), 0);
	// the cases a draw of this longlist would replace: those in the framework samples it draws
	const drawn = new Set(plan.samples.flatMap(({ size }) => groupsOf(rules.samples.find((s) => s.id === size.sample)!).map((g) => g.sample)));
	const cases = (doc.value.evidence.cases ?? []).filter((c) => drawn.has(c.sample));
	const marked = new Set(pending.value.marked.map((m) => m.reference));
	return {
		id: doc.id,
		revision: doc.revision,
		pending: pending.id,
		pendingRevision: pending.revision,
		serviceName: doc.value.serviceName,
		file: pending.value.file,
		columns: pending.value.columns,
		from: pending.value.from ?? null,
		labels: sampleLabels(framework),
		samples: plan.samples.map(({ size }) => {
			const sample = rules.samples.find((s) => s.id === size.sample)!;
			return {
				id: size.sample,
				label: size.label,
				eligible: size.eligible,
				size: size.size,
				steps: size.steps.map((s) => s.text),
				allocation: size.allocation.map((a) => ({ group: a.group, label: a.label, eligible: a.eligible, allocated: a.allocated })),
				warnings: size.warnings.map((w) => w.message),
				bounds: sample.bounds,
				gap: sample.sizing.gap ?? null
			};
		}),
		// the page lists the first cases only: a longlist may have thousands
		longlist: entries.slice(0, SHOWN),
		total: entries.length,
		excluded: entries.filter((e) => e.excluded).map((e) => ({ ...e, marked: marked.has(e.reference) })),
		reasons: reasonsOf(rules),
		existing: { total: cases.length, answered: cases.filter((c) => c.answers && Object.keys(c.answers).length).length },
		// the server's proposal, kept with the longlist; one uploaded before proposals were kept gets a fresh one, and its draw says the proposal is not recorded
		seed: pending.value.seed ?? randomInt(0, MAX_SEED + 1),
		limits: { reason: REASON_CHARS }
	};
};

/** Change the exclusions marked on the page, if nobody has changed them since the page was shown. */
async function mark(pending: Stored<PendingLonglist>, revision: number, marked: PendingLonglist['marked'], by: string, change: string) {
	try {
		await pendingLonglists().update(pending.id, revision, { ...pending.value, marked }, by, change);
		return null;
	} catch (e) {
		if (e instanceof StaleRevisionError) return 'The exclusions were changed in another window a moment ago: look again, then try once more.';
		throw e;
	}
}

/** Why a draw from an older page is refused: what changed since, and by whom. */
function changedSince(pending: Stored<PendingLonglist>, shown: number): string {
	const others = Number.isInteger(shown) && shown > 0 && shown < pending.revision ? pending.revision - shown - 1 : 0;
	const more = others ? ` (and ${others} other ${others === 1 ? 'change' : 'changes'} before that)` : '';
	return `Not drawn: since this page was shown, ${pending.updatedBy} ${pending.change} in another window${more}. The exclusions below are as they are now: look at them, then draw.`;
}

/**
 * Why a draw was refused because the inspection changed after the page was shown: who changed
 * what, and what became of this draw. Nothing was drawn; the longlist and its exclusions are
 * still kept, and what was typed is filled in again, so drawing again is one press away, and
 * would replace what the other person did, so look first.
 */
function changedMeanwhile(current: Stored<unknown>): string {
	const at = new Date(current.updatedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
	return `Not drawn: ${current.updatedBy} changed this inspection at ${at} UTC (${current.change}) after this page was shown. Nothing was drawn from this longlist: it is still here with its exclusions, and what you entered is filled in below. Look at the case sample to see what they did, then draw here again only if it is still needed.`;
}

export const actions: Actions = {
	exclude: async (event) => {
		const { user, pending, rules } = await context(event, requirePermission(event.locals.user, 'inspection:edit'));
		const form = await event.request.formData();
		const reference = String(form.get('reference') ?? '').trim();
		const code = String(form.get('reason') ?? '');
		const other = String(form.get('other') ?? '').trim();
		const values = { reference, reason: code, other };
		const errors: Record<string, string> = {};
		const entry = (pending.value.cases ?? []).find((c) => c.reference === reference);
		if (!reference) errors.reference = 'Enter the reference of the case to exclude';
		else if (!entry) errors.reference = `There is no case "${reference.slice(0, 100)}" on the longlist`;
		else if (entry.excluded || pending.value.marked.some((m) => m.reference === reference)) errors.reference = `Case ${reference} is already excluded`;
		const known = reasonsOf(rules).find((r) => r.id === code);
		let reason = '';
		if (known) reason = known.reason;
		else if (code === 'other') {
			if (!other) errors.other = 'Enter the reason for excluding the case';
			else if (other.length > REASON_CHARS) errors.other = `The reason must be ${REASON_CHARS} characters or fewer`;
			else reason = other;
		} else errors['reason-0'] = 'Select the reason for excluding the case';
		if (Object.keys(errors).length) return fail(400, { exclude: { errors, values } });
		const stale = await mark(pending, Number(form.get('pendingRevision')), [...pending.value.marked, { reference, reason }], user.name, `excluded ${reference}`);
		if (stale) return fail(409, { exclude: { errors: { reference: stale }, values } });
		redirect(303, `/inspections/${event.params.id}/sample/${pending.id}?excluded=${encodeURIComponent(reference)}#exclusions`);
	},
	include: async (event) => {
		const { user, pending } = await context(event, requirePermission(event.locals.user, 'inspection:edit'));
		const form = await event.request.formData();
		const reference = String(form.get('reference') ?? '');
		const stale = await mark(pending, Number(form.get('pendingRevision')), pending.value.marked.filter((m) => m.reference !== reference), user.name, `included ${reference}`);
		if (stale) return fail(409, { include: { error: stale } });
		redirect(303, `/inspections/${event.params.id}/sample/${pending.id}#exclusions`);
	},
	draw: async (event) => {
		const { doc, pending, rules } = await context(event, requirePermission(event.locals.user, 'inspection:edit'));
		const form = await event.request.formData();
		const seedText = String(form.get('seed') ?? '').trim();
		const reason = String(form.get('reason') ?? '').trim();
		const values: Record<string, string> = { seed: seedText, reason };
		const errors: Record<string, string> = {};
		if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > MAX_SEED) errors.seed = `Enter the seed as a whole number from 0 to ${MAX_SEED}`;
		const sizes: Record<string, number> = Object.create(null); // ids are checked against the version by the edit
		for (const sample of rules.samples) {
			const raw = form.get(`size-${sample.id}`);
			if (raw === null) continue;
			values[`size-${sample.id}`] = String(raw);
			const text = String(raw).trim();
			if (!/^\d{1,6}$/.test(text)) errors[`size-${sample.id}`] = `Enter the size of the ${sample.label} sample as a whole number`;
			else sizes[sample.id] = Number(text);
		}
		if (Object.keys(errors).length) return fail(400, { draw: { errors, values } });
		// the draw is made from the exclusions the page showed, or not at all
		const shown = Number(form.get('pendingRevision'));
		if (shown !== pending.revision) return fail(409, { draw: { errors: { draw: changedSince(pending, shown) }, values } });
		// and onto the inspection the page showed: checked before the draw is tried on what is there now, whose refusals
		// (a reason wanted for a redraw, say) would be about a change this person has not seen
		const revision = Number(form.get('revision'));
		if (revision !== doc.revision) return fail(409, { draw: { errors: { draw: changedMeanwhile(doc) }, values } });
		const edit: Edit = { type: 'draw', seed: Number(seedText), longlist: entriesOf(pending.value), reason: reason || null, file: pending.value.file, sizes };
		const actor = actorOf(event);
		try {
			// Audited before the file changes (the draw with its seed too), as the workspace's saves are.
			// The proposed seed is the pending longlist's, never a form field's.
			await saveEdits(event.params.id, revision, [edit], actor, (before, after) => auditSave(before, after, actor), { proposedSeed: pending.value.seed });
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { draw: { errors: { draw: changedMeanwhile(e.current) }, values } });
			if (e instanceof InvalidDocumentError) {
				for (const issue of e.issues) {
					const field = issue.pointer === '/seed' ? 'seed' : issue.pointer === '/reason' ? 'reason' : issue.pointer.startsWith('/sizes/') ? `size-${issue.pointer.slice(7)}` : 'draw';
					errors[field] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
				}
				return fail(400, { draw: { errors, values } });
			}
			if (e instanceof NotFoundError) error(404, 'There is no such inspection: it may have been deleted.');
			throw e;
		}
		await discard(pending);
		redirect(303, `/inspections/${event.params.id}/sample?drawn`);
	}
};
