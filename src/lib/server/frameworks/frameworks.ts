// Framework versions on disk: rules/<framework>/<version>/*.json, read, validated and hashed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson, OPTIONAL_VERSION_FILES, parseJson, validateVersion, VERSION_FILES, type Checked, type FrameworkVersion, type Issue } from '../../engine/index';

export const defaultRulesDir = () => path.resolve(process.env.RULES_DIR ?? 'rules');

/** A version's files as validateVersion takes them: parsed JSON by path ("framework.json", "domains/1.json" …). */
export type VersionFiles = Record<string, unknown>;

/** Written beside a version's files when it is published: the hash its files must keep. */
export const PUBLICATION_FILE = 'publication.json';

export interface Publication {
	framework: string;
	hash: string;
	publishedAt: string;
	publishedBy: string;
}

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

const visibleFolders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));

/** Every version folder under a rules folder (a folder holding framework.json). */
export function listVersions(rulesDir = defaultRulesDir()): VersionRef[] {
	if (!existsSync(rulesDir)) return [];
	const refs: VersionRef[] = [];
	for (const id of visibleFolders(rulesDir)) {
		for (const version of visibleFolders(path.join(rulesDir, id.name))) {
			const dir = path.join(rulesDir, id.name, version.name);
			if (existsSync(path.join(dir, 'framework.json'))) refs.push({ id: id.name, version: version.name, dir });
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

/** A version folder's files, parsed (duplicate keys refused), without validating them. */
export function readVersionFiles(dir: string, label = displayPath(dir)): Checked<VersionFiles> {
	const files: VersionFiles = {};
	const errors: Issue[] = [];
	const read = (file: string) => {
		const full = path.join(dir, file);
		if (!existsSync(full)) return; // validateVersion names missing files
		const parsed = parseJson(readFileSync(full, 'utf8'), `${label}/${file}`);
		if (parsed.ok) files[file] = parsed.value;
		else errors.push(...parsed.errors);
	};
	for (const file of [...VERSION_FILES, ...OPTIONAL_VERSION_FILES]) read(file);
	const domains = (files['framework.json'] as { domains?: unknown })?.domains;
	if (Array.isArray(domains)) for (const file of domains) if (typeof file === 'string' && !file.includes('..')) read(file);
	return errors.length ? { ok: false, errors, warnings: [] } : { ok: true, value: files, warnings: [] };
}

/** Validate a version's files and hash them: the same for a folder under rules/ and a draft. */
export function versionFromFiles(files: VersionFiles, label: string): Checked<FrameworkVersion> {
	const checked = validateVersion(files, label);
	if (!checked.ok) return checked;
	return { ok: true, value: { ...checked.value, hash: contentHash(files) }, warnings: checked.warnings };
}

/**
 * Read, validate and hash one version folder. Its framework.json must name the folder it is in
 * (a copy under another name would otherwise rate as the version it was copied from), and a
 * published one must still have the hash it was published with.
 */
export function loadVersion(dir: string, label = displayPath(dir)): Checked<FrameworkVersion> {
	const read = readVersionFiles(dir, label);
	if (!read.ok) return read;
	const loaded = versionFromFiles(read.value, label);
	if (!loaded.ok) return loaded;
	const folder = { id: path.basename(path.dirname(path.resolve(dir))), version: path.basename(path.resolve(dir)) };
	const identity = (['id', 'version'] as const).filter((key) => loaded.value.meta[key] !== folder[key]);
	if (identity.length) {
		const errors = identity.map((key) => ({
			file: `${label}/framework.json`,
			pointer: `/${key}`,
			message: `says ${key} "${loaded.value.meta[key]}", but the version is in the folder ${folder.id}/${folder.version}: a version's id and version must be the names of its folders`,
			severity: 'error' as const
		}));
		return { ok: false, errors, warnings: loaded.warnings };
	}
	const publication = readPublication(dir);
	if (publication && publication.hash !== loaded.value.hash) {
		const message = `changed since it was published (published as ${publication.hash}, the files are now ${loaded.value.hash}); a published version is never edited: make a new version instead`;
		return { ok: false, errors: [{ file: `${label}/${PUBLICATION_FILE}`, pointer: '/hash', message, severity: 'error' }], warnings: loaded.warnings };
	}
	return loaded;
}

export function readPublication(dir: string): Publication | null {
	const file = path.join(dir, PUBLICATION_FILE);
	if (!existsSync(file)) return null;
	const parsed = parseJson(readFileSync(file, 'utf8'), file);
	return parsed.ok ? (parsed.value as Publication) : null;
}

export function contentHash(files: VersionFiles): string {
	return 'sha256:' + createHash('sha256').update(canonicalJson(files)).digest('hex');
}

/** What a folder's files are now: a cached load is used only while this is unchanged. */
export function folderSignature(dir: string): string {
	const parts: string[] = [];
	const walk = (sub: string) => {
		for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
			const rel = path.join(sub, entry.name);
			if (entry.isDirectory()) walk(rel);
			else {
				const stat = statSync(path.join(dir, rel));
				parts.push(`${rel}:${stat.size}:${stat.mtimeMs}`);
			}
		}
	};
	walk('');
	return parts.sort().join('|');
}

const cache = new Map<string, { signature: string; loaded: Checked<FrameworkVersion> }>();

/**
 * How long a version's folder, once looked at, is taken as unchanged. Every page and list reads
 * versions, and looking costs some forty file-system calls; a hand edit to a version's files is
 * rare and seen within this time. What the app writes itself calls forgetLoadedVersions.
 */
export const RECHECK_MS = 1000;
const looked = new Map<string, { at: number; found: VersionRef | Issue; signature: string }>();

/** Where a version lives and its folder's signature (see folderSignature), looked at again after RECHECK_MS. */
export function versionFolder(ref: string, rulesDir = defaultRulesDir()): { found: VersionRef | Issue; signature: string } {
	const key = `${rulesDir}\0${ref}`;
	const now = Date.now();
	const kept = looked.get(key);
	if (kept && now - kept.at < RECHECK_MS && now >= kept.at) return kept;
	const found = findVersion(ref, rulesDir);
	const fresh = { at: now, found, signature: 'message' in found ? '' : folderSignature(found.dir) };
	// only versions that exist are kept: references come from requests, and need not
	if ('message' in found) looked.delete(key);
	else looked.set(key, fresh);
	return fresh;
}

/** A version by reference, loaded once per process and again whenever its folder changes. */
export function loadFramework(ref: string, rulesDir = defaultRulesDir()): Checked<FrameworkVersion> {
	const { found, signature } = versionFolder(ref, rulesDir);
	if ('message' in found) return { ok: false, errors: [found], warnings: [] };
	const cached = cache.get(found.dir);
	if (cached && cached.signature === signature) return cached.loaded;
	const loaded = loadVersion(found.dir);
	if (loaded.ok) cache.set(found.dir, { signature, loaded });
	else cache.delete(found.dir);
	return loaded;
}

/** Forget every cached load (after publishing writes a version folder). */
export function forgetLoadedVersions() {
	cache.clear();
	looked.clear();
}
