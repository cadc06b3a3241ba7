import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { copyAsDraft, createDraft, newVersionProblem } from '$lib/server/storage/drafts';
import { requirePermission } from '$lib/server/accounts/auth';
import { refusal } from '$lib/server/frameworks/framework-refusals';
import { recordAudit } from '$lib/server/audit/audit';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePermission(locals.user, 'framework:edit');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	return { entry: opened.entry };
};

export const actions: Actions = {
	default: async ({ locals, request, params }) => {
		const user = requirePermission(locals.user, 'framework:edit');
		const version = String((await request.formData()).get('version') ?? '').trim();
		const opened = await openVersion(params.id, params.version);
		if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
		const problem = await newVersionProblem(params.id, version);
		if (problem) return fail(400, { version, errors: { version: problem } });
		try {
			await createDraft(copyAsDraft(opened.files, version), user.name, `drafted from ${opened.entry.ref}`);
		} catch (e) {
			return fail(refusal(e).status, { version, errors: { version: refusal(e).message } });
		}
		await recordAudit({ actor: user.name, action: 'framework.draft', target: { kind: 'framework', id: `${params.id}@${version}` }, summary: `drafted from ${opened.entry.ref}` });
		redirect(303, `/frameworks/${params.id}/${version}/edit`);
	}
};
