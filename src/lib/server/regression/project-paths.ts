// Paths a person types into a page: only ever inside the project folder (where the app runs).
import { existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export const projectDir = () => path.resolve(process.env.PROJECT_DIR ?? process.cwd());

export type ProjectPath = { ok: true; absolute: string; relative: string } | { ok: false; message: string };

/** A folder or JSON file inside the project, from a path relative to it; refused otherwise. */
export function resolveProjectPath(input: string): ProjectPath {
	const typed = input.trim();
	if (!typed) return { ok: false, message: 'Enter a folder of golden files, relative to the project folder' };
	if (path.isAbsolute(typed) || /^[a-zA-Z]:/.test(typed)) return { ok: false, message: 'Enter a path relative to the project folder, like tests/golden, not a full path' };
	if (typed.split(/[\\/]/).includes('..')) return { ok: false, message: 'The path must stay inside the project folder: it cannot contain ..' };
	const root = realpathSync(projectDir());
	const absolute = path.resolve(root, typed);
	if (!existsSync(absolute)) return { ok: false, message: `There is no folder or file "${typed}" in the project folder` };
	// A link inside the project may lead outside it: judge where it really goes.
	const real = realpathSync(absolute);
	if (real !== root && !real.startsWith(root + path.sep)) return { ok: false, message: 'The path must stay inside the project folder' };
	const stat = statSync(real);
	if (!stat.isDirectory() && !(stat.isFile() && real.endsWith('.json'))) return { ok: false, message: 'Enter a folder, or a .json golden file' };
	return { ok: true, absolute: real, relative: path.relative(root, real) || '.' };
}
