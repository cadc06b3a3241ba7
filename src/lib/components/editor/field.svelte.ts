// What every editor field shares: its id, the issues shown at it, and being on the page (so
// issues find it).
import { useEditor } from '$lib/editor/draft-editor.svelte';
import { fieldId, fieldKey } from '$lib/editor/placement';

export function useField(where: () => { file: string; at: string }) {
	const editor = useEditor();
	const id = $derived(fieldId(where().file, where().at));
	const issues = $derived(editor.issuesAt(where().file, where().at));
	const hasError = $derived(issues.some((i) => i.severity === 'error'));
	$effect(() => editor.register(fieldKey(where().file, where().at)));
	return {
		editor,
		get id() {
			return id;
		},
		get issues() {
			return issues;
		},
		get hasError() {
			return hasError;
		},
		describedBy(hint: boolean) {
			const ids = [hint && `${id}-hint`, hasError && `${id}-error`, issues.some((i) => i.severity === 'warning') && `${id}-warning`].filter(Boolean);
			return ids.length ? ids.join(' ') : undefined;
		}
	};
}
