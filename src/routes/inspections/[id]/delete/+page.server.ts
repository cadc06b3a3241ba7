import { error, fail, redirect } from '@sveltejs/kit';
import { inspections } from '$lib/server/inspections/inspections';
import { requirePermission, requireTeam } from '$lib/server/accounts/auth';
import { recordAudit } from '$lib/server/audit/audit';
import { NotFoundError, StaleRevisionError } from '$lib/server/storage/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const user = requirePermission(locals.user, 'inspection:delete');
	const doc = await inspections().get(params.id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	requireTeam(user, doc.value);
	return { id: doc.id, revision: doc.revision, serviceName: doc.value.serviceName, framework: doc.value.framework, updatedBy: doc.updatedBy, updatedAt: doc.updatedAt };
};

export const actions: Actions = {
	default: async ({ params, request, locals }) => {
		const user = requirePermission(locals.user, 'inspection:delete');
		const revision = Number((await request.formData()).get('revision'));
		const doc = await inspections().get(params.id);
		if (doc) requireTeam(user, doc.value);
		try {
			// audited before the file goes: a deletion is always in the trail
			await inspections().remove(params.id, revision, async (current) => {
				await recordAudit({ actor: user.name, action: 'inspection.delete', target: { kind: 'inspection', id: params.id }, summary: `inspection of ${current.value.serviceName} deleted`, before: { revision: current.revision, serviceName: current.value.serviceName, framework: current.value.framework }, after: null });
			});
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { stale: e.message });
			if (e instanceof NotFoundError) redirect(303, '/inspections');
			throw e;
		}
		redirect(303, `/inspections?deleted=${encodeURIComponent(doc?.value.serviceName ?? params.id)}`);
	}
};
