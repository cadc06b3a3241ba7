import { error, fail, redirect } from '@sveltejs/kit';
import { describeChange } from '$lib/regression/expectations';
import { recordAudit } from '$lib/server/audit/audit';
import { requirePermission } from '$lib/server/accounts/auth';
import { expectationLabel, valueWords } from '$lib/regression/labels';
import { applyAccept, getRun, planAccept, type GoldenRun } from '$lib/server/regression/regression-runs';
import type { Actions, PageServerLoad } from './$types';

function goldenRun(id: string): GoldenRun {
	const run = getRun(id);
	if (!run || run.kind !== 'golden') error(404, 'There is no such run. Runs are kept while the app is running, the latest 20 of them.');
	return run;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	requirePermission(locals.user, 'regression:accept');
	const run = goldenRun(params.id);
	const index = Number(params.index);
	const plan = await planAccept(run, index);
	if (!plan.file) error(404, plan.ok ? 'No such file' : plan.message);
	const label = plan.file.label;
	const where = run.source.kind === 'folder' ? 'in the project folder' : 'uploaded for this run (download it afterwards)';
	if (!plan.ok) return { runId: run.id, index, label, where, problem: plan.message, hash: null, changes: [], hunks: [] };
	const titles = Object.fromEntries(Object.values(plan.file.outcome && 'actual' in plan.file.outcome ? plan.file.outcome.actual.standards : {}).map((s) => [s.id, s.title]));
	return {
		runId: run.id,
		index,
		label,
		where,
		problem: null,
		hash: plan.hash,
		changes: plan.changes.map((c) => ({ what: expectationLabel(c.what, titles), from: valueWords(c.from), to: c.to === undefined ? 'Removed (no such standard)' : valueWords(c.to) })),
		hunks: plan.hunks
	};
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'regression:accept');
		const run = goldenRun(params.id);
		const index = Number(params.index);
		const seen = String((await request.formData()).get('hash') ?? '');
		const accepted = await applyAccept(run, index, seen);
		if (!accepted.ok) return fail(409, { problem: accepted.message });
		const file = run.files[index];
		const where = run.source.kind === 'folder' ? `${run.source.folder}/${file.label}` : `uploaded ${file.label}`;
		await recordAudit({
			actor: user.name,
			action: 'golden.accept',
			target: { kind: 'golden-file', id: where },
			summary: `expectations of ${where} accepted from actual results: ${accepted.changes.map(describeChange).join('; ')}`,
			before: Object.fromEntries(accepted.changes.map((c) => [c.what, c.from ?? null])),
			after: Object.fromEntries(accepted.changes.map((c) => [c.what, c.to ?? null]))
		});
		redirect(303, `/regression/runs/${run.id}?accepted=${index}`);
	}
};
