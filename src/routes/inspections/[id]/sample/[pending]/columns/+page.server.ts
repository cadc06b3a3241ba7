import { error, fail, redirect } from '@sveltejs/kit';
import { LONGLIST_FIELDS, type LonglistField } from '$lib/sampling/index';
import { requirePermission } from '$lib/server/accounts/auth';
import { sampleContext, samplingOf } from '$lib/server/sampling/access';
import { heldFile, lostFile, pendingFor, pendingLonglists, release, type PendingLonglist } from '$lib/server/sampling/pending';
import { readUpload } from '$lib/server/sampling/upload';
import { StaleRevisionError } from '$lib/server/storage/store';
import type { Actions, PageServerLoad } from './$types';

const gone = 'This longlist is no longer kept (it is deleted after a draw or a day): upload it again.';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { user, doc } = await sampleContext(requirePermission(locals.user, 'inspection:edit'), params.id, true);
	const pending = await pendingFor(params.pending, doc.id, user.name);
	if (!pending) {
		// a file let go while its columns were to be mapped: the page says why, and offers nothing to map
		const lost = lostFile(params.pending, doc.id, user.name);
		if (!lost) error(404, gone);
		const none: { header: string[]; columns: PendingLonglist['columns'] } = { header: [], columns: {} };
		return { id: doc.id, pending: params.pending, serviceName: doc.value.serviceName, file: lost.file, ...none, from: null, why: null, lost: lost.reason };
	}
	return {
		id: doc.id,
		pending: pending.id,
		serviceName: doc.value.serviceName,
		file: pending.value.file,
		header: pending.value.header,
		columns: pending.value.columns,
		from: pending.value.from ?? null,
		why: pending.value.why ?? null,
		lost: null
	};
};

export const actions: Actions = {
	default: async ({ params, locals, request }) => {
		const { user, doc, framework } = await sampleContext(requirePermission(locals.user, 'inspection:edit'), params.id, true);
		const pending = await pendingFor(params.pending, doc.id, user.name);
		if (!pending) {
			if (lostFile(params.pending, doc.id, user.name)) return fail(410, { errors: {}, selected: {} }); // the page says why
			error(404, gone);
		}
		const form = await request.formData();
		const { header } = pending.value;
		const errors: Record<string, string> = {};
		const chosen: Partial<Record<LonglistField, number>> = {};
		for (const field of LONGLIST_FIELDS) {
			const value = String(form.get(field) ?? '');
			if (value === '') continue;
			// any column the file has (the heading row is within LONGLIST_LIMITS.columns)
			const index = /^\d{1,9}$/.test(value) ? Number(value) : -1;
			if (index < 0 || index >= header.length) errors[field] = `Select one of the file's headings for the ${field}`;
			else chosen[field] = index;
		}
		if (chosen.reference === undefined) errors.reference ??= 'Select the column that holds the case reference';
		if (chosen.stratum === undefined) errors.stratum ??= 'Select the column that holds the stratum';
		const used = new Map<number, LonglistField>();
		for (const field of LONGLIST_FIELDS) {
			const index = chosen[field];
			if (index === undefined) continue;
			const other = used.get(index);
			if (other) errors[field] ??= `"${header[index]}" is already the ${other} column: choose another for the ${field}`;
			used.set(index, field);
		}
		const selected = Object.fromEntries(Object.entries(chosen).map(([field, i]) => [field, String(i)]));
		if (Object.keys(errors).length) return fail(400, { errors, selected });
		const bytes = heldFile(pending.id);
		if (!bytes) return fail(410, { errors: {}, selected }); // let go since the page was shown: it says why
		const map: Record<string, LonglistField> = Object.create(null); // headings are the service's words, "__proto__" too
		for (const [field, i] of Object.entries(chosen) as [LonglistField, number][]) map[header[i]] = field;
		const read = await readUpload(bytes, pending.value.file, samplingOf(framework), map);
		// on the column it is about (a stratum the version does not name is the stratum column's)
		if (read.kind !== 'cases') return fail(400, { errors: { [read.kind === 'problem' ? (read.field ?? 'reference') : 'reference']: read.kind === 'problem' ? read.message : read.why }, selected });
		try {
			await pendingLonglists().update(pending.id, pending.revision, { ...pending.value, columns: read.columns, from: read.from, cases: read.cases, why: undefined }, user.name, 'columns mapped');
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { errors: { reference: 'The columns were mapped in another window a moment ago: look again.' }, selected });
			throw e;
		}
		release(pending.id);
		redirect(303, `/inspections/${doc.id}/sample/${pending.id}`);
	}
};
