// Evidence is keyed by ids that arrive from outside (a request, an uploaded or stored file). Once
// checked, its maps are rebuilt without a prototype: reading one by any id (a version may call a
// standard "constructor") finds only what the evidence holds, never what every object inherits.
import type { Inspection } from './types';

function bare<T>(map: Record<string, T>, each: (value: T) => T = (v) => v): Record<string, T> {
	const out: Record<string, T> = Object.create(null);
	for (const [key, value] of Object.entries(map)) Object.defineProperty(out, key, { value: each(value), writable: true, enumerable: true, configurable: true });
	return out;
}

/** A copy of the evidence whose maps (context, tallies, answers, facts, judgements, decisions, caseload) have no prototype. */
export function ownMaps(inspection: Inspection): Inspection {
	const out: Inspection = { ...inspection };
	if (inspection.context) out.context = bare(inspection.context);
	if (inspection.tallies) out.tallies = bare(inspection.tallies, (t) => ({ ...t }));
	if (inspection.cases) {
		out.cases = inspection.cases.map((c) => {
			const copy = { ...c };
			if (c.facts) copy.facts = bare(c.facts);
			if (c.answers) copy.answers = bare(c.answers);
			return copy;
		});
	}
	if (inspection.judgements) {
		out.judgements = bare(inspection.judgements, (j) => {
			const copy = { ...j };
			if (j.keyQuestions) copy.keyQuestions = bare(j.keyQuestions);
			if (j.prompts) copy.prompts = bare(j.prompts);
			return copy;
		});
	}
	if (inspection.decisions) out.decisions = bare(inspection.decisions, (d) => ({ ...d }));
	if (inspection.caseload) out.caseload = bare(inspection.caseload);
	return out;
}
