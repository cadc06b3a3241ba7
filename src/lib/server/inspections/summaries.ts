// Each inspection's summary (name, status, team, overall rating…), kept so the list neither
// reads every document nor rates anything it rated before. An entry is derived, never a source:
// it is used only while the document is at the version the entry was taken at (the store's
// versions(), checked on every listing), and its rating only while the evidence digest and the
// version's content hash it was rated with still match. The index is fed by the store's writes,
// and kept on disk (after a crash, a file that lags behind the documents is caught by the same
// checks, and what it has wrong is worked out again) so a restart rates nothing twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WriteSoon } from '../storage/write-soon';
import type { FrameworkMeta, FrameworkVersion } from '../../engine/index';
import type { InspectionOrigin, InspectionRecord } from '../../inspection/record';
import { loadFramework, versionFolder } from '../frameworks/frameworks';
import { storedResult } from '../rating/stored-rating';
import { DurableJSONFile, removeLeftovers } from '../storage/durable-file';
import type { DocumentStore, DocumentVersion, Stored } from '../storage/store';

/** What the list shows of an inspection that its document says outright. */
export interface InspectionFacts {
	id: string;
	revision: number;
	serviceName: string;
	framework: string;
	/** the inspection type's id, as recorded */
	inspectionType: string | null;
	status: InspectionRecord['status'];
	team: string[];
	updatedAt: string;
	/** whether any evidence is recorded: an empty inspection is "not started", not pending a decision */
	started: boolean;
	origin: InspectionOrigin | { how: null; at: string };
}

export interface Rating {
	/** the content hash of the version it was rated under ('' when it could not be loaded) */
	ratedWith: string;
	/** the composite outcome: a rating id, needs-decision, or not-rated */
	overall: string;
	score: number | null;
}

interface Entry {
	/** the document's version this entry was checked against (taken before it was read) */
	token: string;
	facts: InspectionFacts;
	/** of the framework reference and the evidence: what the rating depends on besides the rules */
	digest: string;
	rating: Rating | null;
}

const FORMAT = 1;
/**
 * Which build of the app wrote the file: ratings (and what a version's validation gives) may
 * change with the code, so a new build (each writes its files anew) works them out again.
 */
const BUILD = (() => {
	try {
		const file = fileURLToPath(import.meta.url);
		return `${file}@${statSync(file).mtimeMs}`;
	} catch {
		return 'unknown';
	}
})();
/** Documents read at once when checking: bounded, so a cold start does not hold 2,000 at once. */
const READ_AT_ONCE = 8;

const filled = (x: object | undefined) => !!x && Object.keys(x).length > 0;
const hasEvidence = (e: InspectionRecord['evidence']) => !!e.cases?.length || filled(e.tallies) || filled(e.judgements) || filled(e.decisions);

function factsOf(doc: Stored<InspectionRecord>): InspectionFacts {
	const type = doc.value.evidence.context?.inspectionType;
	return {
		id: doc.id,
		revision: doc.revision,
		serviceName: doc.value.serviceName,
		framework: doc.value.framework,
		inspectionType: typeof type === 'string' ? type : null,
		status: doc.value.status,
		team: doc.value.team ?? [],
		updatedAt: doc.updatedAt,
		started: hasEvidence(doc.value.evidence),
		origin: doc.value.origin ?? { how: null, at: doc.createdAt }
	};
}

const digestOf = (record: InspectionRecord) => createHash('sha256').update(record.framework).update('\n').update(JSON.stringify(record.evidence)).digest('base64');

/**
 * What the list needs of a framework version: its content hash (to know a rating is still
 * right) and the words to show. Kept with the summaries, with the state of the version's folder
 * it was read at, so a fresh start need not read and validate a version's rules to list
 * inspections rated under it: while the folder is as it was, the version loads as it did.
 */
export interface VersionFacts {
	ref: string;
	dir: string;
	signature: string;
	hash: string;
	title: string;
	ratings: FrameworkMeta['ratings'];
	inspectionTypes: NonNullable<FrameworkMeta['inspectionTypes']>;
}

const factsOfVersion = (ref: string, dir: string, signature: string, version: FrameworkVersion): VersionFacts => ({
	ref,
	dir,
	signature,
	hash: version.hash,
	title: version.meta.title,
	ratings: version.meta.ratings,
	inspectionTypes: version.meta.inspectionTypes ?? []
});

export class SummaryIndex {
	private readonly entries = new Map<string, Entry>();
	/** by "id@version": what was read of each version, and at which state of its folder */
	private readonly versionFacts = new Map<string, VersionFacts>();
	private loaded = false;
	/** one check at a time: two lists at once share it rather than rate everything twice */
	private checking: Promise<void> | null = null;
	private readonly writes = new WriteSoon(() => this.persist(), 'the inspection summaries');
	/** ratings worked out by this index (tests count them) */
	ratings = 0;

	constructor(
		private readonly store: DocumentStore<InspectionRecord>,
		readonly file: string
	) {}

	/**
	 * Every inspection's facts, and with `rated` its rating as well, each checked against its
	 * document; and what the list shows of each version they are pinned to (null: it cannot be loaded).
	 */
	async summaries(rated: boolean): Promise<{ summaries: { facts: InspectionFacts; rating: Rating | null }[]; version: (ref: string) => VersionFacts | null }> {
		// A check in progress may have started before a write this caller has seen: wait, then check again.
		while (this.checking) await this.checking;
		const version = this.versionsNow();
		this.checking = this.check(rated, version).finally(() => (this.checking = null));
		await this.checking;
		return { summaries: [...this.entries.values()].map((e) => ({ facts: e.facts, rating: e.rating })), version };
	}

	/** Each version as it is now, looked at once per listing: from what was kept while its folder is unchanged, else loaded. */
	private versionsNow(): (ref: string) => VersionFacts | null {
		this.loadFile();
		const seen = new Map<string, VersionFacts | null>();
		return (ref) => {
			if (seen.has(ref)) return seen.get(ref)!;
			let facts: VersionFacts | null = null;
			const { found, signature } = versionFolder(ref);
			if (!('message' in found)) {
				const kept = this.versionFacts.get(ref);
				if (kept?.dir === found.dir && kept.signature === signature) facts = kept;
				else {
					const loaded = loadFramework(ref);
					if (loaded.ok) {
						facts = factsOfVersion(ref, found.dir, signature, loaded.value);
						this.versionFacts.set(ref, facts);
						this.writes.soon();
					}
				}
			}
			seen.set(ref, facts);
			return facts;
		};
	}

	/**
	 * Fed by the store, in the document's write queue. The entry is checked once by reading (no
	 * version token yet: another process could have written the file since), but its rating is
	 * kept for the evidence it was worked out from.
	 */
	written(id: string, doc: Stored<InspectionRecord> | null) {
		if (!doc) {
			this.entries.delete(id);
		} else {
			const digest = digestOf(doc.value);
			const before = this.entries.get(id);
			// a change of status, team or name keeps the rating: it depends on the evidence alone
			this.entries.set(id, { token: '', facts: factsOf(doc), digest, rating: before?.digest === digest ? before.rating : null });
		}
		this.writes.soon();
	}

	private async check(rated: boolean, current: (ref: string) => VersionFacts | null) {
		const versions = await this.store.versions();
		let changed = false;
		for (const id of [...this.entries.keys()]) {
			if (!versions.has(id)) changed = this.entries.delete(id) || changed;
		}
		const ratingValid = (e: Entry) => !!e.rating && e.rating.ratedWith === (current(e.facts.framework)?.hash ?? '');
		const work: [string, DocumentVersion][] = [];
		for (const [id, version] of versions) {
			const entry = this.entries.get(id);
			const trusted = entry && version.settled && entry.token === version.token;
			if (!trusted || (rated && !ratingValid(entry))) work.push([id, version]);
		}
		let next = 0;
		const worker = async () => {
			while (next < work.length) {
				const [id, version] = work[next++];
				const before = this.entries.get(id);
				const doc = await this.store.get(id, { once: true }); // each read once, to summarise: not kept, so it never pushes out what pages keep
				if (this.entries.get(id) !== before) continue; // a write landed meanwhile: its entry is newer
				if (!doc) {
					this.entries.delete(id);
					changed = true;
					continue;
				}
				const digest = digestOf(doc.value);
				let rating = before?.digest === digest ? before.rating : null;
				if (rated && !(rating && rating.ratedWith === (current(doc.value.framework)?.hash ?? ''))) {
					rating = await this.rate(doc);
					if (this.entries.get(id) !== before) continue;
				}
				this.entries.set(id, { token: version.token, facts: factsOf(doc), digest, rating });
				changed = true;
			}
		};
		await Promise.all(Array.from({ length: Math.min(READ_AT_ONCE, work.length) }, worker));
		if (changed) this.writes.soon();
	}

	/** Rated as the workspace rates it (by the same path, which a workspace just opened has done already). */
	private async rate(doc: Stored<InspectionRecord>): Promise<Rating> {
		const loaded = loadFramework(doc.value.framework);
		if (!loaded.ok) return { ratedWith: '', overall: 'not-rated', score: null };
		const framework = loaded.value;
		this.ratings++;
		const result = await storedResult(doc, framework);
		// let other requests in between ratings, when a cold start has many to do
		await new Promise((resolve) => setImmediate(resolve));
		return { ratedWith: framework.hash, overall: result.composite.rating, score: result.composite.score };
	}

	/** The entries kept on disk, once: each is checked like any other before it is used. */
	private loadFile() {
		if (this.loaded) return;
		this.loaded = true;
		// a write of this file cut short by a kill leaves its temporary file: nothing reads it
		if (existsSync(path.dirname(this.file))) removeLeftovers(path.dirname(this.file));
		let kept: unknown;
		try {
			kept = JSON.parse(readFileSync(this.file, 'utf8'));
		} catch {
			return; // none yet, or unreadable: everything is worked out again
		}
		const file = kept as { format?: unknown; build?: unknown; entries?: unknown; versions?: unknown };
		if (file?.format !== FORMAT || file.build !== BUILD || !Array.isArray(file.entries)) return;
		for (const v of Array.isArray(file.versions) ? (file.versions as VersionFacts[]) : []) {
			const whole = typeof v?.ref === 'string' && typeof v.dir === 'string' && typeof v.signature === 'string' && typeof v.hash === 'string' && typeof v.title === 'string' && Array.isArray(v.ratings) && Array.isArray(v.inspectionTypes);
			if (whole) this.versionFacts.set(v.ref, v);
		}
		for (const e of file.entries as Entry[]) {
			if (typeof e?.token !== 'string' || typeof e.digest !== 'string' || typeof e.facts?.id !== 'string' || !Array.isArray(e.facts.team)) continue;
			const rating = e.rating && typeof e.rating.ratedWith === 'string' && typeof e.rating.overall === 'string' ? e.rating : null;
			this.entries.set(e.facts.id, { token: e.token, facts: e.facts, digest: e.digest, rating });
		}
	}


	private async persist() {
		// a copy taken now: later changes go into the next write
		const entries = [...this.entries.values()];
		const versions = [...this.versionFacts.values()];
		mkdirSync(path.dirname(this.file), { recursive: true });
		await new DurableJSONFile<object>(this.file).write({ format: FORMAT, build: BUILD, versions, entries });
	}

	/** Wait for any pending write of the index file (tests, and a tidy shutdown). */
	flush(): Promise<void> {
		return this.writes.flush();
	}
}
