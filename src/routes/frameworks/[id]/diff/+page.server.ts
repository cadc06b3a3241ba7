import type { PageServerLoad } from './$types';
import { listFrameworkVersions, openVersion } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { diffVersions } from '$lib/framework-diff';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requirePermission(locals.user, 'read');
	const versions = (await listFrameworkVersions()).filter((e) => e.id === params.id).map((e) => ({ version: e.version, status: e.status }));
	const from = url.searchParams.get('from') ?? '';
	const to = url.searchParams.get('to') ?? '';
	const errors: Record<string, string> = {};
	const known = (v: string) => versions.some((x) => x.version === v);
	if (url.searchParams.has('from') && !known(from)) errors.from = from ? `There is no version ${params.id}@${from}` : 'Choose the version to compare from';
	if (url.searchParams.has('to') && !known(to)) errors.to = to ? `There is no version ${params.id}@${to}` : 'Choose the version to compare with';
	const [a, b] = known(from) && known(to) ? await Promise.all([openVersion(params.id, from), openVersion(params.id, to)]) : [null, null];
	return { id: params.id, versions, from, to, errors, diff: a && b ? diffVersions(a.files, b.files) : null };
};
