// Copies of shipped framework versions in temporary rules folders, changed as a test needs.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRules = path.resolve('rules');

export function tempRules(): string {
	return mkdtempSync(path.join(tmpdir(), 'yardstick-rules-'));
}

/**
 * Copy rules/<framework>/<version> to <rulesDir>/<framework>/<asVersion>, as an unpublished
 * revision (without publication.json), named for its folder; returns the new folder.
 */
export function copyVersion(base: string, rulesDir: string, asVersion = base.split('/')[1]): string {
	const [id] = base.split('/');
	const dir = path.join(rulesDir, id, asVersion);
	mkdirSync(path.dirname(dir), { recursive: true });
	cpSync(path.join(repoRules, base), dir, { recursive: true, filter: (from) => path.basename(from) !== 'publication.json' });
	if (asVersion !== base.split('/')[1]) {
		const file = path.join(dir, 'framework.json');
		const meta = JSON.parse(readFileSync(file, 'utf8'));
		writeFileSync(file, JSON.stringify({ ...meta, version: asVersion }, null, 2) + '\n');
	}
	return dir;
}

export interface PatchOp {
	op: 'add' | 'replace' | 'remove' | 'text';
	/** first segment is the file (e.g. /domains~12.json/standards/0/id) */
	path: string;
	value?: unknown;
}

/** Apply JSON-pointer edits (or a whole-text replacement) to a version folder's files. */
export function patchVersion(dir: string, ops: PatchOp[]) {
	for (const op of ops) {
		const [file, ...segments] = op.path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
		const full = path.join(dir, file);
		if (op.op === 'text') {
			writeFileSync(full, String(op.value));
			continue;
		}
		const doc = JSON.parse(readFileSync(full, 'utf8'));
		const last = segments.pop()!;
		const parent = segments.reduce((node, key) => node[key], doc);
		if (op.op === 'remove') {
			if (Array.isArray(parent)) parent.splice(Number(last), 1);
			else delete parent[last];
		} else if (Array.isArray(parent) && last === '-') parent.push(op.value);
		else if (Array.isArray(parent) && op.op === 'add') parent.splice(Number(last), 0, op.value);
		else parent[last] = op.value;
		writeFileSync(full, JSON.stringify(doc, null, 2) + '\n');
	}
}
