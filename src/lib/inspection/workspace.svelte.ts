// The inspector's workspace in the browser: the working copy of an inspection, every rating
// recomputed by the engine as it changes, and saving in the background. Edits apply at once to
// reactive state (so only what an edit touches re-renders), queue for the server, and survive a
// stale write: they can be replayed on the newer version someone else saved.
import { evaluate } from '../engine/evaluate';
import { relevantKeyQuestions } from '../engine/evidence';
import type { Issue } from '../engine/errors';
import type { EvaluationResult, FrameworkVersion, Inspection } from '../engine/types';
import { applyEdit, describeEdit, editScope, type Edit, type EditScope } from './edits';
import { decisionRefusals } from './panel';
import { outcomeLabel } from './ratings';
import type { InspectionRecord } from './record';

export interface StaleWrite {
	message: string;
	revision: number;
	updatedAt: string;
	updatedBy: string;
	change: string;
	record: InspectionRecord;
}

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'stale' | 'refused' | 'failed';

const SAVE_DELAY_MS = 400;
const RETRY_DELAY_MS = 5000;
// edits that change which key questions are relevant to a case (the context is read by relevance rules too)
const CASE_EDITS = new Set<Edit['type']>(['add-case', 'update-case', 'remove-case', 'context']);

export interface Saved {
	revision: number;
	updatedAt: string;
	updatedBy: string;
}

export class Workspace {
	readonly id: string;
	readonly framework: FrameworkVersion;
	/** the version's ids: every edit is checked against them before it touches the record */
	private readonly scope: EditScope;
	/** the working copy: the last saved record with the unsaved edits applied */
	record: InspectionRecord = $state()!;
	result: EvaluationResult = $state.raw()!;
	/** case id → the key questions the rules make relevant to it */
	relevance: Map<string, Set<string>> = $state.raw(new Map());
	revision = $state(0);
	lastSaved = $state.raw<{ at: string; by: string } | null>(null);
	saveState: SaveState = $state('saved');
	unsaved = $state(0);
	stale = $state.raw<StaleWrite | null>(null);
	refused = $state.raw<Issue[]>([]);
	/** edits that could not be replayed on a newer version, in words */
	dropped = $state.raw<string[]>([]);

	private base: InspectionRecord;
	/**
	 * The working copy again, as plain data, edited in step with `record`: the engine reads this
	 * one, so no evaluation pays for copying reactive state ($state.snapshot of a maximum-size
	 * inspection costs more than the evaluation itself).
	 */
	private plain: InspectionRecord;
	private pending: Edit[] = [];
	private inFlight: Promise<void> | null = null;
	private saveTimer: ReturnType<typeof setTimeout> | undefined;
	private evaluating: Promise<void> | null = null;
	private dirty = false;
	private relevanceRun = 0;

	/** what the signed-in user may change (the server checks again): evidence, panel decisions */
	readonly may: { evidence: boolean; decide: boolean };

	constructor(init: { id: string; framework: FrameworkVersion; record: InspectionRecord; revision: number; result: EvaluationResult; relevance: ReadonlyMap<string, readonly string[]>; saved: { at: string; by: string }; may?: { evidence: boolean; decide: boolean } }) {
		this.id = init.id;
		this.may = init.may ?? { evidence: true, decide: true };
		this.framework = init.framework;
		this.scope = editScope(init.framework);
		this.base = structuredClone(init.record);
		this.plain = structuredClone(init.record);
		this.record = structuredClone(init.record);
		this.revision = init.revision;
		this.result = init.result;
		this.lastSaved = init.saved;
		this.relevance = new Map([...init.relevance].map(([id, kqs]) => [id, new Set(kqs)]));
	}

	get scale() {
		return this.framework.meta.ratings;
	}

	/** Apply an edit now; it is saved shortly. Returns what stops it (nothing changes then). */
	apply(edit: Edit): Issue[] {
		if (!(edit.type === 'decide' ? this.may.decide : this.may.evidence)) {
			const message = edit.type === 'decide' ? "Recording the panel's decisions takes the panel member role." : 'You can read this inspection but not change its evidence.';
			return [{ file: 'edit', pointer: edit.type === 'decide' ? '/rating' : '', message, severity: 'error' }];
		}
		const issues = applyEdit(this.plain, edit, this.scope);
		if (issues.length) return issues;
		applyEdit(this.record, edit, this.scope);
		// who decided and when comes back from the server with the save; until then it is not known
		if (edit.type === 'decide' && this.record.decided?.[edit.standard]) delete this.record.decided[edit.standard];
		this.pending.push(edit);
		this.unsaved = this.pending.length;
		if (CASE_EDITS.has(edit.type)) void this.refreshRelevance();
		this.reevaluate();
		this.scheduleSave();
		return [];
	}

	isRelevant(caseId: string, keyQuestion: string): boolean {
		return this.relevance.get(caseId)?.has(keyQuestion) ?? false;
	}

	/** Check a panel decision as the server will, then record it; field errors by field name. */
	async decide(standard: string, rating: string, reason: string): Promise<Record<string, string>> {
		const errors: Record<string, string> = {};
		if (!rating) errors.rating = "Select the panel's final rating";
		if (!reason.trim()) errors.reason = "Enter the reason for the panel's decision";
		if (errors.rating) return errors;
		const refusals = await decisionRefusals(this.framework, this.evidence(), standard, { rating, reason: reason || '-' });
		if (refusals.length) errors.rating = `The rules do not allow ${outcomeLabel(this.scale, rating)} for ${standard}: ${refusals.join(' ')}`;
		if (Object.keys(errors).length) return errors;
		const issues = this.apply({ type: 'decide', standard, decision: { rating, reason } });
		return Object.fromEntries(issues.map((i) => [i.pointer.split('/').at(-1) ?? 'rating', i.message]));
	}

	private evidence(): Inspection {
		return this.plain.evidence;
	}

	/** Recompute every rating; a burst of edits is evaluated once, the latest state always last. */
	private reevaluate() {
		this.dirty = true;
		this.evaluating ??= this.evaluateLoop();
	}

	private async evaluateLoop() {
		try {
			await Promise.resolve();
			while (this.dirty) {
				this.dirty = false;
				this.result = await evaluate(this.framework, this.evidence());
			}
		} finally {
			this.evaluating = null;
		}
	}

	private async refreshRelevance() {
		const run = ++this.relevanceRun;
		const { cases = [], context } = this.evidence();
		const map = new Map<string, Set<string>>();
		for (const c of cases) map.set(c.id, await relevantKeyQuestions(this.framework, context, c));
		if (run === this.relevanceRun) this.relevance = map;
	}

	private scheduleSave(delay = SAVE_DELAY_MS) {
		clearTimeout(this.saveTimer);
		if (this.stale || this.refused.length) return;
		if (!this.inFlight) this.saveState = 'unsaved';
		// after a save under way, whatever it did not carry goes next
		this.saveTimer = setTimeout(() => void (this.inFlight ?? Promise.resolve()).then(() => this.save()), delay);
	}

	/** Send every unsaved edit, based on the revision this copy started from. */
	save(): Promise<void> {
		clearTimeout(this.saveTimer);
		if (this.inFlight || this.stale || this.refused.length || !this.pending.length) return this.inFlight ?? Promise.resolve();
		this.inFlight = this.send().finally(() => (this.inFlight = null));
		return this.inFlight;
	}

	/** Save everything now, after any save under way; resolves once nothing more can be saved. */
	async flush(): Promise<void> {
		while (this.inFlight) await this.inFlight;
		if (this.pending.length && !this.stale && !this.refused.length) await this.save();
	}

	private async send() {
		const batch = this.pending.slice();
		this.saveState = 'saving';
		let response: Response;
		let body: { revision?: number; updatedAt?: string; updatedBy?: string; decided?: InspectionRecord['decided']; stale?: StaleWrite; errors?: Issue[]; message?: string };
		try {
			response = await fetch(`/inspections/${this.id}/edits`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ baseRevision: this.revision, edits: batch })
			});
			body = await response.json();
		} catch {
			this.saveState = 'failed';
			this.retryLater();
			return;
		}
		if (response.ok) {
			this.pending.splice(0, batch.length);
			for (const edit of batch) applyEdit(this.base, edit, this.scope);
			this.takeDecided(body.decided ?? {});
			this.revision = body.revision!;
			this.lastSaved = { at: body.updatedAt!, by: body.updatedBy! };
			this.unsaved = this.pending.length;
			this.saveState = this.pending.length ? 'unsaved' : 'saved';
			if (this.pending.length) this.scheduleSave(0);
		} else if (response.status === 409 && body.stale) {
			this.stale = body.stale;
			this.saveState = 'stale';
		} else if (response.status === 400 && body.errors) {
			this.refused = body.errors;
			this.saveState = 'refused';
		} else if (response.status === 401 || response.status === 403) {
			// not signed in any more, or not allowed (a viewer; an inspector not on the team): retrying will not help
			this.refused = body.errors ?? [{ file: 'inspection', pointer: '', message: body.message ?? 'You may not change this inspection.', severity: 'error' }];
			this.saveState = 'refused';
		} else if (response.status === 404) {
			this.refused = [{ file: 'inspection', pointer: '', message: 'This inspection no longer exists: someone has deleted it. Your changes are only on this page.', severity: 'error' }];
			this.saveState = 'refused';
		} else {
			this.saveState = 'failed';
			this.retryLater();
		}
	}

	/** The server's record of who made each panel decision; one still unsaved here stays unknown. */
	private takeDecided(decided: NonNullable<InspectionRecord['decided']>) {
		const unsaved = new Set(this.pending.flatMap((edit) => (edit.type === 'decide' ? [edit.standard] : [])));
		const kept = Object.fromEntries(Object.entries(decided).filter(([standard]) => !unsaved.has(standard)));
		for (const copy of [this.base, this.plain]) copy.decided = structuredClone(decided);
		this.record.decided = kept;
	}

	private retryLater() {
		clearTimeout(this.saveTimer);
		this.saveTimer = setTimeout(() => void this.save(), RETRY_DELAY_MS);
	}

	/** After a stale write: take their version and replay this page's unsaved edits on it. */
	replayOnTheirs() {
		const stale = this.stale;
		if (!stale) return;
		const working = structuredClone(stale.record);
		const kept: Edit[] = [];
		const dropped: string[] = [];
		for (const edit of this.pending) {
			if (applyEdit(working, edit, this.scope).length) dropped.push(describeEdit(edit));
			else kept.push(edit);
		}
		this.adopt(stale, working, kept);
		this.dropped = dropped;
		if (kept.length) void this.save();
	}

	/** After a stale write: take their version and drop this page's unsaved edits. */
	discardMine() {
		const stale = this.stale;
		if (!stale) return;
		this.adopt(stale, structuredClone(stale.record), []);
		this.dropped = [];
	}

	/** After the server refused the unsaved edits: go back to the last saved version. */
	discardUnsaved() {
		this.plain = structuredClone(this.base);
		this.record = structuredClone(this.base);
		this.pending = [];
		this.unsaved = 0;
		this.refused = [];
		this.saveState = 'saved';
		void this.refreshRelevance();
		this.reevaluate();
	}

	private adopt(stale: StaleWrite, working: InspectionRecord, pending: Edit[]) {
		this.base = structuredClone(stale.record);
		this.revision = stale.revision;
		this.lastSaved = { at: stale.updatedAt, by: stale.updatedBy };
		this.plain = structuredClone(working);
		this.record = working;
		this.pending = pending;
		this.unsaved = pending.length;
		this.stale = null;
		this.saveState = pending.length ? 'unsaved' : 'saved';
		void this.refreshRelevance();
		this.reevaluate();
	}
}
