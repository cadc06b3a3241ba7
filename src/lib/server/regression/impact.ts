// One item of an impact corpus rated under two versions, each with only the evidence it defines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJson, validateAgainst, type FrameworkVersion, type Inspection, type Issue } from '../../engine/index';
import { rateWith } from '../rating/rating';
import { fitEvidence } from '../../regression/evidence-fit';
import type { ImpactItem, ImpactSide, VersionScale } from '../../regression/movement';
import { summarise } from '../../regression/summary';
import { inspections } from '../inspections/inspections';

/**
 * A file (a golden file, or bare evidence), evidence already in hand, or a stored inspection by
 * id: read where it is rated (a worker thread, for a long run), so no thread holds them all.
 */
export type ImpactSource = { file: string; label?: string } | { id: string; name: string; inspection: unknown } | { id: string; stored: true };

export async function rateUnderBoth(source: ImpactSource, from: FrameworkVersion, to: FrameworkVersion): Promise<ImpactItem> {
	const read = 'stored' in source ? await readStored(source.id) : readEvidence(source);
	if (!read.ok) return { id: read.id, name: read.name, ...(read.file ? { file: read.file } : {}), invalid: read.errors };
	const { id, name, file, evidence, at } = read;
	return {
		id,
		name,
		...(file ? { file } : {}),
		from: await rateUnder(from, evidence, file ?? id, at),
		to: await rateUnder(to, evidence, file ?? id, at)
	};
}

async function rateUnder(framework: FrameworkVersion, evidence: Inspection, where: string, at: string): Promise<ImpactSide> {
	const { inspection, dropped } = fitEvidence(framework, evidence, at);
	const rated = await rateWith(framework, { inspection, file: where, at });
	if (!rated.ok) return { ok: false, errors: rated.errors, dropped };
	return { ok: true, summary: summarise(rated.result, true), dropped };
}

type Read = { ok: true; id: string; name: string; file?: string; evidence: Inspection; at: string } | { ok: false; id: string; name: string; file?: string; errors: Issue[] };

async function readStored(id: string): Promise<Read> {
	const doc = await inspections().get(id, { once: true });
	if (!doc) return { ok: false, id, name: id, errors: [{ file: id, pointer: '', message: 'this inspection has been deleted since the run began', severity: 'error' }] };
	return readEvidence({ id, name: doc.value.serviceName, inspection: doc.value.evidence });
}

function readEvidence(source: Exclude<ImpactSource, { stored: true }>): Read {
	if ('inspection' in source) {
		const errors = validateAgainst('inspection', source.inspection, source.id);
		return errors.length ? { ok: false, id: source.id, name: source.name, errors } : { ok: true, id: source.id, name: source.name, evidence: source.inspection as Inspection, at: '' };
	}
	const file = source.file;
	const label = source.label ?? file;
	const fallback = { id: label, name: path.basename(file), file: label };
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		return { ok: false, ...fallback, errors: [{ file: label, pointer: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, severity: 'error' }] };
	}
	const parsed = parseJson(text, label);
	if (!parsed.ok) return { ok: false, ...fallback, errors: parsed.errors };
	const doc = parsed.value as Record<string, unknown>;
	// A golden file (or any {inspection} envelope) or bare evidence.
	const envelope = !!doc && typeof doc === 'object' && !Array.isArray(doc) && 'inspection' in doc;
	const name = envelope && typeof doc.name === 'string' ? doc.name : fallback.name;
	const at = envelope ? '/inspection' : '';
	const evidence = envelope ? doc.inspection : doc;
	const errors = validateAgainst('inspection', evidence, label, at);
	return errors.length ? { ok: false, ...fallback, name, errors } : { ok: true, ...fallback, name, evidence: evidence as Inspection, at };
}

export function scaleOf(framework: FrameworkVersion): VersionScale {
	return {
		ref: `${framework.meta.id}@${framework.meta.version}`,
		ratings: Object.fromEntries(framework.meta.ratings.map((r) => [r.id, { score: r.score, label: r.label }]))
	};
}
