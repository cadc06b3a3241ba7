import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { refusal } from '$lib/server/frameworks/framework-refusals';
import { publishDraft } from '$lib/server/frameworks/publish';
import { recordAudit } from '$lib/server/audit/audit';
import { dateParts, isoDate } from '$lib/inspection/dates';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePermission(locals.user, 'framework:publish');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	if (opened.entry.status === 'published') error(409, `${opened.entry.ref} is already published, and a published version is never changed.`);
	return { entry: opened.entry };
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const user = requirePermission(locals.user, 'framework:publish');
		const form = await request.formData();
		const values = { ...dateParts(form, 'effective'), summary: String(form.get('summary') ?? '').trim(), revision: Number(form.get('revision')) };
		const errors: Record<string, string> = {};
		const date = isoDate(values, 'The date it takes effect');
		const effectiveFrom = 'date' in date ? date.date : null;
		if ('error' in date) errors.effective = date.error;
		else if (!effectiveFrom) errors.effective = 'Enter the date this version takes effect';
		if (!values.summary) errors.summary = 'Enter a change summary: what changed from the version it is based on, and why';
		if (Object.keys(errors).length) return fail(400, { values, errors, issues: [] });
		const publishing = { id: params.id, version: params.version, revision: values.revision, effectiveFrom: effectiveFrom!, changeSummary: values.summary, by: user.name };
		try {
			const outcome = await publishDraft(publishing);
			if (!outcome.ok) return fail(400, { values, errors: { validation: 'This draft does not validate, so it cannot be published: fix these in the editor first' }, issues: outcome.errors });
			await recordAudit({ actor: user.name, action: 'framework.publish', target: { kind: 'framework', id: `${params.id}@${params.version}` }, summary: `published, effective from ${publishing.effectiveFrom}: ${values.summary}`, after: { hash: outcome.hash } });
		} catch (e) {
			const { status, message } = refusal(e);
			return fail(status, { values, errors: { validation: message }, issues: [] });
		}
		redirect(303, `/frameworks/${params.id}/${params.version}?published`);
	}
};
