import type { PageServerLoad } from './$types';
import { listFrameworkVersions, openVersion } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { diffVersions, type VersionDiff } from '$lib/framework-diff';

/**
 * Diffs already made, by the two versions' content hashes: the same two contents always give the
 * same diff, and a draft changed since has another hash, so nothing here is ever stale. Filled
 * and read synchronously; the oldest goes first.
 */
const made = new Map<string, VersionDiff>();
const KEEP = 16;

/** What the page shows of a diff: a rewording is shown word by word, so its whole old and new texts stay behind. */
function forPage(diff: VersionDiff): VersionDiff {
	return { ...diff, sections: diff.sections.map((s) => ({ ...s, changes: s.changes.map(({ from, to, ...c }) => (c.words ? c : { ...c, from, to })) })) };
}

function diffOf(a: { hash: string }, b: { hash: string }, make: () => VersionDiff): VersionDiff {
	const key = `${a.hash} ${b.hash}`;
	const known = made.get(key);
	if (known) return known;
	const diff = forPage(make());
	made.set(key, diff);
	if (made.size > KEEP) made.delete(made.keys().next().value!);
	return diff;
}

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
	return { id: params.id, versions, from, to, errors, diff: a && b ? diffOf(a.entry, b.entry, () => diffVersions(a.files, b.files)) : null };
};
