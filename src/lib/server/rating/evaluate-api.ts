// POST /api/evaluate: { "framework": "id@version", "inspection": { … } } → the engine's result,
// or 400 with every validation error (file, JSON pointer, message).
import { capIssues, parseJson, type EvaluationResult, type Issue } from '../../engine/index';
import { rate } from './rating';

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
