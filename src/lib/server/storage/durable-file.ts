// A lowdb adapter that keeps a JSON file through a power cut as well as a killed process:
// the new content goes to a temporary file of its own, is flushed to the disk, renamed over
// the old file, and the folder is flushed so the rename itself survives. A reader sees the old
// content or the new, never a mix. (lowdb's own JSONFile renames too, but flushes nothing, and
// reuses one temporary name per file, so two processes writing one file would collide.)
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** A document's bytes on disk (exported so a benchmark can write a data folder in the store's own format). */
export const serialise = (data: unknown): string => JSON.stringify(data, null, 2);

export class DurableJSONFile<T> implements Adapter<T> {
	constructor(private readonly file: string) {}

	async read(): Promise<T | null> {
		try {
			return JSON.parse(await readFile(this.file, 'utf8')) as T;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
			throw e;
		}
	}

	async write(data: T): Promise<void> {
		const dir = path.dirname(this.file);
		// a leading dot keeps it out of the store's listings; the suffix keeps writers apart
		const temp = path.join(dir, `.${path.basename(this.file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
		const handle = await open(temp, 'w');
		try {
			await handle.writeFile(serialise(data));
			await handle.sync();
		} catch (e) {
			await handle.close();
			await unlink(temp).catch(() => undefined);
			throw e;
		}
		await handle.close();
		await rename(temp, this.file);
		await syncFolder(dir);
	}
}

/** Flush a folder's entries (a rename or an unlink in it) to the disk. */
export async function syncFolder(dir: string): Promise<void> {
	const handle = await open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** A temporary file's name: which process wrote it (absent in lowdb's own). */
const TEMPORARY = /^\..+\.json(?:\.(\d+)-[0-9a-f]+)?\.tmp$/;

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
};

/**
 * Remove the temporary files a killed process left in a folder (a write stopped before its
 * rename). Those of a process still running, such as `npm run user` beside the server, stay.
 */
export function removeLeftovers(dir: string): void {
	for (const name of readdirSync(dir)) {
		const pid = TEMPORARY.exec(name)?.[1];
		if (!TEMPORARY.test(name) || (pid && (Number(pid) === process.pid || alive(Number(pid))))) continue;
		try {
			unlinkSync(path.join(dir, name));
		} catch {
			// gone already
		}
	}
}
