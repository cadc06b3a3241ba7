import { json } from '@sveltejs/kit';
import { evaluateRequest } from '$lib/server/evaluate-api';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => {
	const response = await evaluateRequest(await request.text());
	return json(response.body, { status: response.status });
};
