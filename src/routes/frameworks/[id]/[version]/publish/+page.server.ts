import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { openVersion } from '$lib/server/catalog';
import { access, pageAccess, refusal } from '$lib/server/framework-access';
import { publishDraft } from '$lib/server/publish';
import { recordAudit } from '$lib/server/audit';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	pageAccess(locals, url, 'framework:publish');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	if (opened.entry.status === 'published') error(409, `${opened.entry.ref} is already published, and a published version is never changed.`);
	return { entry: opened.entry };
};

const pad = (s: string) => s.padStart(2, '0');

/** A GOV.UK date input's three fields as yyyy-mm-dd, or what is wrong with them. */
function readDate(day: string, month: string, year: string): { date: string } | { error: string } {
	if (!day && !month && !year) return { error: 'Enter the date this version takes effect' };
	if (!day || !month || !year) return { error: `The date must include a ${[!day && 'day', !month && 'month', !year && 'year'].filter(Boolean).join(' and ')}` };
	if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { error: 'The date must be a real date, like 1 4 2026' };
	const date = `${year}-${pad(month)}-${pad(day)}`;
	const parsed = new Date(`${date}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return { error: 'The date must be a real date, like 1 4 2026' };
	return { date };
}

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const user = access(locals, 'framework:publish');
		const form = await request.formData();
		const values = {
			day: String(form.get('effective-day') ?? '').trim(),
			month: String(form.get('effective-month') ?? '').trim(),
			year: String(form.get('effective-year') ?? '').trim(),
			summary: String(form.get('summary') ?? '').trim(),
			revision: Number(form.get('revision'))
		};
		const errors: Record<string, string> = {};
		const date = readDate(values.day, values.month, values.year);
		if ('error' in date) errors['effective-day'] = date.error;
		if (!values.summary) errors.summary = 'Enter a change summary: what changed from the version it is based on, and why';
		if (Object.keys(errors).length) return fail(400, { values, errors, issues: [] });
		const request_ = { id: params.id, version: params.version, revision: values.revision, effectiveFrom: (date as { date: string }).date, changeSummary: values.summary, by: user.name };
		try {
			const outcome = await publishDraft(request_);
			if (!outcome.ok) return fail(400, { values, errors: { validation: 'This draft does not validate, so it cannot be published: fix these in the editor first' }, issues: outcome.errors });
			await recordAudit({ actor: user.name, action: 'framework.publish', target: { kind: 'framework', id: `${params.id}@${params.version}` }, summary: `published, effective from ${request_.effectiveFrom}: ${values.summary}`, after: { hash: outcome.hash } });
		} catch (e) {
			const { status, message } = refusal(e);
			return fail(status, { values, errors: { validation: message }, issues: [] });
		}
		redirect(303, `/frameworks/${params.id}/${params.version}?published`);
	}
};
