// The state of the framework editor: the draft's files, every edit validated as it is made,
// undo and redo, and saving through the server with the revision the editor opened.
import { getContext, setContext, untrack } from 'svelte';
import { browser } from '$app/environment';
import { SvelteSet } from 'svelte/reactivity';
import type { Issue } from '../engine/errors';
import type { Banding, Domain, FrameworkMeta } from '../engine/types';
import { getAt, setAt } from '../json-pointer';
import { fieldId, fieldKey, placeIssue } from './placement';
import type { DraftCheck } from './draft-check';

export type Files = Record<string, unknown>;

/** One empty list for every field without issues, so nothing redraws for want of a new []. */
const NONE: Issue[] = [];
const HISTORY = 200;

export interface StaleVersion {
	revision: number;
	files: Files;
	updatedBy: string;
	updatedAt: string;
	change: string;
}

export class DraftEditor {
	files: Files = $state({});
	revision = $state(0);
	/** the files as JSON after the last edit: the undo history's entries and the validator's input */
	private committed = $state('');
	private saved = $state('');
	private past: { json: string; label: string }[] = $state([]);
	private future: { json: string; label: string }[] = $state([]);
	private lastKey: string | null = null;
	/** what the edits since the last save did, in words, for the revision's change note */
	private pending: string[] = [];

	saving = $state(false);
	/** said in a live region: saves, undos, refusals */
	announcement = $state('');
	error = $state('');
	stale: StaleVersion | null = $state(null);
	/** a save was refused here for problems that stop the draft being stored; said while they last */
	blocked = $state(false);
	get blockedMessage() {
		const n = this.issues.length;
		return `Not saved: fix the ${n === 1 ? 'problem' : `${n} problems`} listed below first. A draft is kept only when every field it needs is filled in and every number and id is used once.`;
	}
	/** the fields on the page, so each issue is shown at the closest one */
	readonly fields = new SvelteSet<string>();
	private readonly fieldCounts = new Map<string, number>();
	/** a field just added: it opens and takes focus when it appears */
	fresh = $state('');

	/**
	 * The validator, loaded once the editor is on screen and the browser is idle, or at the first
	 * edit if that comes sooner (it is most of the editor's script). Until
	 * then the check the server made of the draft as opened stands; a save waits for it.
	 */
	private checker: ((json: string) => DraftCheck) | null = $state(null);
	private readonly initial: DraftCheck;
	private checkerLoading: Promise<void> | null = null;
	readonly checked = $derived.by(() => (this.checker ? this.checker(this.committed) : this.initial));
	readonly issues = $derived(this.checked.errors);
	readonly warnings = $derived(this.checked.warnings);
	/** the draft cannot be stored until these are fixed: its files break a schema or use an id twice */
	readonly unsaveable = $derived(this.checked.structural);
	readonly dirty = $derived(this.committed !== this.saved);
	readonly canUndo = $derived(this.past.length > 0);
	readonly canRedo = $derived(this.future.length > 0);
	/** issues by the field they are shown at */
	readonly placed = $derived.by(() => {
		const out = new Map<string, Issue[]>();
		const registered = new Set(this.fields);
		for (const issue of [...this.issues, ...this.warnings]) {
			const key = placeIssue(issue, registered);
			out.set(key, [...(out.get(key) ?? []), issue]);
		}
		return out;
	});

	// The names conditions and pickers offer, from the draft as it is now: each list derived on its
	// own, so typing a standard's title does not hand every rating picker a new list.
	private readonly meta = $derived((this.files['framework.json'] ?? {}) as Partial<FrameworkMeta>);
	private readonly domainList = $derived(
		(this.meta.domains ?? []).map((file) => ({ file, domain: this.files[file] as Domain | undefined })).filter((d): d is { file: string; domain: Domain } => !!d.domain)
	);
	private readonly standardList = $derived(this.domainList.flatMap(({ domain }) => (domain.standards ?? []).map((s) => ({ id: s.id, title: s.title, method: s.method, domain: domain.id }))));
	private readonly keyQuestionList = $derived(
		this.domainList.flatMap(({ domain }) => (domain.standards ?? []).flatMap((s) => (s.keyQuestions ?? []).map((k) => ({ id: k.id, kind: k.kind, standard: s.id }))))
	);
	private readonly bandingList = $derived(((this.files['bandings.json'] as { bandings?: Banding[] } | undefined)?.bandings ?? []).map((b) => ({ id: b.id, title: b.title, purpose: b.purpose })));
	private readonly ratingList = $derived([...(this.meta.ratings ?? [])].sort((a, b) => b.score - a.score).map((r) => ({ id: r.id, label: r.label })));
	private readonly sampleList = $derived((this.meta.samples ?? []).map((s) => ({ id: s.id, label: s.label })));
	private readonly typeList = $derived((this.meta.inspectionTypes ?? []).map((t) => ({ id: t.id, label: t.label })));

	readonly vocab = ((editor: DraftEditor) => ({
		get meta() {
			return editor.meta;
		},
		get domains() {
			return editor.domainList;
		},
		get standards() {
			return editor.standardList;
		},
		get keyQuestions() {
			return editor.keyQuestionList;
		},
		get bandings() {
			return editor.bandingList;
		},
		get ratings() {
			return editor.ratingList;
		},
		get samples() {
			return editor.sampleList;
		},
		get inspectionTypes() {
			return editor.typeList;
		}
	}))(this);

	constructor(
		readonly id: string,
		readonly version: string,
		revision: number,
		/** the files as JSON text (JSON.stringify's): parsed once here, and kept as the first entry of the history */
		json: string,
		/** golden files and stored inspections the "try it" panels offer */
		readonly evidence: { value: string; label: string; group: string }[] = [],
		/** the check of these files made where they were read (checkDraft); made here when not given */
		initial: DraftCheck = { errors: [], warnings: [], structural: false }
	) {
		this.initial = initial;
		this.files = JSON.parse(json);
		this.revision = revision;
		this.committed = json;
		this.saved = this.committed;
		// the server renders with the check it was given; only a browser edits
		if (browser) {
			const later = () => void this.loadChecker();
			if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 2000 });
			else setTimeout(later, 200);
		}
	}

	private loadChecker(): Promise<void> {
		this.checkerLoading ??= import('./draft-check').then((m) => {
			this.checker = m.checkDraft;
		});
		return this.checkerLoading;
	}

	get<T = unknown>(file: string, pointer: string): T {
		return getAt(this.files[file], pointer) as T;
	}

	/**
	 * Make an edit. Edits with the same key in a row (typing in one field, one drag) are one step
	 * of undo; an edit that changes nothing is not recorded.
	 */
	change(label: string, edit: (files: Files) => void, key?: string) {
		void this.loadChecker();
		edit(this.files);
		const after = JSON.stringify($state.snapshot(this.files));
		if (after === this.committed) return;
		if (!key || key !== this.lastKey) {
			this.past.push({ json: this.committed, label });
			if (this.past.length > HISTORY) this.past.shift();
			this.pending.push(label);
		}
		this.future = [];
		this.committed = after;
		this.lastKey = key ?? null;
	}

	set(file: string, pointer: string, value: unknown, label: string) {
		this.change(label, (files) => setAt(files[file] as Record<string, unknown>, pointer, value), fieldKey(file, pointer));
	}

	/** An item added to a list; it is opened and focused when it appears. */
	append(file: string, listAt: string, item: unknown, label: string) {
		let index = 0;
		this.change(label, (files) => {
			const list = getAt(files[file], listAt) as unknown[] | undefined;
			if (list) list.push(item);
			else setAt(files[file] as Record<string, unknown>, listAt, [item]);
			index = ((getAt(files[file], listAt) as unknown[]).length ?? 1) - 1;
		});
		this.fresh = fieldKey(file, `${listAt}/${index}`);
	}

	move(file: string, listAt: string, index: number, delta: number, label: string) {
		this.change(label, (files) => {
			const list = getAt(files[file], listAt) as unknown[];
			const to = index + delta;
			if (to < 0 || to >= list.length) return;
			const [item] = list.splice(index, 1);
			list.splice(to, 0, item);
		});
	}

	remove(file: string, listAt: string, index: number, label: string) {
		this.change(label, (files) => (getAt(files[file], listAt) as unknown[]).splice(index, 1));
		this.announcement = `Removed ${label.replace(/^removed /, '')}. Undo brings it back.`;
	}

	undo() {
		const entry = this.past.pop();
		if (!entry) return;
		this.future.push({ json: this.committed, label: entry.label });
		this.restore(entry.json);
		this.announcement = `Undone: ${entry.label}`;
	}

	redo() {
		const entry = this.future.pop();
		if (!entry) return;
		this.past.push({ json: this.committed, label: entry.label });
		this.restore(entry.json);
		this.announcement = `Redone: ${entry.label}`;
	}

	private restore(json: string) {
		this.committed = json;
		this.files = JSON.parse(json);
		this.lastKey = null;
		this.pending.push('undo/redo');
	}

	/**
	 * A field is on the page (until the returned function is called). Untracked, so an effect that
	 * registers depends only on what it names, not on every other field coming and going.
	 */
	register(...keys: string[]): () => void {
		untrack(() => {
			for (const key of keys) {
				this.fieldCounts.set(key, (this.fieldCounts.get(key) ?? 0) + 1);
				this.fields.add(key);
			}
		});
		return () =>
			untrack(() => {
				for (const key of keys) {
					const left = (this.fieldCounts.get(key) ?? 1) - 1;
					if (left > 0) this.fieldCounts.set(key, left);
					else {
						this.fieldCounts.delete(key);
						this.fields.delete(key);
					}
				}
			});
	}

	issuesAt(file: string, pointer: string): Issue[] {
		return this.placed.get(fieldKey(file, pointer)) ?? NONE;
	}

	/** Errors anywhere under a pointer, for a collapsed section's summary. */
	countUnder(file: string, pointer: string): number {
		return this.issues.filter((i) => i.file === file && (i.pointer === pointer || i.pointer.startsWith(pointer + '/'))).length;
	}

	/** The element id an issue links to. */
	anchor(issue: Issue): string {
		const [file, pointer] = placeIssue(issue, new Set(this.fields)).split('#');
		return fieldId(file, pointer);
	}

	/** Save over the revision this editor opened; a stale revision is refused and nothing is lost. */
	async save(overRevision = this.revision) {
		await this.loadChecker();
		if (this.unsaveable) {
			// the server would refuse it too; say so here, where the problems are listed at their fields
			this.blocked = true;
			this.announcement = this.blockedMessage;
			return;
		}
		this.blocked = false;
		this.saving = true;
		this.error = '';
		const json = this.committed;
		const change = summarise(this.pending);
		try {
			const response = await fetch(`/frameworks/${this.id}/${this.version}/draft`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ revision: overRevision, files: JSON.parse(json), change })
			});
			const body = await response.json().catch(() => ({}));
			if (response.ok) {
				this.revision = body.revision;
				this.saved = json;
				this.pending = [];
				this.stale = null;
				this.announcement = `Saved (revision ${body.revision})`;
			} else if (response.status === 409 && body.current) {
				this.stale = body.current;
				this.error = body.message;
				this.announcement = 'Not saved: someone else saved this draft after you opened it';
			} else {
				this.error = body.message ?? `Not saved: the server answered ${response.status}`;
				this.announcement = this.error;
			}
		} catch {
			this.error = 'Not saved: the server could not be reached. Your changes are still here; try again.';
			this.announcement = this.error;
		} finally {
			this.saving = false;
		}
	}

	/** After a stale refusal: keep these edits and save them over the other person's. */
	saveOverTheirs() {
		if (this.stale) return this.save(this.stale.revision);
	}

	/** After a stale refusal: drop these edits and take the other person's version (undo brings them back). */
	takeTheirs() {
		if (!this.stale) return;
		const theirs = JSON.stringify(this.stale.files);
		this.change(`took ${this.stale.updatedBy}'s version`, (files) => {
			for (const key of Object.keys(files)) delete files[key];
			Object.assign(files, JSON.parse(theirs));
		});
		this.revision = this.stale.revision;
		this.saved = this.committed;
		this.pending = [];
		this.stale = null;
		this.error = '';
		this.announcement = 'Loaded the saved version';
	}
}

function summarise(labels: string[]): string {
	const unique = [...new Set(labels)];
	if (!unique.length) return 'saved';
	return unique.length > 4 ? `${unique.slice(0, 4).join('; ')} and ${unique.length - 4} more` : unique.join('; ');
}

const KEY = Symbol('draft-editor');
export const provideEditor = (editor: DraftEditor) => setContext(KEY, editor);
export const useEditor = () => getContext<DraftEditor>(KEY);
