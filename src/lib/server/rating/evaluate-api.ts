// POST /api/evaluate: { "framework": "id@version", "inspection": { … } } → the engine's result,
// or 400 with every validation error (file, JSON pointer, message).
import { capIssues, parseJson, type EvaluationResult, type Issue } from '../../engine/index';
import { createHash } from 'node:crypto';
import { Memo } from './memo';
import { rate, versionFor } from './rating';

const BODY = 'request body';

export type EvaluateResponse = { status: 200; body: EvaluationResult } | { status: 400 | 500; body: { errors: Issue[] } };

const problem = (pointer: string, message: string): Issue => ({ file: BODY, pointer, message, severity: 'error' });

export async function evaluateRequest(text: string): Promise<EvaluateResponse> {
	const parsed = parseJson(text, BODY);
	if (!parsed.ok) return { status: 400, body: { errors: parsed.errors } };
	const body = parsed.value;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { status: 400, body: { errors: [problem('', 'must be an object with "framework" and "inspection"')] } };
	const { framework, inspection, ...rest } = body as Record<string, unknown>;
	const errors = Object.keys(rest).map((key) => problem(`/${key}`, `unknown property "${key}" (expected "framework" and "inspection")`));
	if (typeof framework !== 'string' || !framework.includes('@')) errors.push(problem('/framework', 'must be a framework version as "id@version", e.g. "hmip-youth@2025"'));
	if (inspection === undefined) errors.push(problem('', 'missing required property "inspection"'));
	if (errors.length) return { status: 400, body: { errors: capIssues(errors) } };
	const rated = await rate(framework as string, { inspection, file: BODY, at: '/inspection' });
	if (rated.ok) return { status: 200, body: rated.result };
	if (rated.stage === 'find') return { status: 400, body: { errors: rated.errors.map((e) => problem('/framework', e.message)) } };
	return { status: rated.stage === 'load' ? 500 : 400, body: { errors: capIssues(rated.errors) } };
}

/** An answer as the route sends it: the status and the JSON text. */
export interface EvaluateAnswer {
	status: number;
	text: string;
}

// Results by the request body's sha256, each with the version it was rated by: the same body
// rated by the same content is the same result, so it is rated once (while kept) and serialised once.
const rated = new Memo<{ ref: string; hash: string; text: string }>(16 * 1024 * 1024, (entry) => entry.text.length * 2);

/** evaluateRequest's answer as JSON text; a body already rated by the same version content is answered from memory. */
export async function evaluateAnswer(text: string): Promise<EvaluateAnswer> {
	const key = createHash('sha256').update(text).digest('hex');
	const known = rated.get(key);
	if (known) {
		const version = versionFor(known.ref);
		if (version.ok && version.value.hash === known.hash) return { status: 200, text: known.text };
	}
	const response = await evaluateRequest(text);
	const answer = { status: response.status, text: JSON.stringify(response.body) };
	if (response.status === 200) {
		// the result names the version it was rated by, and that version's content hash
		const { framework, hash } = response.body as EvaluationResult;
		rated.set(key, { ref: framework, hash, text: answer.text });
	}
	return answer;
}
