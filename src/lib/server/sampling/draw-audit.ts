// What a draw puts in the audit trail: its seed and whether it was the one proposed, the
// longlist's fingerprint, the sizes, the cases excluded with their reasons and, for a redraw,
// why, with the draw it replaced.
import { recordAudit } from '../audit/audit';
import type { InspectionRecord } from '../../inspection/record';
import type { DrawRecord } from '../../sampling/draw-edit';
import type { Stored } from '../storage/store';

/** Excluded cases listed in one audit line; the rest are counted (every one is in the record). */
const EXCLUDED_LISTED = 200;

/** The seed proposed and whether it was changed, in words for the trail; draws from before it was kept say so. */
export function proposalInWords(d: DrawRecord): string {
	if (d.proposal === undefined) return 'whether the seed was the proposed one is not recorded';
	if (d.proposal === null) return 'no seed was proposed: the seed came with the request';
	return d.proposal.changed ? `the proposed seed ${d.proposal.seed} was changed to ${d.seed}` : 'the seed was the one proposed';
}

const inBrief = (d: DrawRecord) => ({
	seed: d.seed,
	// null in the trail where the record has none (a draw from before either was kept): "not recorded", never left out
	proposal: d.proposal ?? null,
	seedProposal: proposalInWords(d),
	longlistSha256: d.longlist.sha256 ?? null,
	at: d.at,
	by: d.by,
	sizes: d.samples.map((s) => ({ sample: s.sample, eligible: s.eligible, size: s.size, ...(s.chosen ? { chosen: true, chosenBy: d.by } : {}), strata: s.groups })),
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
		summary: `case sample ${previous ? 'drawn again' : 'drawn'} for ${after.value.serviceName} with seed ${draw.seed}: ${draw.selected.length} cases from a longlist of ${draw.longlist.cases}, ${draw.longlist.excluded} excluded; ${proposalInWords(draw)}${draw.longlist.sha256 ? `; longlist SHA-256 ${draw.longlist.sha256}` : ''}`,
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
