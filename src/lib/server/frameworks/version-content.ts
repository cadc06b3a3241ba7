// A framework version's content as its own response, named by its content hash: what the
// browser's engine and the workspace need of a version, sent once and kept by the browser.
// A version under the rules folder never changes (the loader refuses its files if they no longer
// have their published hash), so its content under its hash is cached for good. A draft changes
// as it is edited: its content is never cached by hash, and is checked again at every request.
import type { FrameworkVersion } from '../../engine/index';
import { hashHex } from '../../inspection/framework-content';
import { getDraft } from '../storage/drafts';
import { findVersion, loadFramework, versionFromFiles } from './frameworks';

export type VersionContent =
	| { status: 200; body: string; hash: string; immutable: boolean }
	| { status: 404; message: string };

// Published content by hash, serialised once: the same hash is the same text.
const serialised = new Map<string, string>();

/** The current content of a version, if `hex` is still its hash; a stale or unknown hash is never answered with content. */
export async function versionContent(id: string, version: string, hex: string): Promise<VersionContent> {
	const ref = `${id}@${version}`;
	let loaded: FrameworkVersion | null = null;
	let immutable = false;
	if (!('message' in findVersion(ref))) {
		const read = loadFramework(ref);
		if (read.ok) [loaded, immutable] = [read.value, true];
	} else {
		const draft = await getDraft(id, version);
		const checked = draft ? versionFromFiles(draft.value, `draft ${ref}`) : null;
		if (checked?.ok) loaded = checked.value;
	}
	if (!loaded) return { status: 404, message: `There is no version ${ref} whose content can be read.` };
	// the hash asked for, said once: the one the version has now is the page's to ask for, not this answer's to name
	if (hashHex(loaded.hash) !== hex) return { status: 404, message: `${ref} has no content with the hash ${hex.slice(0, 64)}: it has changed since the page that asked for it was loaded (a draft changes as it is edited), or the address is wrong. Reload the page.` };
	let body = immutable ? serialised.get(loaded.hash) : undefined;
	if (body === undefined) {
		body = JSON.stringify(loaded);
		if (immutable) serialised.set(loaded.hash, body);
	}
	return { status: 200, body, hash: loaded.hash, immutable };
}
