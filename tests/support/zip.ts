// Hand-made zip archives for the import tests: entries whose declared sizes may lie, and deflate
// streams of zeros that inflate hundreds of times their size (made bit by bit, instantly, rather
// than by compressing gigabytes).
import { deflateSync, strToU8 } from 'fflate';

export interface RawEntry {
	name: string;
	/** 0 stored, 8 deflate */
	method: 0 | 8;
	data: Uint8Array;
	/** the unpacked size the archive declares */
	size: number;
}

class Bits {
	private bytes: number[] = [];
	private current = 0;
	private used = 0;
	/** LSB first (block headers) */
	lsb(value: number, count: number) {
		for (let i = 0; i < count; i++) this.bit((value >> i) & 1);
	}
	/** MSB first (Huffman codes) */
	code(value: number, count: number) {
		for (let i = count - 1; i >= 0; i--) this.bit((value >> i) & 1);
	}
	private bit(b: number) {
		this.current |= b << this.used++;
		if (this.used === 8) this.flush();
	}
	flush() {
		if (this.used) this.bytes.push(this.current);
		this.current = 0;
		this.used = 0;
	}
	get length() {
		return this.bytes.length * 8 + this.used;
	}
	done(): Uint8Array {
		this.flush();
		return Uint8Array.from(this.bytes);
	}
}

/**
 * A raw deflate stream of about `megabytes` MB of zeros, with fixed Huffman codes: blocks of a
 * literal 0 then 4,062 copies of 258 bytes at distance 1 (a block of a whole number of bytes,
 * so it can be repeated), then an empty final block. About 160 times smaller than what it inflates to.
 */
export function zeros(megabytes: number): { data: Uint8Array; size: number } {
	const k = 4062; // 18 + 13k bits is a multiple of 8
	const block = new Bits();
	block.lsb(0, 1); // not final
	block.lsb(1, 2); // fixed Huffman
	block.code(0x30, 8); // literal 0
	for (let i = 0; i < k; i++) {
		block.code(0xc5, 8); // length 258 (code 285)
		block.code(0, 5); // distance 1
	}
	block.code(0, 7); // end of block
	if (block.length % 8) throw new Error('the block is not a whole number of bytes');
	const one = block.done();
	const perBlock = 1 + 258 * k;
	const count = Math.max(1, Math.round((megabytes * 1024 * 1024) / perBlock));
	const last = new Bits();
	last.lsb(1, 1);
	last.lsb(1, 2);
	last.code(0, 7);
	const tail = last.done();
	const data = new Uint8Array(one.length * count + tail.length);
	for (let i = 0; i < count; i++) data.set(one, i * one.length);
	data.set(tail, one.length * count);
	return { data, size: perBlock * count };
}

/** A JSON file as a deflated entry, honestly declared. */
export function jsonEntry(name: string, value: unknown): RawEntry {
	const raw = strToU8(JSON.stringify(value, null, 2));
	return { name, method: 8, data: deflateSync(raw), size: raw.length };
}

/** The archive: local headers and data, then the central directory, then its end record. CRCs are left 0: the reader under test does not check them. */
export function zip(entries: RawEntry[]): Uint8Array<ArrayBuffer> {
	const parts: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = strToU8(entry.name);
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, 0x800, true);
		local.setUint16(8, entry.method, true);
		local.setUint32(18, entry.data.length, true);
		local.setUint32(22, entry.size >>> 0, true);
		local.setUint16(26, name.length, true);
		parts.push(new Uint8Array(local.buffer), name, entry.data);
		const dir = new DataView(new ArrayBuffer(46));
		dir.setUint32(0, 0x02014b50, true);
		dir.setUint16(4, 20, true);
		dir.setUint16(6, 20, true);
		dir.setUint16(8, 0x800, true);
		dir.setUint16(10, entry.method, true);
		dir.setUint32(20, entry.data.length, true);
		dir.setUint32(24, entry.size >>> 0, true);
		dir.setUint16(28, name.length, true);
		dir.setUint32(42, offset, true);
		central.push(new Uint8Array(dir.buffer), name);
		offset += 30 + name.length + entry.data.length;
	}
	const centralSize = central.reduce((n, p) => n + p.length, 0);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, entries.length, true);
	end.setUint16(10, entries.length, true);
	end.setUint32(12, centralSize, true);
	end.setUint32(16, offset, true);
	const all = [...parts, ...central, new Uint8Array(end.buffer)];
	const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of all) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
