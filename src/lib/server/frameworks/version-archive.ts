// A version as a zip of its files (pretty JSON, paths as under rules/<id>/<version>/), and back:
// an archive is read and validated in full before anything is stored, and every problem names
// the file and the JSON pointer. Reading one is bounded whatever it claims (../http/zip.ts):
// those entries a version never holds are skipped or refused by name alone, before any is inflated.
import { strToU8, strFromU8, zipSync } from 'fflate';
import { inflateEntry, mb, zipEntries, type ZipEntry } from '../http/zip';
import { parseJson, validateVersion, type Checked, type Issue } from '../../engine/index';
import type { VersionFiles } from './frameworks';
import { VERSION_FILE } from '../storage/drafts';
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

/** Limits on reading an archive: far above any real version (2021's largest domain file is 0.4 MB). */
export const ARCHIVE_LIMITS = { entries: 500, entryBytes: 2 * 1024 * 1024, totalBytes: 8 * 1024 * 1024 };
/** Entries a version never holds and an archiver adds: folders, dot files, macOS's __MACOSX. Skipped unread. */
const dropped = (name: string) => name.endsWith('/') || name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** An uploaded archive's version files, validated; label names the upload in messages. */
export function unzipVersion(bytes: Uint8Array, label: string): Checked<VersionFiles> {
	const listed = zipEntries(bytes, ARCHIVE_LIMITS.entries, (count) => `holds ${count} entries: a version's archive holds at most ${ARCHIVE_LIMITS.entries}`);
	if (typeof listed === 'string') return { ok: false, errors: [issue(label, '', listed)], warnings: [] };
	const kept = listed.filter((entry) => !dropped(entry.name));
	const names = kept.map((entry) => entry.name);
	// The files may sit at the top of the archive or in one folder (as a zipped rules/<id>/<version>).
	const top = names.filter((n) => n.endsWith('framework.json')).sort((a, b) => a.length - b.length)[0];
	if (!top) return { ok: false, errors: [issue(label, '', 'holds no framework.json')], warnings: [] };
	const prefix = top.slice(0, -'framework.json'.length);
	const errors: Issue[] = [];
	const files: VersionFiles = {};
	// Judged by name first: nothing is inflated until every entry is one a version holds.
	const wanted: ZipEntry[] = [];
	let declared = 0;
	const seen = new Set<string>();
	for (const entry of kept) {
		const file = entry.name.slice(prefix.length);
		const at = `${label}/${entry.name}`;
		if (seen.has(entry.name)) errors.push(issue(at, '', 'is in the archive twice'));
		else if (!entry.name.startsWith(prefix)) errors.push(issue(at, '', `is outside the version's folder (${prefix || 'the top of the archive'})`));
		else if (file === 'publication.json') continue; // a published folder's record: publishing here writes its own
		else if (!VERSION_FILE.test(file)) errors.push(issue(at, '', 'is not a version file (framework.json, bandings.json, rules.json, composite.json, sampling.json, domains/<name>.json)'));
		else if (entry.size > ARCHIVE_LIMITS.entryBytes) errors.push(issue(at, '', `is ${mb(entry.size)} unpacked: each file of a version must be ${mb(ARCHIVE_LIMITS.entryBytes)} or less`));
		else {
			declared += entry.size;
			wanted.push(entry);
		}
		seen.add(entry.name);
	}
	if (declared > ARCHIVE_LIMITS.totalBytes) errors.push(issue(label, '', `unpacks to ${mb(declared)}: a version's files must come to ${mb(ARCHIVE_LIMITS.totalBytes)} or less`));
	if (errors.length) return { ok: false, errors, warnings: [] };
	let inflated = 0;
	for (const entry of wanted) {
		const at = `${label}/${entry.name}`;
		const left = ARCHIVE_LIMITS.totalBytes - inflated;
		const content = inflateEntry(bytes, entry, Math.min(ARCHIVE_LIMITS.entryBytes, left));
		if (typeof content === 'string') {
			// the first such entry stops the reading: an archive that lies about its sizes is not read further
			const message = content.startsWith('inflates to more than') && left < ARCHIVE_LIMITS.entryBytes ? `${content}: the version's files must come to ${mb(ARCHIVE_LIMITS.totalBytes)} or less` : content;
			return { ok: false, errors: [issue(at, '', message)], warnings: [] };
		}
		inflated += content.length;
		const parsed = parseJson(strFromU8(content), at);
		if (parsed.ok) files[entry.name.slice(prefix.length)] = parsed.value;
		else errors.push(...parsed.errors);
	}
	if (errors.length) return { ok: false, errors, warnings: [] };
	const domains = (files['framework.json'] as { domains?: unknown } | null)?.domains;
	const listedDomains = new Set(Array.isArray(domains) ? domains : []);
	for (const file of Object.keys(files)) {
		if (file.startsWith('domains/') && !listedDomains.has(file)) errors.push(issue(`${label}/${prefix}${file}`, '', "is not one of framework.json's domains"));
	}
	const checked = validateVersion(files, label + (prefix ? `/${prefix.slice(0, -1)}` : ''));
	if (!checked.ok) return { ok: false, errors: [...errors, ...checked.errors], warnings: checked.warnings };
	return errors.length ? { ok: false, errors, warnings: checked.warnings } : { ok: true, value: files, warnings: checked.warnings };
}
