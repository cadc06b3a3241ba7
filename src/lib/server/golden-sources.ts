// Where the pages take golden files from: a folder inside the project, or files a person uploads
// (kept under the data folder so they can be run, accepted and downloaded again).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listGoldenFiles } from './golden';
import { resolveProjectPath } from './project-paths';
import { dataDir } from './store';

export const UPLOAD_LIMITS = { fileBytes: 200 * 1024, totalBytes: 480 * 1024, files: 500 };

export interface SourceFile {
	file: string;
	/** how the page names it: the path inside the chosen folder, or the uploaded file's name */
	label: string;
}

export type GoldenSource = { kind: 'folder'; folder: string; files: SourceFile[] } | { kind: 'upload'; files: SourceFile[] };

type Errors = Record<string, string>;

/** The folder field, checked: golden files inside the project. */
export function folderSource(typed: string, field = 'folder'): { ok: true; source: GoldenSource } | { ok: false; errors: Errors } {
	const where = resolveProjectPath(typed);
	if (!where.ok) return { ok: false, errors: { [field]: where.message } };
	const listed = listGoldenFiles([where.absolute]);
	if (!listed.ok || !listed.files.length) return { ok: false, errors: { [field]: `There are no .json files in "${where.relative}"` } };
	const base = where.relative.endsWith('.json') ? path.dirname(where.absolute) : where.absolute;
	return { ok: true, source: { kind: 'folder', folder: where.relative, files: listed.files.map((file) => ({ file, label: path.relative(base, file) })) } };
}

export const uploadDir = (runId: string) => path.join(dataDir(), 'regression', 'uploads', runId);

/** Uploaded files, checked against the limits and saved for the run. */
export async function uploadSource(entries: FormDataEntryValue[], runId: string, field = 'files'): Promise<{ ok: true; source: GoldenSource } | { ok: false; errors: Errors }> {
	const files = entries.filter((e): e is File => typeof e !== 'string' && e.name !== '');
	const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
	const problem = (message: string) => ({ ok: false as const, errors: { [field]: message } });
	if (!files.length) return problem('Choose one or more golden files to upload');
	if (files.length > UPLOAD_LIMITS.files) return problem(`Choose ${UPLOAD_LIMITS.files} files or fewer`);
	const big = files.find((f) => f.size > UPLOAD_LIMITS.fileBytes);
	if (big) return problem(`${big.name} is ${kb(big.size)}: each file must be ${kb(UPLOAD_LIMITS.fileBytes)} or smaller`);
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (total > UPLOAD_LIMITS.totalBytes) return problem(`The files come to ${kb(total)}: upload ${kb(UPLOAD_LIMITS.totalBytes)} or less at a time`);
	const dir = uploadDir(runId);
	mkdirSync(dir, { recursive: true });
	const used = new Set<string>();
	const saved: SourceFile[] = [];
	for (const [i, f] of files.entries()) {
		// The name is only a label: what is written is a safe name of our own.
		let name = path.basename(f.name).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || `file-${i + 1}.json`;
		if (used.has(name)) name = `${i + 1}-${name}`;
		used.add(name);
		const file = path.join(dir, name);
		writeFileSync(file, Buffer.from(await f.arrayBuffer()));
		saved.push({ file, label: path.basename(f.name) });
	}
	return { ok: true, source: { kind: 'upload', files: saved } };
}
