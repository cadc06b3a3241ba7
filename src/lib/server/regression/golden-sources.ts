// Where the pages take golden files from: a folder inside the project, or files a person uploads
// (kept under the data folder so they can be run, accepted and downloaded again).
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listGoldenFiles } from './golden';
import { projectDir, resolveProjectPath } from './project-paths';
import { dataDir } from '../storage/store';

export const UPLOAD_LIMITS = { fileBytes: 200 * 1024, totalBytes: 480 * 1024, files: 500 };

export interface SourceFile {
	file: string;
	/** how the page names it: the path inside the chosen folder, or the uploaded file's name */
	label: string;
}

export type GoldenSource = { kind: 'folder'; folder: string; files: SourceFile[] } | { kind: 'upload'; files: SourceFile[] };

type Errors = Record<string, string>;

/** The folders no golden source may be, hold or sit in: what they hold (sessions, accounts, packages, history) is not evidence, and a run lists the files it reads. */
const PRIVATE_NAMES = ['node_modules', '.git'];

const inside = (p: string, folder: string) => p === folder || p.startsWith(folder + path.sep);

function realOrResolved(p: string): string {
	try {
		return realpathSync(p);
	} catch {
		return path.resolve(p);
	}
}

/** Why a folder (its real path) may not be read as golden files, or null. */
export function privateFolder(real: string, shown: string): string | null {
	const data = realOrResolved(dataDir());
	if (inside(real, data) || inside(data, real)) return `"${shown}" is, holds or is inside the data folder: choose a folder of golden files, like tests/golden`;
	const root = realOrResolved(projectDir());
	const named = path.relative(root, real).split(path.sep).find((part) => PRIVATE_NAMES.includes(part));
	if (named) return `"${shown}" is or is inside ${named}: choose a folder of golden files, like tests/golden`;
	for (const name of PRIVATE_NAMES) {
		if (existsSync(path.join(real, name))) return `"${shown}" holds ${name}: choose a folder of golden files, like tests/golden`;
	}
	return null;
}

/** The folder field, checked: golden files inside the project, away from its private folders. */
export function folderSource(typed: string, field = 'folder'): { ok: true; source: GoldenSource } | { ok: false; errors: Errors } {
	const where = resolveProjectPath(typed);
	if (!where.ok) return { ok: false, errors: { [field]: where.message } };
	const refused = privateFolder(where.absolute, where.relative);
	if (refused) return { ok: false, errors: { [field]: refused } };
	// The walk asks again of every folder below: one may hold node_modules, or be a way into the data folder.
	const listed = listGoldenFiles([where.absolute], (real) => privateFolder(real, path.relative(where.absolute, real) ? path.join(where.relative, path.relative(where.absolute, real)) : where.relative));
	if (!listed.ok) return { ok: false, errors: { [field]: listed.message.replace(where.absolute, where.relative) } };
	if (!listed.files.length) return { ok: false, errors: { [field]: `There are no .json files in "${where.relative}"` } };
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
