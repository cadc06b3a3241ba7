// An uploaded zip (a version's archive, an .xlsx workbook), read within limits whatever it claims:
// the entries are listed from the central directory without inflating anything, and each inflates
// a chunk at a time, counted, so a decompression bomb stops at its limit instead of filling memory
// or the event loop. The sizes a zip declares are never trusted. What was counted can be zipped
// again, stored, for a reader that takes a zip (exceljs), so it reads exactly the bytes counted.
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { Inflate, strFromU8 } from 'fflate';

/** Compressed bytes inflated at a time: deflate expands at most ~1,032 times, so about 16 MB out per step before the count is looked at. */
const CHUNK = 16 * 1024;

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	/** what the archive declares; the count while inflating is what is trusted */
	size: number;
	localHeader: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;

export const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * The central directory's entries, or why the bytes are not a zip this reads. Nothing is inflated.
 * `tooMany` says what more than `maxEntries` entries are refused with.
 */
export function zipEntries(bytes: Uint8Array, maxEntries: number, tooMany: (count: number) => string): ZipEntry[] | string {
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
	if (count === 0xffff || at === 0xffffffff) return 'is a ZIP64 archive, which is not read here: zip the files again';
	if (count > maxEntries) return tooMany(count);
	const entries: ZipEntry[] = [];
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
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array | string {
	const inflated = inflate(bytes, entry, limit, true);
	return typeof inflated === 'string' ? inflated : inflated.data;
}

/**
 * As inflateEntry, letting the server answer others after each chunk. `keep` false counts the
 * bytes and keeps none: a first pass over a zip that may lie, costing no memory.
 */
export async function inflatePaced(bytes: Uint8Array, entry: ZipEntry, limit: number, keep: boolean): Promise<{ size: number; data: Uint8Array } | string> {
	const steps = inflating(bytes, entry, limit, keep);
	for (let step = steps.next(); ; step = steps.next()) {
		if (step.done) return step.value;
		await new Promise((resolve) => setImmediate(resolve));
	}
}

function inflate(bytes: Uint8Array, entry: ZipEntry, limit: number, keep: boolean): { size: number; data: Uint8Array } | string {
	const steps = inflating(bytes, entry, limit, keep);
	for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** The inflating, one chunk a step. */
function* inflating(bytes: Uint8Array, entry: ZipEntry, limit: number, keep: boolean): Generator<void, { size: number; data: Uint8Array } | string> {
	const at = entry.localHeader;
	if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) return 'is damaged (no local header where the directory says)';
	const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
	if (start + entry.compressedSize > bytes.length) return 'is damaged (runs past the end of the archive)';
	const data = bytes.subarray(start, start + entry.compressedSize);
	if (entry.method === 0) return data.length > limit ? `is larger than ${mb(limit)}` : { size: data.length, data: keep ? data.slice() : new Uint8Array(0) };
	if (entry.method !== 8) return `uses a compression method (${entry.method}) other than deflate`;
	const chunks: Uint8Array[] = [];
	let total = 0;
	let over = false;
	let finished = false;
	const inflater = new Inflate((chunk, final) => {
		total += chunk.length;
		if (total > limit) over = true;
		else if (keep) chunks.push(chunk);
		if (final) finished = true;
	});
	for (let from = 0; from < data.length && !over; from += CHUNK) {
		try {
			inflater.push(data.subarray(from, from + CHUNK), from + CHUNK >= data.length);
		} catch {
			return 'is damaged (its compressed data cannot be read)';
		}
		yield;
	}
	if (over) return `inflates to more than ${mb(limit)}`;
	if (!finished && data.length) return 'is damaged (its compressed data ends early)';
	const out = new Uint8Array(keep ? total : 0);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return { size: total, data: out };
}

/** Files taken out of a zip, each as its bytes. */
export type Unzipped = { name: string; data: Uint8Array }[];

/** Bytes of a stored zip handed on at a time. */
const STORED_CHUNK = 64 * 1024;

/**
 * The files zipped again, unpacked, as a reader (exceljs) takes them: a chunk at a time, each after the server
 * has had its turn, so the reading (which exceljs does in step with what it is given) never holds
 * up other requests for longer than one chunk takes, and no second copy of the workbook is made.
 */
export function storedZip(files: Unzipped): Readable {
	const pause = () => new Promise((resolve) => setImmediate(resolve));
	const utf8 = new TextEncoder();
	return Readable.from(
		(async function* () {
			const central: Buffer[] = [];
			let offset = 0;
			for (const { name, data } of files) {
				let crc = 0;
				for (let at = 0; at < data.length; at += STORED_CHUNK) {
					crc = crc32(data.subarray(at, at + STORED_CHUNK), crc);
					await pause();
				}
				const entry = { name: utf8.encode(name), crc, size: data.length, offset };
				const local = zipHeader('local', entry);
				yield local;
				for (let at = 0; at < data.length; at += STORED_CHUNK) {
					await pause();
					yield Buffer.from(data.buffer, data.byteOffset + at, Math.min(STORED_CHUNK, data.length - at));
				}
				central.push(zipHeader('central', entry));
				offset += local.length + data.length;
			}
			const directory = Buffer.concat(central);
			const end = Buffer.alloc(22);
			end.writeUInt32LE(0x06054b50, 0);
			end.writeUInt16LE(files.length, 8);
			end.writeUInt16LE(files.length, 10);
			end.writeUInt32LE(directory.length, 12);
			end.writeUInt32LE(offset, 16);
			yield Buffer.concat([directory, end]);
		})(),
		{ objectMode: false }
	);
}

/** A stored file's header in a zip (sizes within 50 MB and 10,000 files: no zip64). */
function zipHeader(kind: 'local' | 'central', entry: { name: Uint8Array; crc: number; size: number; offset: number }): Buffer {
	const central = kind === 'central';
	const out = Buffer.alloc((central ? 46 : 30) + entry.name.length);
	out.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
	// from here the two headers differ by the central one's "version made by"
	const at = central ? 6 : 4;
	if (central) out.writeUInt16LE(20, 4);
	out.writeUInt16LE(20, at);
	// names are UTF-8; method 0 (stored); no time or date
	out.writeUInt16LE(0x0800, at + 2);
	out.writeUInt32LE(entry.crc, at + 10);
	out.writeUInt32LE(entry.size, at + 14);
	out.writeUInt32LE(entry.size, at + 18);
	out.writeUInt16LE(entry.name.length, at + 22);
	if (central) out.writeUInt32LE(entry.offset, 42);
	out.set(entry.name, central ? 46 : 30);
	return out;
}
