// Every framework version the regression tools can rate with, wherever it is kept. Today that is
// the rules folder (RULES_DIR). Drafts join by adding one source to `sources` below: a function
// listing them and loading one by "id@version" (for example from the drafts store).
import type { Checked, FrameworkVersion } from '../engine/index';
import { defaultRulesDir, findVersion, listVersions, loadFramework } from './frameworks';

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

const sources = (): VersionSource[] => [rulesFolderSource()];

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
