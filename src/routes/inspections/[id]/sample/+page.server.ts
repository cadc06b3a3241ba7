import { randomInt, randomUUID } from 'node:crypto';
import { fail, redirect } from '@sveltejs/kit';
import { allows } from '$lib/server/accounts/roles';
import { requirePermission } from '$lib/server/accounts/auth';
import { onTeam } from '$lib/inspection/record';
import { sizeInWords } from '$lib/server/http/body-limits';
import { sampleContext, samplingOf } from '$lib/server/sampling/access';
import { sampleLabels } from '$lib/server/sampling/labels';
import { hold, lostFiles, pendingList, pendingLonglists, release } from '$lib/server/sampling/pending';
import { readUpload } from '$lib/server/sampling/upload';
import { LONGLIST_LIMITS, MAX_SEED } from '$lib/sampling/index';
import { currentDraws } from '$lib/sampling/draw-edit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, url }) => {
	const { user, doc, framework } = await sampleContext(requirePermission(locals.user, 'read'), params.id, false);
	const mayDraw = allows(user.roles, 'inspection:edit') && onTeam(doc.value, user.name);
	const cases = doc.value.evidence.cases ?? [];
	return {
		id: doc.id,
		serviceName: doc.value.serviceName,
		framework: `${framework.meta.id}@${framework.meta.version}`,
		frameworkTitle: framework.meta.title,
		hasSampling: !!framework.sampling,
		draws: doc.value.draws ?? [],
		current: currentDraws(doc.value.draws ?? []),
		labels: sampleLabels(framework),
		cases: { total: cases.length, answered: cases.filter((c) => c.answers && Object.keys(c.answers).length).length },
		mayDraw,
		pending: mayDraw ? (await pendingList(doc.id, user.name)).map((p) => ({ id: p.id, file: p.value.file, at: p.createdAt, cases: p.value.cases?.length ?? null })) : [],
		lost: mayDraw ? lostFiles(doc.id, user.name) : [],
		limits: { bytes: sizeInWords(LONGLIST_LIMITS.bytes), rows: LONGLIST_LIMITS.rows },
		drawn: url.searchParams.has('drawn'),
		// the file's name, from the address: shown as text, and no longer than a file name is kept
		discarded: url.searchParams.get('discarded')?.slice(0, 200) ?? null,
		/** a discard asked for a longlist no longer kept: drawn from, or discarded, in another tab */
		gone: url.searchParams.has('gone')
	};
};

export const actions: Actions = {
	upload: async ({ params, locals, request }) => {
		const { user, doc, framework } = await sampleContext(requirePermission(locals.user, 'inspection:edit'), params.id, true);
		const rules = samplingOf(framework);
		const file = (await request.formData()).get('longlist');
		if (!(file instanceof File) || !file.size) return fail(400, { errors: { longlist: 'Select the longlist: a .csv file or an .xlsx workbook' } });
		const name = (file.name || 'longlist').slice(0, 200);
		if (file.size > LONGLIST_LIMITS.bytes) return fail(400, { errors: { longlist: `${name} is ${sizeInWords(file.size)}: a longlist may be at most ${sizeInWords(LONGLIST_LIMITS.bytes)}` } });
		if (!/\.(csv|xlsx)$/i.test(name)) return fail(400, { errors: { longlist: `${name} is not a .csv file or an .xlsx workbook` } });
		const bytes = new Uint8Array(await file.arrayBuffer());
		const read = await readUpload(bytes, name, rules);
		if (read.kind === 'problem') return fail(400, { errors: { longlist: `${name}: ${read.message}` } });
		// held before the pending longlist exists, so it is never listed without its file
		const id = randomUUID();
		if (read.kind === 'columns') {
			const refused = hold(id, { by: user.name, inspection: doc.id, file: name }, bytes);
			if (refused) return fail(503, { errors: { longlist: `${name}: ${refused}` } });
		}
		try {
			await pendingLonglists().create(
				{
					inspection: doc.id,
					by: user.name,
					file: name,
					header: read.header,
					columns: read.columns,
					...(read.from ? { from: read.from } : {}),
					cases: read.kind === 'cases' ? read.cases : null,
					marked: [],
					seed: randomInt(0, MAX_SEED + 1),
					...(read.kind === 'columns' ? { why: read.why } : {})
				},
				user.name,
				`uploaded ${name}`,
				id
			);
		} catch (e) {
			release(id);
			throw e;
		}
		redirect(303, `/inspections/${doc.id}/sample/${id}${read.kind === 'columns' ? '/columns' : ''}`);
	}
};
