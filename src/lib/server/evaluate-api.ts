// POST /api/evaluate: { "framework": "id@version", "inspection": { … } } → the engine's result,
// or 400 with every validation error (file, JSON pointer, message).
import { capIssues, evaluate, parseJson, validateInspection, type EvaluationResult, type Issue } from '../engine/index';
import { findVersion, loadFramework } from './frameworks';

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
	const found = findVersion(framework as string);
	if ('message' in found) return { status: 400, body: { errors: [problem('/framework', found.message)] } };
	const loaded = loadFramework(framework as string);
	if (!loaded.ok) return { status: 500, body: { errors: loaded.errors } };
	const checked = validateInspection(loaded.value, inspection, BODY, '/inspection');
	if (!checked.ok) return { status: 400, body: { errors: capIssues(checked.errors) } };
	return { status: 200, body: await evaluate(loaded.value, checked.value) };
}
