// Where an issue is shown in the editor: at the field its JSON pointer names, or the nearest
// field above it that is on the page, or the file's section. Pure, so it can be tested.
import type { Issue } from '../engine/errors';
import { parent } from '../json-pointer';

export const fieldKey = (file: string, pointer: string) => `${file}#${pointer}`;

/** An element id for a field: letters and digits kept, everything else spelled out, so no two collide. */
export function fieldId(file: string, pointer: string): string {
	return 'f-' + (file + pointer).replace(/[^A-Za-z0-9]/g, (c) => `_${c.charCodeAt(0).toString(36)}_`);
}

/** The registered field an issue belongs to. A missing property is shown at its field when there is one. */
export function placeIssue(issue: Pick<Issue, 'file' | 'pointer' | 'message'>, registered: Set<string>): string {
	const missing = issue.message.match(/^missing required property "([^"]+)"$/)?.[1];
	if (missing && registered.has(fieldKey(issue.file, `${issue.pointer}/${missing}`))) return fieldKey(issue.file, `${issue.pointer}/${missing}`);
	let at = issue.pointer;
	for (;;) {
		if (registered.has(fieldKey(issue.file, at))) return fieldKey(issue.file, at);
		if (!at) return fieldKey(issue.file, '');
		at = parent(at);
	}
}

/** ajv's words for a person: "must not be empty" rather than "must NOT have fewer than 1 characters". */
export function plainMessage(message: string): string {
	if (message === 'must NOT have fewer than 1 characters') return 'must not be empty';
	if (message === 'must NOT have fewer than 1 items') return 'choose at least one';
	const pattern = message.match(/^must match pattern "(.*)"$/);
	if (pattern) {
		if (pattern[1] === '^[A-Za-z0-9][A-Za-z0-9.-]*$') return 'must be a published number like 2.4 or V1.2: letters, digits, dots and hyphens';
		if (pattern[1] === '^[a-z0-9][a-z0-9-]*$') return 'must be lower-case letters, digits and hyphens, like review-cap';
		if (pattern[1] === '^[a-z][a-z-]*$') return 'must be a rating id, like requires-improvement';
	}
	return message;
}
