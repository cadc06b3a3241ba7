// How outcomes read and look: the version's own rating labels, and a tag colour by the rating's
// place on its scale (best green … worst red), so no rating id is named here.
import { NEEDS_DECISION, NOT_RATED, type FrameworkMeta } from '../engine/types';

type Scale = FrameworkMeta['ratings'];

export function outcomeLabel(scale: Scale, outcome: string, short = false): string {
	if (outcome === NEEDS_DECISION) return short ? 'Pending' : 'Needs a panel decision';
	if (outcome === NOT_RATED) return 'Not rated';
	return scale.find((r) => r.id === outcome)?.label ?? outcome;
}

const COLOURS = ['green', 'turquoise', 'yellow', 'red'];

/** A colour name (as GOV.UK tags name them) for an outcome. */
export function outcomeTone(scale: Scale, outcome: string): string {
	if (outcome === NEEDS_DECISION) return 'purple';
	if (outcome === NOT_RATED) return 'grey';
	const best = [...scale].sort((a, b) => b.score - a.score);
	const at = best.findIndex((r) => r.id === outcome);
	if (at < 0) return 'grey';
	// spread the scale over the four colours, whatever its length
	return COLOURS[Math.round((at * (COLOURS.length - 1)) / Math.max(1, best.length - 1))];
}

export function outcomeTagClass(scale: Scale, outcome: string): string {
	return `govuk-tag--${outcomeTone(scale, outcome)}`;
}

/** Ratings best first, as a list reads "Good or Requires improvement". */
export function ratingList(scale: Scale, ids: string[]): string {
	const labels = ids.map((id) => outcomeLabel(scale, id));
	return labels.length <= 1 ? (labels[0] ?? 'none') : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
