// A framework version's content travels to the browser once, as its own response named by its
// content hash (/frameworks/<id>/<version>/content.<hex>.json), which the browser keeps for good:
// pages carry only a reference to it. Shared by the server (which renders with the version it
// loaded) and the browser (which fetches it, through its HTTP cache, for the live engine).
import type { FrameworkVersion } from '../engine/types';

/** What a page carries instead of the version itself. */
export interface FrameworkContentRef {
	/** "id@version" */
	ref: string;
	/** "sha256:<hex>" */
	hash: string;
	url: string;
}

const HASH = /^sha256:([0-9a-f]{64})$/;

/** The hex digits of a content hash, or null for anything that is not one. */
export const hashHex = (hash: string): string | null => hash.match(HASH)?.[1] ?? null;

export function contentRef(version: FrameworkVersion): FrameworkContentRef {
	const { id, version: v } = version.meta;
	const ref = `${id}@${v}`;
	const hex = hashHex(version.hash);
	if (!hex) throw new Error(`${ref} has no content hash`);
	return { ref, hash: version.hash, url: `/frameworks/${encodeURIComponent(id)}/${encodeURIComponent(v)}/content.${hex}.json` };
}

// Versions by content hash: what a hash names never changes, so a version once known under its
// hash is that version for good. On the server the loader's own objects are put here as pages are
// rendered (so rendering fetches nothing); in the browser, what was fetched.
const known = new Map<string, Promise<FrameworkVersion>>();

/** Called by the server with the version it is about to render a page with. */
export function knownVersion(version: FrameworkVersion): FrameworkContentRef {
	const ref = contentRef(version);
	if (!known.has(version.hash)) known.set(version.hash, Promise.resolve(version));
	return ref;
}

/** The version a reference names: one already known by its hash, or fetched (the browser's cache answers after the first time). */
export function versionByHash(ref: FrameworkContentRef, fetch: typeof globalThis.fetch): Promise<FrameworkVersion> {
	const had = known.get(ref.hash);
	if (had) return had;
	const fetched = fetch(ref.url).then(async (response) => {
		if (!response.ok) throw new Error(`${ref.ref} could not be read (${response.status} from ${ref.url})`);
		const version = (await response.json()) as FrameworkVersion;
		// a response that is not the content the hash names is never kept under that hash
		if (version?.hash !== ref.hash) throw new Error(`${ref.url} answered another version (${String(version?.hash)})`);
		return version;
	});
	known.set(ref.hash, fetched);
	// a failure is not kept: the next load asks again
	fetched.catch(() => {
		if (known.get(ref.hash) === fetched) known.delete(ref.hash);
	});
	return fetched;
}
