import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { getRun } from '$lib/server/regression/regression-runs';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const run = getRun(params.id);
	if (!run || run.kind !== 'impact') error(404, 'There is no such comparison. They are kept while the app is running, the latest 20 runs.');
	return {
		run: {
			id: run.id,
			status: run.status,
			done: run.done,
			total: run.total,
			error: run.error,
			from: run.from,
			to: run.to,
			corpus: run.corpus.kind === 'inspections' ? 'Stored inspections' : run.corpus.kind === 'folder' ? `Golden files in ${run.corpus.folder}` : 'Uploaded golden files'
		},
		report: run.report ?? null
	};
};
