// The editor's "try it" panel: one condition of the draft being edited (unsaved edits included)
// run against a golden file, a stored inspection or pasted evidence, saying whether it fires and why.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/accounts/auth';
import { versionFromFiles } from '$lib/server/frameworks/frameworks';
import { pastedEvidence, readEvidence } from '$lib/server/rating/evidence-sources';
import { rateWith } from '$lib/server/rating/rating';
import { capIssues, caseFacts, explainCondition, parseJson, stageFacts, validateAgainst, type Condition, type Issue, type KeyQuestion, type TryStage } from '$lib/engine/index';

const STAGES = ['result', 'limiter', 'rated', 'relevance'];

/** A condition checked against the rule format's schema (as a limiter's, the simplest place one sits). */
function checkCondition(condition: unknown) {
	const source = { document: 'x', section: 'x' };
	const rules = { discretion: { source, maxSteps: 1, triggers: [] }, limiters: [{ id: 'x', text: 'x', source, when: condition, cap: 'x' }] };
	const at = '/limiters/0/when';
	return validateAgainst('rules', rules, 'condition').map((i) => ({ ...i, pointer: i.pointer.startsWith(at) ? i.pointer.slice(at.length) : i.pointer }));
}

export const POST: RequestHandler = async ({ locals, request }) => {
	requirePermission(locals.user, 'framework:edit');
	const problem = (message: string, issues: Issue[] = []) => json({ ok: false, message, issues: capIssues(issues) }, { status: 400 });
	// Read with the depth limit: a condition nested thousands deep would overflow every walk of it below.
	const parsed = parseJson(await request.text(), 'request body');
	if (!parsed.ok) return problem(`The request cannot be read: ${parsed.errors[0].message}.`, parsed.errors);
	const body = (parsed.value ?? {}) as { files?: Record<string, unknown>; condition?: unknown; stage?: string; evidence?: string; pasted?: string; keyQuestion?: string };
	if (!body.files || typeof body.files !== 'object') return problem('Send the draft files.');
	if (!STAGES.includes(body.stage ?? '')) return problem(`The stage must be one of ${STAGES.join(', ')}.`);
	const conditionIssues = checkCondition(body.condition);
	if (conditionIssues.length) return problem('This condition is not complete yet: fix it in the builder first.', conditionIssues);
	const condition = body.condition as Condition;
	const version = versionFromFiles(body.files, 'draft');
	if (!version.ok) return problem('The draft has validation errors: fix them to try its rules against evidence.', version.errors);
	const evidence = body.pasted?.trim() ? pastedEvidence(body.pasted) : await readEvidence(body.evidence ?? '');
	if (!evidence.ok) return problem('This evidence cannot be read.', evidence.errors);
	const rated = await rateWith(version.value, evidence.value);
	if (!rated.ok) return problem(`This evidence does not fit ${version.value.meta.id}@${version.value.meta.version}.`, rated.errors);
	const { inspection, result } = rated;
	const summary = {
		standards: Object.values(result.standards).map((s) => ({ id: s.id, final: s.final })),
		composite: { rating: result.composite.rating, score: result.composite.score, max: result.composite.max, limiter: result.composite.limiter, trace: result.composite.trace }
	};
	if (body.stage === 'relevance') {
		const kq = version.value.domains.flatMap((d) => d.standards).flatMap((s) => s.keyQuestions).find((k) => k.id === body.keyQuestion) as KeyQuestion | undefined;
		const samples = kq?.samples ?? [];
		const cases = await Promise.all(
			caseFacts(inspection).map(async (c) => {
				const outcome = await explainCondition(condition, c.facts);
				const inSample = samples.includes(c.sample);
				return { id: c.id, sample: c.sample, inSample, fires: inSample && outcome.result === true, outcome };
			})
		);
		return json({ ok: true, stage: body.stage, cases, fires: cases.some((c) => c.fires), summary });
	}
	const outcome = await explainCondition(condition, stageFacts(version.value, inspection, result, body.stage as TryStage));
	return json({ ok: true, stage: body.stage, fires: outcome.result === true, outcome, summary });
};
