// Framework versions on disk: rules/<framework>/<version>/*.json, read, validated and hashed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, parseJson, validateVersion, VERSION_FILES, type Checked, type FrameworkVersion, type Issue } from '../engine/index';

export const defaultRulesDir = () => path.resolve(process.env.RULES_DIR ?? 'rules');

/** A path as messages show it: relative inside the working folder, absolute outside it. */
export function displayPath(p: string): string {
	const relative = path.relative(process.cwd(), p);
	return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(p);
}

export interface VersionRef {
	id: string;
	version: string;
	dir: string;
}

/** Every version folder under a rules folder (a folder holding framework.json). */
export function listVersions(rulesDir = defaultRulesDir()): VersionRef[] {
	if (!existsSync(rulesDir)) return [];
	const refs: VersionRef[] = [];
	for (const id of readdirSync(rulesDir, { withFileTypes: true })) {
		if (!id.isDirectory()) continue;
		for (const version of readdirSync(path.join(rulesDir, id.name), { withFileTypes: true })) {
			const dir = path.join(rulesDir, id.name, version.name);
			if (version.isDirectory() && existsSync(path.join(dir, 'framework.json'))) refs.push({ id: id.name, version: version.name, dir });
		}
	}
	return refs.sort((a, b) => (a.id + '@' + a.version < b.id + '@' + b.version ? -1 : 1));
}

/** Where a reference "id@version" lives, or an issue saying it does not. */
export function findVersion(ref: string, rulesDir = defaultRulesDir()): VersionRef | Issue {
	const [id, version] = ref.split('@');
	const found = listVersions(rulesDir).find((v) => v.id === id && v.version === version);
	if (found) return found;
	const known = listVersions(rulesDir).map((v) => `${v.id}@${v.version}`);
	return { file: displayPath(rulesDir), pointer: '', message: `framework version "${ref}" does not exist (known: ${known.join(', ') || 'none'})`, severity: 'error' };
}

/** Read, validate and hash one version folder. */
export function loadVersion(dir: string, label = displayPath(dir)): Checked<FrameworkVersion> {
	const files: Record<string, unknown> = {};
	const errors: Issue[] = [];
	const read = (file: string) => {
		const full = path.join(dir, file);
		if (!existsSync(full)) return; // validateVersion names missing files
		const parsed = parseJson(readFileSync(full, 'utf8'), `${label}/${file}`);
		if (parsed.ok) files[file] = parsed.value;
		else errors.push(...parsed.errors);
	};
	for (const file of VERSION_FILES) read(file);
	const domains = (files['framework.json'] as { domains?: unknown })?.domains;
	if (Array.isArray(domains)) for (const file of domains) if (typeof file === 'string' && !file.includes('..')) read(file);
	if (errors.length) return { ok: false, errors, warnings: [] };
	const checked = validateVersion(files, label);
	if (!checked.ok) return checked;
	return { ok: true, value: { ...checked.value, hash: contentHash(files) }, warnings: checked.warnings };
}

export function contentHash(files: Record<string, unknown>): string {
	return 'sha256:' + createHash('sha256').update(canonicalJson(files)).digest('hex');
}

const cache = new Map<string, Checked<FrameworkVersion>>();

/** A version by reference, loaded once per process. */
export function loadFramework(ref: string, rulesDir = defaultRulesDir()): Checked<FrameworkVersion> {
	const found = findVersion(ref, rulesDir);
	if ('message' in found) return { ok: false, errors: [found], warnings: [] };
	const cached = cache.get(found.dir);
	if (cached) return cached;
	const loaded = loadVersion(found.dir);
	if (loaded.ok) cache.set(found.dir, loaded);
	return loaded;
}
