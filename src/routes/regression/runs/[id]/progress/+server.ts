import { error, json } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { getRun } from '$lib/server/regression/regression-runs';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const run = getRun(params.id);
	if (!run) error(404, 'No such run');
	return json({ status: run.status, done: run.done, total: run.total }, { headers: { 'cache-control': 'no-store' } });
};
