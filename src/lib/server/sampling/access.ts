// Who may see and draw an inspection's case sample: everyone signed in sees it; only the
// inspection's team, as inspectors, uploads a longlist and draws (as the workspace's saves).
import { error } from '@sveltejs/kit';
import { requireTeam, type SignedIn } from '../accounts/auth';
import { inspections, pinnedVersion } from '../inspections/inspections';
import type { InspectionRecord } from '../../inspection/record';
import type { FrameworkVersion } from '../../engine/index';
import type { SamplingRules } from '../../sampling/index';
import type { Stored } from '../storage/store';

export interface SampleContext {
	user: SignedIn;
	doc: Stored<InspectionRecord>;
	framework: FrameworkVersion;
}

/** `user` has been checked by the route (requirePermission); `draw`: only the inspection's team may. */
export async function sampleContext(user: SignedIn, id: string, draw: boolean): Promise<SampleContext> {
	const doc = await inspections().get(id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	if (draw) requireTeam(user, doc.value);
	return { user, doc, framework: pinnedVersion(doc.value) };
}

/** The version's sampling rules, or a 409 saying the version has none. */
export function samplingOf(framework: FrameworkVersion): SamplingRules {
	if (!framework.sampling) error(409, `${framework.meta.id}@${framework.meta.version} has no sampling rules (sampling.json): it does not say how its case samples are drawn.`);
	return framework.sampling;
}
