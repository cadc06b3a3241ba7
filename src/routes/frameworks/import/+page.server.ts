import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { createDraft, newVersionProblem } from '$lib/server/storage/drafts';
import { requirePermission } from '$lib/server/accounts/auth';
import { refusal } from '$lib/server/frameworks/framework-refusals';
import { unzipVersion } from '$lib/server/frameworks/version-archive';
import { recordAudit } from '$lib/server/audit/audit';
import { VERSION_ZIP_BYTES, sizeInWords } from '$lib/server/http/body-limits';

export const load: PageServerLoad = ({ locals }) => {
	requirePermission(locals.user, 'framework:edit');
	return {};
};

export const actions: Actions = {
	/** A zip of a version's files becomes a draft, only once every file validates. */
	default: async ({ locals, request }) => {
		const user = requirePermission(locals.user, 'framework:edit');
		const file = (await request.formData()).get('archive');
		if (!(file instanceof File) || file.size === 0) return fail(400, { errors: { archive: 'Choose a zip file of a version' }, issues: [] });
		if (file.size > VERSION_ZIP_BYTES) return fail(400, { errors: { archive: `${file.name} is ${sizeInWords(file.size)}: a version's zip may be at most ${sizeInWords(VERSION_ZIP_BYTES)}` }, issues: [] });
		const read = unzipVersion(new Uint8Array(await file.arrayBuffer()), file.name);
		if (!read.ok) return fail(400, { errors: { archive: `${file.name} is not a valid version: nothing was imported` }, issues: read.errors });
		const files = read.value;
		const meta = files['framework.json'] as Record<string, unknown> & { id: string; version: string };
		const problem = await newVersionProblem(meta.id, meta.version);
		if (problem) return fail(400, { errors: { archive: `${meta.id}@${meta.version}: ${problem}` }, issues: [] });
		// an imported version is a draft until it is published here
		meta.status = 'draft';
		try {
			await createDraft(files, user.name, `imported from ${file.name}`);
		} catch (e) {
			return fail(refusal(e).status, { errors: { archive: refusal(e).message }, issues: [] });
		}
		await recordAudit({ actor: user.name, action: 'framework.import', target: { kind: 'framework', id: `${meta.id}@${meta.version}` }, summary: `imported from ${file.name}` });
		redirect(303, `/frameworks/${meta.id}/${meta.version}`);
	}
};
