// What a draw puts in the audit trail: its seed, the sizes, the cases excluded with their
// reasons and, for a redraw, why, with the draw it replaced.
import { recordAudit } from '../audit/audit';
import type { InspectionRecord } from '../../inspection/record';
import type { DrawRecord } from '../../sampling/draw-edit';
import type { Stored } from '../storage/store';

/** Excluded cases listed in one audit line; the rest are counted (every one is in the record). */
const EXCLUDED_LISTED = 200;

const inBrief = (d: DrawRecord) => ({
	seed: d.seed,
	at: d.at,
	by: d.by,
	sizes: d.samples.map((s) => ({ sample: s.sample, eligible: s.eligible, size: s.size, ...(s.chosen ? { chosen: true } : {}), strata: s.groups })),
	selected: d.selected.length
});

export async function auditDraw(before: Stored<InspectionRecord>, after: Stored<InspectionRecord>, actor: string) {
	const draw = after.value.draws?.at(-1);
	if (!draw || (before.value.draws?.length ?? 0) === (after.value.draws?.length ?? 0)) return;
	const previous = before.value.draws?.at(-1);
	const excluded = draw.excluded.slice(0, EXCLUDED_LISTED).map(({ reference, reason }) => ({ reference, reason }));
	await recordAudit({
		actor,
		action: previous ? 'inspection.sample-redraw' : 'inspection.sample-draw',
		target: { kind: 'inspection', id: after.id },
		summary: `case sample ${previous ? 'drawn again' : 'drawn'} for ${after.value.serviceName} with seed ${draw.seed}: ${draw.selected.length} cases from a longlist of ${draw.longlist.cases}, ${draw.longlist.excluded} excluded`,
		before: previous ? inBrief(previous) : null,
		after: {
			...inBrief(draw),
			...(draw.file ? { file: draw.file } : {}),
			excluded,
			...(draw.excluded.length > EXCLUDED_LISTED ? { excludedNotListed: draw.excluded.length - EXCLUDED_LISTED } : {}),
			...(draw.warnings.length ? { warnings: draw.warnings } : {})
		},
		...(draw.reason ? { reason: draw.reason } : {})
	});
}
