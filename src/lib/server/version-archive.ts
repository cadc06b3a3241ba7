// A version as a zip of its files (pretty JSON, paths as under rules/<id>/<version>/), and back:
// an archive is read and validated in full before anything is stored, and every problem names
// the file and the JSON pointer.
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import { parseJson, validateVersion, type Checked, type Issue } from '../engine/index';
import type { VersionFiles } from './frameworks';
import { VERSION_FILE } from './drafts';
import { prettyJson } from './publish';

/** framework.json first, then the rest in path order: the archive lists like the folder. */
export function zipVersion(files: VersionFiles): Uint8Array {
	const names = Object.keys(files).sort((a, b) => (a === 'framework.json' ? -1 : b === 'framework.json' ? 1 : a.localeCompare(b)));
	const entries: Record<string, Uint8Array> = {};
	// a fixed date keeps the same version's archive byte for byte the same
	for (const name of names) entries[name] = strToU8(prettyJson(files[name]));
	return zipSync(entries, { level: 6, mtime: new Date('2000-01-01T00:00:00Z') });
}

const issue = (file: string, pointer: string, message: string): Issue => ({ file, pointer, message, severity: 'error' });

/** An uploaded archive's version files, validated; label names the upload in messages. */
export function unzipVersion(bytes: Uint8Array, label: string): Checked<VersionFiles> {
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(bytes);
	} catch {
		return { ok: false, errors: [issue(label, '', 'is not a zip archive')], warnings: [] };
	}
	const names = Object.keys(entries).filter((name) => !name.endsWith('/') && !name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX'));
	// The files may sit at the top of the archive or in one folder (as a zipped rules/<id>/<version>).
	const top = names.filter((n) => n.endsWith('framework.json')).sort((a, b) => a.length - b.length)[0];
	if (!top) return { ok: false, errors: [issue(label, '', 'holds no framework.json')], warnings: [] };
	const prefix = top.slice(0, -'framework.json'.length);
	const errors: Issue[] = [];
	const files: VersionFiles = {};
	for (const name of names) {
		const file = name.slice(prefix.length);
		const at = `${label}/${name}`;
		if (!name.startsWith(prefix)) errors.push(issue(at, '', `is outside the version's folder (${prefix || 'the top of the archive'})`));
		else if (file === 'publication.json') continue; // a published folder's record: publishing here writes its own
		else if (!VERSION_FILE.test(file)) errors.push(issue(at, '', 'is not a version file (framework.json, bandings.json, rules.json, composite.json, sampling.json, domains/<name>.json)'));
		else {
			const parsed = parseJson(strFromU8(entries[name]), at);
			if (parsed.ok) files[file] = parsed.value;
			else errors.push(...parsed.errors);
		}
	}
	if (errors.length) return { ok: false, errors, warnings: [] };
	const domains = (files['framework.json'] as { domains?: unknown } | null)?.domains;
	const listed = new Set(Array.isArray(domains) ? domains : []);
	for (const file of Object.keys(files)) {
		if (file.startsWith('domains/') && !listed.has(file)) errors.push(issue(`${label}/${prefix}${file}`, '', "is not one of framework.json's domains"));
	}
	const checked = validateVersion(files, label + (prefix ? `/${prefix.slice(0, -1)}` : ''));
	if (!checked.ok) return { ok: false, errors: [...errors, ...checked.errors], warnings: checked.warnings };
	return errors.length ? { ok: false, errors, warnings: checked.warnings } : { ok: true, value: files, warnings: checked.warnings };
}
