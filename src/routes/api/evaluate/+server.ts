import { requirePermission } from '$lib/server/accounts/auth';
import { evaluateAnswer } from '$lib/server/rating/evaluate-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, locals }) => {
	requirePermission(locals.user, 'api:evaluate');
	const answer = await evaluateAnswer(await request.text());
	return new Response(answer.text, { status: answer.status, headers: { 'content-type': 'application/json' } });
};
