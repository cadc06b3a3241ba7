// Every framework version the regression tools can rate with, wherever it is kept: the rules
// folder (RULES_DIR) and the drafts methodology leads are working on (DATA_DIR/drafts), so the
// impact of a revision can be measured before it is published.
import type { Checked, FrameworkVersion } from '../../engine/index';
import { defaultRulesDir, findVersion, listVersions, loadFramework, versionFromFiles } from './frameworks';
import { getDraft, listDrafts } from '../storage/drafts';

export interface VersionChoice {
	/** "id@version" */
	ref: string;
	title: string;
	status: string;
	/** where it is kept, as people say it */
	kept: string;
}

export interface VersionSource {
	list(): Promise<VersionChoice[]>;
	/** null: this source does not have it */
	load(ref: string): Promise<Checked<FrameworkVersion> | null>;
}

export function rulesFolderSource(rulesDir = defaultRulesDir()): VersionSource {
	return {
		async list() {
			const choices: VersionChoice[] = [];
			for (const v of listVersions(rulesDir)) {
				const ref = `${v.id}@${v.version}`;
				const loaded = loadFramework(ref, rulesDir);
				if (loaded.ok) choices.push({ ref, title: loaded.value.meta.title, status: loaded.value.meta.status, kept: 'rules folder' });
			}
			return choices;
		},
		async load(ref) {
			return 'message' in findVersion(ref, rulesDir) ? null : loadFramework(ref, rulesDir);
		}
	};
}

/** Drafts that validate; a draft whose id a published version has taken is no longer one. */
export function draftsSource(rulesDir = defaultRulesDir()): VersionSource {
	const published = (ref: string) => !('message' in findVersion(ref, rulesDir));
	return {
		async list() {
			const choices: VersionChoice[] = [];
			for (const doc of await listDrafts()) {
				const { id, version } = doc.value['framework.json'] as { id: string; version: string };
				const ref = `${id}@${version}`;
				const loaded = versionFromFiles(doc.value, `draft ${ref}`);
				if (loaded.ok && !published(ref)) choices.push({ ref, title: loaded.value.meta.title, status: 'draft', kept: 'drafts' });
			}
			return choices;
		},
		async load(ref) {
			const [id, version] = ref.split('@');
			if (!id || !version || published(ref)) return null;
			const draft = await getDraft(id, version);
			return draft ? versionFromFiles(draft.value, `draft ${ref}`) : null;
		}
	};
}

const sources = (): VersionSource[] => [rulesFolderSource(), draftsSource()];

export async function listRateableVersions(): Promise<VersionChoice[]> {
	return (await Promise.all(sources().map((s) => s.list()))).flat();
}

/** A version by reference from the first source that has it, or an issue naming the known ones. */
export async function resolveVersion(ref: string): Promise<Checked<FrameworkVersion>> {
	for (const source of sources()) {
		const loaded = await source.load(ref);
		if (loaded) return loaded;
	}
	const known = (await listRateableVersions()).map((v) => v.ref);
	return { ok: false, errors: [{ file: '', pointer: '', message: `framework version "${ref}" does not exist (known: ${known.join(', ') || 'none'})`, severity: 'error' }], warnings: [] };
}
