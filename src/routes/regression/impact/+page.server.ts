import { randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import type { FrameworkVersion } from '$lib/engine/types';
import { folderSource, uploadSource, UPLOAD_LIMITS } from '$lib/server/regression/golden-sources';
import { inspectionFacts } from '$lib/server/inspections/inspections';
import { listRuns, startImpactRun, type ImpactRun } from '$lib/server/regression/regression-runs';
import type { ImpactSource } from '$lib/server/regression/impact';
import { allows } from '$lib/server/accounts/roles';
import { listRateableVersions, resolveVersion } from '$lib/server/frameworks/version-catalogue';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	canRun: allows(requirePermission(locals.user, 'read').roles, 'regression:run'),
	versions: await listRateableVersions(),
	storedInspections: (await inspectionFacts()).length,
	limits: UPLOAD_LIMITS,
	runs: listRuns()
		.filter((r): r is ImpactRun => r.kind === 'impact')
		.map((r) => ({ id: r.id, startedAt: r.startedAt, status: r.status, from: r.from, to: r.to, total: r.total, changed: r.report?.changed.length ?? null }))
});

export const actions: Actions = {
	default: async ({ request, locals }) => {
		requirePermission(locals.user, 'regression:run');
		const form = await request.formData();
		const values = { source: String(form.get('source') ?? ''), folder: String(form.get('folder') ?? ''), from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') };
		const errors: Record<string, string> = {};
		if (!['inspections', 'folder', 'upload'].includes(values.source)) errors.source = 'Choose what to rate: stored inspections, or golden files';
		const loaded: Record<'from' | 'to', FrameworkVersion | null> = { from: null, to: null };
		for (const field of ['from', 'to'] as const) {
			const which = field === 'from' ? 'the version to compare from' : 'the version to compare with';
			if (!values[field]) {
				errors[field] = `Choose ${which}`;
				continue;
			}
			const version = await resolveVersion(values[field]);
			if (version.ok) loaded[field] = version.value;
			else errors[field] = `Choose ${which} from the list`;
		}
		if (!errors.from && !errors.to && values.from === values.to) errors.to = 'Choose a different version to compare with: the two are the same';
		if (Object.keys(errors).length) return fail(400, { errors, values });

		const id = randomUUID();
		let sources: ImpactSource[];
		let corpus: ImpactRun['corpus'];
		if (values.source === 'inspections') {
			const stored = await inspectionFacts();
			if (!stored.length) return fail(400, { errors: { source: 'There are no stored inspections yet: choose golden files instead' }, values });
			// each read where it is rated, as `npm run impact -- --inspections` does: no thread holds them all
			sources = stored.map((facts) => facts.id).sort().map((id): ImpactSource => ({ id, stored: true }));
			corpus = { kind: 'inspections' };
		} else {
			const chosen = values.source === 'folder' ? folderSource(values.folder) : await uploadSource(form.getAll('files'), id);
			if (!chosen.ok) return fail(400, { errors: chosen.errors, values });
			sources = chosen.source.files.map((f) => ({ file: f.file, label: f.label }));
			corpus = chosen.source.kind === 'folder' ? { kind: 'folder', folder: chosen.source.folder } : { kind: 'upload' };
		}
		startImpactRun(id, corpus, sources, loaded.from!, loaded.to!);
		redirect(303, `/regression/impact/${id}`);
	}
};
