// The stored shape of one inspection (schema/inspection-record.schema.json): shared by the
// server, which keeps it, and the browser, which edits it.
import type { Inspection } from '../engine/types';
import type { DrawRecord } from '../sampling/draw-edit';

export type InspectionStatus = 'in-progress' | 'complete';

export interface InspectionRecord {
	serviceName: string;
	/** "id@version" */
	framework: string;
	/** the content hash of that version when the inspection was created */
	frameworkHash: string;
	/** ISO dates (yyyy-mm-dd) */
	fieldwork?: { from?: string; to?: string };
	status: InspectionStatus;
	/** The inspectors who may change the evidence (account names); whoever created it first. */
	team?: string[];
	/** how it was made: two copies of one imported file are told apart by this */
	origin?: InspectionOrigin;
	/** Who recorded each panel decision and when, by standard: set by the server from the signed-in account. */
	decided?: Record<string, DecisionMade>;
	/** every case sample drawn from a longlist, oldest first: the last is the current one */
	draws?: DrawRecord[];
	evidence: Inspection;
}

export interface InspectionOrigin {
	how: 'created' | 'duplicated' | 'imported';
	/** the service name duplicated, or the file imported */
	from?: string;
	by: string;
	/** ISO date and time */
	at: string;
}

export interface DecisionMade {
	/** account name */
	by: string;
	/** ISO date and time */
	at: string;
}

/**
 * Whether this account is on the inspection's team. Records made before teams existed have
 * none, and stay open to every inspector until one of them names a team.
 */
export function onTeam(record: Pick<InspectionRecord, 'team'>, name: string): boolean {
	return !record.team?.length || record.team.includes(name);
}

export type Case = NonNullable<Inspection['cases']>[number];

/** Looked up with a stored status: no prototype, so an odd one reads as undefined, never as an inherited function. */
export const STATUS_LABELS: Record<InspectionStatus, string> = Object.assign(Object.create(null), {
	'in-progress': 'In progress',
	complete: 'Complete'
});
