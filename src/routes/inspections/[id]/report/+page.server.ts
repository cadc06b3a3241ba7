import { error } from '@sveltejs/kit';
import { promptCounts } from '$lib/inspection/report';
import { loadFramework } from '$lib/server/frameworks/frameworks';
import { inspections } from '$lib/server/inspections/inspections';
import { storedResult } from '$lib/server/rating/stored-rating';
import { knownVersion } from '$lib/inspection/framework-content';
import { requirePermission } from '$lib/server/accounts/auth';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const doc = await inspections().get(params.id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	const loaded = loadFramework(doc.value.framework);
	if (!loaded.ok) error(500, `The framework version this inspection is pinned to cannot be read: ${loaded.errors[0].message}`);
	return {
		id: doc.id,
		revision: doc.revision,
		updatedAt: doc.updatedAt,
		record: doc.value,
		// not the version itself: the page's universal load finds it by this, as the workspace's does
		frameworkContent: knownVersion(loaded.value),
		result: await storedResult(doc, loaded.value),
		prompts: await promptCounts(loaded.value, doc.value.evidence)
	};
};
