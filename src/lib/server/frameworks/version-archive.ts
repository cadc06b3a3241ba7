// A version as a zip of its files (pretty JSON, paths as under rules/<id>/<version>/), and back:
// an archive is read and validated in full before anything is stored, and every problem names
// the file and the JSON pointer. Reading one is bounded whatever it claims: the entries are
// listed from the central directory without inflating anything, those a version never holds
// are skipped or refused by name alone, and the rest inflate a chunk at a time, counted, so a
// decompression bomb stops at the limit instead of filling memory or the event loop.
import { Inflate, strToU8, strFromU8, zipSync } from 'fflate';
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
/** Compressed bytes inflated at a time: deflate expands at most ~1,032 times, so about 16 MB out per step before the count is looked at. */
const CHUNK = 16 * 1024;

interface Entry {
	name: string;
	method: number;
	compressedSize: number;
	/** what the archive declares; the count while inflating is what is trusted */
	size: number;
	localHeader: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

/** The central directory's entries, or why the bytes are not an archive this reads. Nothing is inflated. */
function centralDirectory(bytes: Uint8Array): Entry[] | string {
	let end = -1;
	for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
		if (u32(bytes, at) === 0x06054b50) {
			end = at;
			break;
		}
	}
	if (end < 0) return 'is not a zip archive';
	const count = u16(bytes, end + 10);
	let at = u32(bytes, end + 16);
	if (count === 0xffff || at === 0xffffffff) return 'is a ZIP64 archive, which no version needs: zip the version\'s files again';
	if (count > ARCHIVE_LIMITS.entries) return `holds ${count} entries: a version's archive holds at most ${ARCHIVE_LIMITS.entries}`;
	const entries: Entry[] = [];
	for (let i = 0; i < count; i++) {
		if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) return 'is not a zip archive (its central directory is damaged)';
		const nameLength = u16(bytes, at + 28);
		if (at + 46 + nameLength > bytes.length) return 'is not a zip archive (its central directory is damaged)';
		const utf8 = (u16(bytes, at + 8) & 0x800) !== 0;
		entries.push({
			name: strFromU8(bytes.subarray(at + 46, at + 46 + nameLength), !utf8),
			method: u16(bytes, at + 10),
			compressedSize: u32(bytes, at + 20),
			size: u32(bytes, at + 24),
			localHeader: u32(bytes, at + 42)
		});
		at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
	}
	return entries;
}

/** One entry's bytes, inflated a chunk at a time and refused as soon as it passes `limit` bytes. */
function inflateEntry(bytes: Uint8Array, entry: Entry, limit: number): Uint8Array | string {
	const at = entry.localHeader;
	if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) return 'is damaged (no local header where the directory says)';
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	if (start + entry.compressedSize > bytes.length) return 'is damaged (runs past the end of the archive)';
	const data = bytes.subarray(start, start + entry.compressedSize);
	if (entry.method === 0) return data.length > limit ? `is larger than ${mb(limit)}` : data.slice();
	if (entry.method !== 8) return `uses a compression method (${entry.method}) other than deflate`;
	const chunks: Uint8Array[] = [];
	let total = 0;
	let over = false;
	let finished = false;
	const inflater = new Inflate((chunk, final) => {
		total += chunk.length;
		if (total > limit) over = true;
		else chunks.push(chunk);
		if (final) finished = true;
	});
	try {
		for (let from = 0; from < data.length && !over; from += CHUNK) inflater.push(data.subarray(from, from + CHUNK), from + CHUNK >= data.length);
	} catch {
		return 'is damaged (its compressed data cannot be read)';
	}
	if (over) return `inflates to more than ${mb(limit)}`;
	if (!finished && data.length) return 'is damaged (its compressed data ends early)';
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Entries a version never holds and an archiver adds: folders, dot files, macOS's __MACOSX. Skipped unread. */
const dropped = (name: string) => name.endsWith('/') || name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');

/** An uploaded archive's version files, validated; label names the upload in messages. */
export function unzipVersion(bytes: Uint8Array, label: string): Checked<VersionFiles> {
	const listed = centralDirectory(bytes);
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
	const wanted: Entry[] = [];
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
