import type { PageServerLoad } from './$types';
import { listFrameworkVersions, inForce } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { inspectionFacts } from '$lib/server/inspections/inspections';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals.user, 'read');
	const asked = url.searchParams.get('on') ?? '';
	const today = new Date().toISOString().slice(0, 10);
	const valid = DAY.test(asked) && !Number.isNaN(Date.parse(asked));
	const on = valid ? asked : today;
	const entries = await listFrameworkVersions();
	const uses = new Map<string, number>();
	for (const { framework } of await inspectionFacts()) uses.set(framework, (uses.get(framework) ?? 0) + 1);
	const force = inForce(entries, on);
	const frameworks = [...new Set(entries.map((e) => e.id))].map((id) => ({
		id,
		inForce: force.get(id) ?? null,
		versions: entries
			.filter((e) => e.id === id)
			.map((e) => ({
				version: e.version,
				title: e.title,
				status: e.status,
				effectiveFrom: e.effectiveFrom,
				hash: e.hash,
				errors: e.errors.length,
				inspections: uses.get(e.ref) ?? 0
			}))
	}));
	return {
		frameworks,
		on,
		dateError: asked && !valid ? 'Enter a real date, like 2026-04-01' : null,
		asked,
		canEdit: user.roles.includes('methodology-lead')
	};
};
