// Asks before a longlist is discarded: the file, its mapped columns and the exclusions marked on
// the review page are gone once it is, and only uploading it again (and marking them again) brings them back.
import { error, redirect } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { sampleContext } from '$lib/server/sampling/access';
import { discard, pendingFor } from '$lib/server/sampling/pending';
import type { Actions, PageServerLoad } from './$types';

const gone = 'This longlist is no longer kept (it is deleted after a draw or a day): there is nothing to discard.';

export const load: PageServerLoad = async ({ params, locals }) => {
	const { user, doc } = await sampleContext(requirePermission(locals.user, 'inspection:edit'), params.id, true);
	const pending = await pendingFor(params.pending, doc.id, user.name);
	if (!pending) error(404, gone);
	const { file, cases, marked } = pending.value;
	return {
		id: doc.id,
		pending: pending.id,
		serviceName: doc.value.serviceName,
		file,
		cases: cases?.length ?? null,
		marked: marked.length,
		// back to the step it came from: the review, or the columns still to map
		back: `/inspections/${doc.id}/sample/${pending.id}${cases ? '' : '/columns'}`
	};
};

export const actions: Actions = {
	default: async ({ params, locals }) => {
		const { user, doc } = await sampleContext(requirePermission(locals.user, 'inspection:edit'), params.id, true);
		const pending = await pendingFor(params.pending, doc.id, user.name);
		// gone already (drawn from or discarded in another tab): nothing is left to discard, and the page says so rather than claim it
		if (!pending) redirect(303, `/inspections/${doc.id}/sample?gone`);
		await discard(pending);
		redirect(303, `/inspections/${doc.id}/sample?discarded=${encodeURIComponent(pending.value.file)}`);
	}
};
