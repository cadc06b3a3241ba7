import { error } from '@sveltejs/kit';
import { formatIssue } from '$lib/engine/errors';
import { describeChange } from '$lib/regression/expectations';
import { expectationLabel, valueWords } from '$lib/regression/labels';
import { requirePermission } from '$lib/server/accounts/auth';
import { getRun } from '$lib/server/regression/regression-runs';
import { allows } from '$lib/server/accounts/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, url, locals }) => {
	const user = requirePermission(locals.user, 'read');
	const run = getRun(params.id);
	if (!run || run.kind !== 'golden') error(404, 'There is no such run. Runs are kept while the app is running, the latest 20 of them.');
	const finished = run.status !== 'running';
	const files = finished
		? run.files.map((f, index) => {
				const o = f.outcome!;
				const base = { index, label: f.label, name: o.name ?? f.label, status: o.status, accepted: (f.accepted ?? []).map(describeChange) };
				if (o.status === 'invalid') return { ...base, framework: null, pinned: null, errors: o.errors.map((e) => ({ pointer: e.pointer || '/', message: e.message, line: formatIssue({ ...e, file: f.label }) })), differences: [], traces: [] };
				const titles = Object.fromEntries(Object.values(o.actual.standards).map((s) => [s.id, s.title]));
				const differences = o.differences.map((d) => ({ what: expectationLabel(d.what, titles), expected: valueWords(d.expected), actual: valueWords(d.actual) }));
				// The traces of what differs, each once: a standard's, or the composite's.
				const traces = [...new Set(o.differences.flatMap((d) => (d.trace ? d.trace.split('\n') : [])))];
				return { ...base, framework: o.framework, pinned: o.pinned, errors: [], differences, traces };
			})
		: [];
	const count = (...statuses: string[]) => files.filter((f) => statuses.includes(f.status)).length;
	return {
		run: {
			id: run.id,
			status: run.status,
			done: run.done,
			total: run.total,
			error: run.error,
			source: run.source.kind === 'folder' ? run.source.folder : 'Uploaded files',
			uploaded: run.source.kind === 'upload',
			framework: run.framework,
			startedAt: run.startedAt
		},
		files,
		counts: { passed: count('pass', 'updated'), failed: count('fail'), invalid: count('invalid') },
		accepted: url.searchParams.get('accepted'),
		canAccept: allows(user.roles, 'regression:accept')
	};
};
