// An item just added opens and takes focus, so a keyboard user lands in its first field.
import { tick } from 'svelte';
import type { DraftEditor } from '$lib/editor/draft-editor.svelte';

export function fresh(node: HTMLElement, [editor, key]: [DraftEditor, string]) {
	if (editor.fresh !== key) return;
	editor.fresh = '';
	if (node instanceof HTMLDetailsElement) node.open = true;
	// a details element renders its contents once open
	tick().then(() => requestAnimationFrame(() => node.querySelector<HTMLElement>('input, textarea, select')?.focus()));
}
