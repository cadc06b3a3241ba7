// Evidence to try a version with: a golden file from tests/golden, a stored inspection, or
// evidence pasted as JSON (a golden file's envelope or a bare inspection).
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJson, type Checked, type Issue } from '../../engine/index';
import { readGolden } from '../regression/golden';
import { inspectionFacts, inspections } from '../inspections/inspections';

export const goldenDir = () => path.resolve(process.env.GOLDEN_DIR ?? 'tests/golden');

export interface EvidenceChoice {
	/** "golden:<path under the golden folder>" or "inspection:<id>" */
	value: string;
	label: string;
	group: 'Golden files' | 'Inspections';
}

/** Whether a path really lies inside the folder, links followed: a link out of the golden folder is never read. */
function reallyInside(full: string, dir: string): boolean {
	try {
		const real = realpathSync(full);
		const root = realpathSync(dir);
		return real.startsWith(root + path.sep);
	} catch {
		return false;
	}
}

function goldenFiles(dir: string, under = ''): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(path.join(dir, under), { withFileTypes: true })
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((entry) => {
			const rel = path.posix.join(under, entry.name);
			if (entry.isDirectory()) return goldenFiles(dir, rel);
			// a link is offered only if it stays inside (a link to a folder is not walked: its files are reached directly)
			if (entry.isSymbolicLink() && !(reallyInside(path.join(dir, rel), dir) && statSync(path.join(dir, rel)).isFile())) return [];
			return entry.name.endsWith('.json') ? [rel] : [];
		});
}

export async function evidenceChoices(): Promise<EvidenceChoice[]> {
	const golden = goldenFiles(goldenDir()).map((rel): EvidenceChoice => ({ value: `golden:${rel}`, label: rel, group: 'Golden files' }));
	// from the summaries: naming every inspection reads none of their files
	const stored = (await inspectionFacts())
		.sort((a, b) => a.serviceName.localeCompare(b.serviceName))
		.map((facts): EvidenceChoice => ({ value: `inspection:${facts.id}`, label: `${facts.serviceName} (${facts.framework})`, group: 'Inspections' }));
	return [...golden, ...stored];
}

const problem = (file: string, message: string, pointer = ''): Checked<never> => ({ ok: false, errors: [{ file, pointer, message, severity: 'error' }], warnings: [] });

/** The evidence a choice names, with the pointer prefix its inspection sits under. */
export async function readEvidence(choice: string): Promise<Checked<{ inspection: unknown; file: string; at: string }>> {
	const [kind, ...rest] = choice.split(':');
	const name = rest.join(':');
	if (kind === 'golden') {
		const dir = goldenDir();
		const full = path.resolve(dir, name);
		if (!full.startsWith(dir + path.sep) || !existsSync(full) || !reallyInside(full, dir) || !statSync(full).isFile()) return problem(name || 'evidence', 'no such golden file');
		const read = readGolden(full);
		if (!read.ok) return { ok: false, errors: read.errors, warnings: [] };
		return { ok: true, value: { inspection: read.golden.inspection, file: `tests/golden/${name}`, at: '/inspection' }, warnings: [] };
	}
	if (kind === 'inspection') {
		const doc = await inspections().get(name);
		if (!doc) return problem(name || 'evidence', 'no such inspection');
		return { ok: true, value: { inspection: doc.value.evidence, file: `inspection ${doc.value.serviceName}`, at: '' }, warnings: [] };
	}
	return problem('evidence', 'Choose a golden file or an inspection');
}

/** Pasted JSON: a golden file (or any { inspection } envelope) or a bare inspection. */
export function pastedEvidence(text: string): Checked<{ inspection: unknown; file: string; at: string }> {
	const parsed = parseJson(text, 'pasted evidence');
	if (!parsed.ok) return parsed;
	const doc = parsed.value as Record<string, unknown>;
	const envelope = !!doc && typeof doc === 'object' && 'inspection' in doc;
	return { ok: true, value: { inspection: envelope ? doc.inspection : doc, file: 'pasted evidence', at: envelope ? '/inspection' : '' }, warnings: [] };
}

export type { Issue };
