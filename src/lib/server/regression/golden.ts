// Golden files: evidence plus the ratings it must produce (contract: shared/DESIGN.md).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJson, validateAgainst, type FrameworkVersion, type Inspection, type Issue } from '../../engine/index';
import { acceptActual, compare, versionChanged, type Difference, type ExpectationChange, type GoldenExpected } from '../../regression/expectations';
import { summarise, type RatingSummary } from '../../regression/summary';
import { rate } from '../rating/rating';
import { rewriteGolden } from './golden-write';

export { compare, type Difference, type ExpectationChange, type GoldenExpected };

export interface GoldenFile {
	name: string;
	description?: string;
	framework: string;
	inspection: Inspection;
	expected: GoldenExpected;
	/** the content hash of the version it was written against */
	hash?: string;
}

/** Everything a run reports about one file; plain data, so it can cross from a worker thread. */
export type GoldenOutcome =
	| {
			/** updated: it failed, and --update rewrote its expectations from the actual results */
			status: 'pass' | 'fail' | 'updated';
			file: string;
			name: string;
			/** the version the file names */
			pinned: string;
			/** the version it was rated against */
			framework: string;
			/** sha256 of the file as read: a later rewrite refuses if the file has changed since */
			hash: string;
			differences: Difference[];
			actual: RatingSummary;
			/** what --update changed */
			changes?: ExpectationChange[];
	  }
	| { status: 'invalid'; file: string; name?: string; errors: Issue[] };

export interface GoldenOptions {
	/** rate against this version instead of the file's own */
	framework?: string;
	rulesDir?: string;
	/** versions already loaded (for example a draft), by "id@version"; others come from the rules folder */
	versions?: Record<string, FrameworkVersion>;
	/** rewrite the expectations of a failing file from the actual results */
	update?: boolean;
}

export const textHash = (text: string) => 'sha256:' + createHash('sha256').update(text).digest('hex');

export function readGolden(file: string): { ok: true; golden: GoldenFile; text: string } | { ok: false; errors: Issue[] } {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		return { ok: false, errors: [{ file, pointer: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, severity: 'error' }] };
	}
	const parsed = parseJson(text, file);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const errors = validateAgainst('golden', parsed.value, file);
	return errors.length ? { ok: false, errors } : { ok: true, golden: parsed.value as GoldenFile, text };
}

/** Rate a golden file's evidence (against its own version, or `framework` when given) and compare. */
export async function runGolden(file: string, options: GoldenOptions = {}): Promise<GoldenOutcome> {
	const read = readGolden(file);
	if (!read.ok) return { status: 'invalid', file, errors: read.errors };
	const { golden, text } = read;
	const ref = options.framework ?? golden.framework;
	const rated = await rate(ref, { inspection: golden.inspection, file, at: '/inspection' }, options);
	if (!rated.ok) {
		// A version that does not exist is this file's fault (unless --framework named it); a broken one is the rules'.
		const errors = rated.stage === 'find' && !options.framework ? rated.errors.map((issue) => ({ ...issue, file, pointer: '/framework' })) : rated.errors;
		return { status: 'invalid', file, name: golden.name, errors };
	}
	const { result } = rated;
	// A pin names the file's own version: rated against another one, it does not apply.
	const changed = options.framework && options.framework !== golden.framework ? [] : versionChanged(golden.hash, result);
	// Updating accepts the new version and its ratings at once; otherwise the change is reported alone.
	const differences = changed.length && !options.update ? changed : [...changed, ...compare(golden.expected, result)];
	const outcome: GoldenOutcome = {
		status: differences.length ? 'fail' : 'pass',
		file,
		name: golden.name,
		pinned: golden.framework,
		framework: result.framework,
		hash: textHash(text),
		differences,
		actual: summarise(result, false)
	};
	if (options.update) {
		const changes = changesToAccept(outcome);
		if (changes.length) {
			const written = rewriteGolden(file, text, changes);
			if (!written.ok) return { status: 'invalid', file, name: golden.name, errors: written.errors };
			return { ...outcome, status: 'updated', changes };
		}
	}
	return outcome;
}

/**
 * What accepting the actual results as expected changes in a file: its differing expectations,
 * and, when it was rated against another version, the version it names.
 */
export function changesToAccept(outcome: Extract<GoldenOutcome, { differences: Difference[] }>): ExpectationChange[] {
	const changes = acceptActual(outcome.differences);
	if (outcome.framework !== outcome.pinned) changes.unshift({ what: 'framework', path: ['framework'], from: outcome.pinned, to: outcome.framework });
	return changes;
}

/**
 * Every golden file under the paths (files as given, folders walked in name order), or why not.
 * The walk never follows a symbolic link out of the folder it was given: a link to a file inside
 * is read as that file; a link leading outside, or nowhere, refuses the lot, naming the link.
 * `refuseFolder` may refuse any folder the walk enters (the data folder, say), with a message.
 */
export function listGoldenFiles(paths: string[], refuseFolder?: (real: string) => string | null): { ok: true; files: string[] } | { ok: false; message: string } {
	const files: string[] = [];
	const walk = (p: string, root: string): string | null => {
		const refused = refuseFolder?.(realpathSync(p));
		if (refused) return refused;
		const entries = readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const entry of entries) {
			const full = path.join(p, entry.name);
			if (entry.isSymbolicLink()) {
				let real: string;
				try {
					real = realpathSync(full);
				} catch {
					return `${full}: is a symbolic link that leads nowhere; golden files are read only from inside the folder given`;
				}
				if (real !== root && !real.startsWith(root + path.sep)) return `${full}: is a symbolic link leading outside the folder given; golden files are read only from inside it`;
				// a folder inside is walked on its own; a file inside is read through the link
				if (entry.name.endsWith('.json') && statSync(real).isFile()) files.push(full);
			} else if (entry.isDirectory()) {
				const refusedBelow = walk(full, root);
				if (refusedBelow) return refusedBelow;
			} else if (entry.name.endsWith('.json')) files.push(full);
		}
		return null;
	};
	for (const p of paths) {
		if (!existsSync(p)) return { ok: false, message: `${p}: no such file or folder` };
		if (statSync(p).isFile()) {
			files.push(p);
			continue;
		}
		const refused = walk(p, realpathSync(p));
		if (refused) return { ok: false, message: refused };
	}
	return { ok: true, files };
}
