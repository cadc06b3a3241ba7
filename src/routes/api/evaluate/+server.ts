import { requirePermission } from '$lib/server/auth';
import { json } from '@sveltejs/kit';
import { evaluateRequest } from '$lib/server/evaluate-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	requirePermission(locals.user, 'api:evaluate');
	const response = await evaluateRequest(await request.text());
	return json(response.body, { status: response.status });
};
