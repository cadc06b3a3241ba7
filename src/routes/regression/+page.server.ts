import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { folderSource, uploadSource, UPLOAD_LIMITS } from '$lib/server/regression/golden-sources';
import { listRuns, startGoldenRun } from '$lib/server/regression/regression-runs';
import { allows } from '$lib/server/accounts/roles';
import { listRateableVersions, resolveVersion } from '$lib/server/frameworks/version-catalogue';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	canRun: allows(requirePermission(locals.user, 'read').roles, 'regression:run'),
	versions: await listRateableVersions(),
	limits: UPLOAD_LIMITS,
	runs: listRuns()
		.filter((r) => r.kind === 'golden')
		.map((r) => ({
			id: r.id,
			startedAt: r.startedAt,
			status: r.status,
			source: r.source.kind === 'folder' ? r.source.folder : 'uploaded files',
			framework: r.framework,
			total: r.total,
			failing: r.files.filter((f) => f.outcome && f.outcome.status !== 'pass' && f.outcome.status !== 'updated').length
		}))
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		requirePermission(locals.user, 'regression:run');
		const form = await request.formData();
		const sourceKind = String(form.get('source') ?? '');
		const folder = String(form.get('folder') ?? '');
		const framework = String(form.get('framework') ?? '');
		const values = { source: sourceKind, folder, framework };
		const errors: Record<string, string> = {};
		if (sourceKind !== 'folder' && sourceKind !== 'upload') errors.source = 'Choose where the golden files are: a folder in the project, or files you upload';

		let version = null;
		if (framework) {
			const loaded = await resolveVersion(framework);
			if (loaded.ok) version = loaded.value;
			else errors.framework = `Choose a framework version from the list (${loaded.errors[0].message})`;
		}
		if (Object.keys(errors).length) return fail(400, { errors, values });

		const id = randomUUID();
		const chosen = sourceKind === 'folder' ? folderSource(folder) : await uploadSource(form.getAll('files'), id);
		if (!chosen.ok) return fail(400, { errors: chosen.errors, values });
		startGoldenRun(id, chosen.source, version);
		redirect(303, `/regression/runs/${id}`);
	}
};
