// The stored shape of one inspection (schema/inspection-record.schema.json): shared by the
// server, which keeps it, and the browser, which edits it.
import type { Inspection } from '../engine/types';

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
	evidence: Inspection;
}

export type Case = NonNullable<Inspection['cases']>[number];

export const STATUS_LABELS: Record<InspectionStatus, string> = {
	'in-progress': 'In progress',
	complete: 'Complete'
};
