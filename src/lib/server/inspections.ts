// Inspections, stored one JSON file each under <DATA_DIR>/inspections, each pinned to a
// framework version by id, version and content hash.
import path from 'node:path';
import type { Inspection } from '../engine/index';
import { DocumentStore, dataDir } from './store';

export interface InspectionRecord {
	serviceName: string;
	/** "id@version" */
	framework: string;
	/** the content hash of that version when the inspection was created */
	frameworkHash: string;
	fieldwork?: { from?: string; to?: string };
	status: 'in-progress' | 'complete';
	evidence: Inspection;
}

let store: DocumentStore<InspectionRecord> | null = null;

export function inspections(): DocumentStore<InspectionRecord> {
	const dir = path.join(dataDir(), 'inspections');
	if (!store || store.dir !== dir) store = new DocumentStore<InspectionRecord>(dir);
	return store;
}
