// Answers kept by a key that names everything they were made from (a version's content hash, a
// record's revision, a request body's sha256): an entry is never wrong, only old, so the oldest go
// first once the entries pass their budget. Only whole answers are kept: callers put one in after
// it is made, never a promise of one that may fail halfway.
export class Memo<V> {
	private readonly entries = new Map<string, { value: V; size: number }>();
	private used = 0;

	constructor(
		/** what the entries may add up to, by `sizeOf` */
		private readonly budget: number,
		private readonly sizeOf: (value: V) => number = () => 1
	) {}

	get(key: string): V | undefined {
		const entry = this.entries.get(key);
		if (!entry) return undefined;
		// most recently used last
		this.entries.delete(key);
		this.entries.set(key, entry);
		return entry.value;
	}

	set(key: string, value: V): void {
		const size = this.sizeOf(value);
		if (size > this.budget) return;
		const had = this.entries.get(key);
		if (had) {
			this.used -= had.size;
			this.entries.delete(key);
		}
		this.entries.set(key, { value, size });
		this.used += size;
		for (const [oldest, entry] of this.entries) {
			if (this.used <= this.budget) break;
			this.entries.delete(oldest);
			this.used -= entry.size;
		}
	}
}
