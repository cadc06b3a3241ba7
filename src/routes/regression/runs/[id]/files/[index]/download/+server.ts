import { readFileSync } from 'node:fs';
import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { getRun } from '$lib/server/regression/regression-runs';
import type { RequestHandler } from './$types';

// Uploaded golden files live in the app's data folder: after "accept actual as expected" the
// tester takes the updated file back from here. Files from a project folder are edited in place.
export const GET: RequestHandler = ({ params, locals }) => {
	requirePermission(locals.user, 'regression:run');
	const run = getRun(params.id);
	const file = run?.kind === 'golden' && run.source.kind === 'upload' ? run.files[Number(params.index)] : undefined;
	if (!file) error(404, 'There is no such uploaded file');
	return new Response(readFileSync(file.file), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${file.label.replace(/[^A-Za-z0-9._-]/g, '_')}"`
		}
	});
};
