import { requirePermission } from '$lib/server/accounts/auth';
import { json } from '@sveltejs/kit';
import { evaluateRequest } from '$lib/server/rating/evaluate-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	requirePermission(locals.user, 'api:evaluate');
	const response = await evaluateRequest(await request.text());
	return json(response.body, { status: response.status });
};
