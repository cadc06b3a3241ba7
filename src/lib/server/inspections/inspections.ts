// Inspections, stored one JSON file each under <DATA_DIR>/inspections, each pinned to a
// framework version by id, version and content hash. Every write is checked against the record
// schema and against the pinned version's meaning before it reaches the disk.
import path from 'node:path';
import { evaluate, validateAgainst, validateInspection, type EvaluationResult, type FrameworkVersion, type Issue } from '../../engine/index';
import { applyEdits, describeEdits, editScope, type Edit } from '../../inspection/edits';
import { decisionRefusals } from '../../inspection/panel';
import { stampDraw } from '../../sampling/draw-edit';
import type { InspectionOrigin, InspectionRecord } from '../../inspection/record';
import { loadFramework } from '../frameworks/frameworks';
import { DocumentStore, InvalidDocumentError, NotFoundError, dataDir, type Stored } from '../storage/store';
import { users } from '../accounts/users';
import { ownMaps } from '../../engine/own-maps';
import { SummaryIndex, type InspectionFacts } from './summaries';
import { storedResult } from '../rating/stored-rating';
import { longlistFingerprint } from '../sampling/fingerprint';

export type { InspectionRecord } from '../../inspection/record';
export type { InspectionFacts } from './summaries';

/** Schema first (ajv, strict), then the evidence against the version the record is pinned to. */
export function validateRecord(value: unknown, file = 'inspection'): Issue[] {
	const schemaIssues = validateAgainst('inspection-record', value, file);
	if (schemaIssues.length) return schemaIssues;
	const record = value as InspectionRecord;
	const loaded = loadFramework(record.framework);
	if (!loaded.ok) return [{ file, pointer: '/framework', message: loaded.errors[0].message, severity: 'error' }];
	if (loaded.value.hash !== record.frameworkHash) {
		return [{ file, pointer: '/frameworkHash', message: `the files of ${record.framework} have changed since this inspection was pinned to them (pinned ${record.frameworkHash}, now ${loaded.value.hash})`, severity: 'error' }];
	}
	const checked = validateInspection(loaded.value, record.evidence, file, '/evidence');
	return checked.ok ? [] : checked.errors;
}

/**
 * Records read back with evidence maps no id can read a prototype through: the file was valid
 * when written, but is JSON.parse'd again here, and may have been edited by hand since. Every
 * write feeds the summary index.
 */
class InspectionStore extends DocumentStore<InspectionRecord> {
	readonly summaries: SummaryIndex;

	constructor(dir: string, indexFile: string) {
		super(dir, (value) => validateRecord(value));
		this.summaries = new SummaryIndex(this, indexFile);
	}

	protected override prepare(doc: Stored<InspectionRecord>): Stored<InspectionRecord> {
		return doc.value?.evidence ? { ...doc, value: { ...doc.value, evidence: ownMaps(doc.value.evidence) } } : doc;
	}

	protected override written(id: string, doc: Stored<InspectionRecord> | null) {
		this.summaries.written(id, doc);
	}
}

let store: InspectionStore | null = null;

export function inspections(): DocumentStore<InspectionRecord> {
	return inspectionStore();
}

function inspectionStore(): InspectionStore {
	const dir = path.join(dataDir(), 'inspections');
	// derived, and kept apart from the documents: writing it changes nothing in their folder
	if (!store || store.dir !== dir) store = new InspectionStore(dir, path.join(dataDir(), 'indexes', 'inspection-summaries.json'));
	return store;
}

/** The summary index of the inspections in DATA_DIR (tests count its ratings and wait for its file). */
export const summaryIndex = (): SummaryIndex => inspectionStore().summaries;

/** The version an inspection is pinned to, loaded (throws only if the rules folder is broken). */
export function pinnedVersion(record: InspectionRecord): FrameworkVersion {
	const loaded = loadFramework(record.framework);
	if (!loaded.ok) throw new InvalidDocumentError([{ ...loaded.errors[0], pointer: '/framework' }]);
	return loaded.value;
}

/** A new record pinned to the version as it is on disk now. */
export function pinnedRecord(fields: Omit<InspectionRecord, 'frameworkHash' | 'status'> & { status?: InspectionRecord['status'] }): InspectionRecord {
	const loaded = loadFramework(fields.framework);
	if (!loaded.ok) throw new InvalidDocumentError([{ ...loaded.errors[0], pointer: '/framework' }]);
	const record: InspectionRecord = { serviceName: fields.serviceName, framework: fields.framework, frameworkHash: loaded.value.hash, status: fields.status ?? 'in-progress', evidence: fields.evidence };
	if (fields.fieldwork && Object.keys(fields.fieldwork).length) record.fieldwork = fields.fieldwork;
	return record;
}

/** A new inspection, with whoever made it as its team. */
export function createInspection(
	record: InspectionRecord,
	by: string,
	change = 'created the inspection',
	origin: Pick<InspectionOrigin, 'how' | 'from'> = { how: 'created' }
): Promise<Stored<InspectionRecord>> {
	return inspections().create({ ...record, team: [by], origin: { ...origin, by, at: new Date().toISOString() } }, by, change);
}

export async function duplicateInspection(id: string, by: string): Promise<Stored<InspectionRecord>> {
	const original = await inspections().get(id);
	if (!original) throw new NotFoundError(id);
	const copy: InspectionRecord = { ...structuredClone(original.value), serviceName: `${original.value.serviceName} (copy)`, status: 'in-progress' };
	return createInspection(copy, by, `duplicated from "${original.value.serviceName}"`, { how: 'duplicated', from: original.value.serviceName });
}

/**
 * What the server knows of a draw that no request may say: the seed it proposed for it, from its
 * own pending longlist (null: none was, as for a draw sent to the edits API with its own seed;
 * undefined: not known, for a longlist uploaded before proposals were kept).
 */
export interface DrawStamp {
	proposedSeed: number | null | undefined;
}

/**
 * Apply the browser's edits to the stored record, if it is still at `baseRevision`. A panel
 * decision the rules do not allow is refused here as in the browser, with the rule's text.
 * `beforeWrite` (the audit) runs when the save is sure to be attempted, before the file changes.
 */
export async function saveEdits(
	id: string,
	baseRevision: number,
	edits: Edit[],
	by: string,
	beforeWrite?: (before: Stored<InspectionRecord>, after: Stored<InspectionRecord>) => Promise<void>,
	draw: DrawStamp = { proposedSeed: null }
): Promise<Stored<InspectionRecord>> {
	const store = inspections();
	const current = await store.get(id);
	if (!current) throw new NotFoundError(id);
	if (!Array.isArray(edits) || !edits.length) throw new InvalidDocumentError([{ file: 'edit', pointer: '', message: 'there are no changes to save', severity: 'error' }]);
	// the server stamps one draw per save (who, when, the seed it proposed): a second would reach the schema unstamped
	const draws = edits.filter((edit) => edit?.type === 'draw').length;
	if (draws > 1) throw new InvalidDocumentError([{ file: 'edit', pointer: '', message: `One draw is allowed per request, and this one has ${draws}: send each draw in a request of its own.`, severity: 'error' }]);
	// The edits are checked against the ids of the version the record is pinned to before they touch it.
	const framework = pinnedVersion(current.value);
	const applied = applyEdits(current.value, edits, { ...editScope(framework), fingerprint: longlistFingerprint });
	if (!applied.ok) throw new InvalidDocumentError(applied.issues);
	if (edits.some((edit) => edit.type === 'draw')) stampDraw(applied.record, by, undefined, draw.proposedSeed);
	const problems = validateRecord(applied.record);
	if (problems.length) throw new InvalidDocumentError(problems);
	for (const edit of edits) if (edit.type === 'team') await checkTeam(edit.team);
	for (const edit of edits) {
		if (edit.type !== 'decide' || !edit.decision) continue;
		const refusals = await decisionRefusals(framework, applied.record.evidence, edit.standard, edit.decision);
		if (refusals.length) {
			throw new InvalidDocumentError([{ file: 'edit', pointer: `/evidence/decisions/${edit.standard}/rating`, message: `The rules do not allow this decision: ${refusals.join(' ')}`, severity: 'error' }]);
		}
	}
	stampDecisions(applied.record, edits, by);
	// store.update checks the revision again, inside its queue: a write landing in between is refused.
	return store.update(id, baseRevision, applied.record, by, describeEdits(edits), beforeWrite);
}

/**
 * Who recorded each decision and when: the signed-in account and the server's clock, never
 * anything the request says. A withdrawn decision takes its stamp with it.
 */
function stampDecisions(record: InspectionRecord, edits: Edit[], by: string) {
	const at = new Date().toISOString();
	for (const edit of edits) {
		if (edit.type !== 'decide') continue;
		// entries, not indexing: a standard called "__proto__" stays a key (which the schema refuses)
		const kept = Object.entries(record.decided ?? {}).filter(([standard]) => standard !== edit.standard);
		const made = edit.decision && Object.hasOwn(record.evidence.decisions ?? {}, edit.standard);
		const decided = Object.fromEntries(made ? [...kept, [edit.standard, { by, at }]] : kept);
		if (Object.keys(decided).length) record.decided = decided;
		else delete record.decided;
	}
}

/** Everyone named on a team is an account with the inspector role. */
async function checkTeam(team: string[]) {
	const issues: Issue[] = [];
	for (const [index, name] of team.entries()) {
		const account = (await users().get(name))?.value;
		if (!account || account.disabled) issues.push({ file: 'edit', pointer: `/team/${index}`, message: `there is no account called "${name}"`, severity: 'error' });
		else if (!account.roles.includes('inspector')) issues.push({ file: 'edit', pointer: `/team/${index}`, message: `${name} is not an inspector`, severity: 'error' });
	}
	if (issues.length) throw new InvalidDocumentError(issues);
}

/** A stored revision's ratings under the version it is pinned to, through the one rating path (a revision a page has open is not rated again). */
export async function rate(doc: Stored<InspectionRecord>): Promise<EvaluationResult> {
	return storedResult(doc, pinnedVersion(doc.value));
}

export interface InspectionSummary {
	id: string;
	revision: number;
	serviceName: string;
	framework: string;
	frameworkTitle: string;
	inspectionType: string | null;
	status: InspectionRecord['status'];
	/** the composite outcome: a rating id, or needs-decision */
	overall: string;
	/** the version's rating scale, to name the outcome */
	scale: FrameworkVersion['meta']['ratings'];
	score: number | null;
	/** the inspectors who may change it; empty for a record made before teams */
	team: string[];
	updatedAt: string;
	/** whether any evidence is recorded: an empty inspection is "not started", not pending a decision */
	started: boolean;
	/** how and when it was made (records made before this was kept: when only) */
	origin: InspectionOrigin | { how: null; at: string };
}

/** Every inspection's summary, most recently changed first: rated at most once per revision of its evidence. */
export async function listInspections(): Promise<InspectionSummary[]> {
	const { summaries, version } = await summaryIndex().summaries(true);
	const listed = summaries.map(({ facts, rating }): InspectionSummary => {
		const framework = version(facts.framework);
		const typeLabel = framework?.inspectionTypes.find((t) => t.id === facts.inspectionType)?.label;
		return {
			...facts,
			frameworkTitle: framework?.title ?? facts.framework,
			inspectionType: typeLabel ?? facts.inspectionType,
			scale: framework?.ratings ?? [],
			overall: rating?.overall ?? 'not-rated',
			score: rating?.score ?? null
		};
	});
	return listed.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1));
}

/** One page of the list, newest first, with how many there are in all. */
export async function inspectionPage(page: number, perPage: number): Promise<{ inspections: InspectionSummary[]; total: number; pages: number; page: number }> {
	const all = await listInspections();
	const pages = Math.max(1, Math.ceil(all.length / perPage));
	return { inspections: all.slice((page - 1) * perPage, page * perPage), total: all.length, pages, page };
}

/**
 * What each inspection that exists says outright (its id, name, framework version, status…),
 * from the summaries: pages that name or count every inspection read no document the index has
 * seen as it is now, and rate nothing.
 */
export async function inspectionFacts(): Promise<InspectionFacts[]> {
	return (await summaryIndex().summaries(false)).summaries.map(({ facts }) => facts);
}

/** The service name of each inspection that exists, by id (no rating needed). */
export async function inspectionNames(): Promise<Map<string, string>> {
	return new Map((await inspectionFacts()).map((facts) => [facts.id, facts.serviceName]));
}
