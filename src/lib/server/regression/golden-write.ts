// Rewriting a golden file's expectations: only the values that change are edited in the text
// (the evidence keeps its hand-made layout), the result is checked to say exactly what was
// meant, and the file is replaced atomically (a finished temporary file renamed over it).
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, modify } from 'jsonc-parser';
import { parseJson, validateAgainst, type Issue } from '../../engine/index';
import { applyChanges, type ExpectationChange, type GoldenExpected } from '../../regression/expectations';

/** Indentation and line ends as the file has them. */
function layoutOf(text: string) {
	const indent = text.match(/^[ \t]+(?=")/m)?.[0] ?? '  ';
	return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The file's text with the changes made, or why they cannot be made. */
export function editGoldenText(file: string, text: string, changes: ExpectationChange[]): { ok: true; text: string } | { ok: false; errors: Issue[] } {
	const formattingOptions = layoutOf(text);
	let edited = text;
	for (const change of changes) {
		edited = applyEdits(edited, modify(edited, change.path, change.to, { formattingOptions }));
	}
	const before = parseJson(text, file);
	const after = parseJson(edited, file);
	const problem = (message: string) => ({ ok: false as const, errors: [{ file, pointer: '/expected', message, severity: 'error' as const }] });
	if (!before.ok || !after.ok) return problem('the rewritten file is not valid JSON; nothing written');
	const intended = applyChanges(before.value as { expected: GoldenExpected }, changes);
	if (JSON.stringify(after.value) !== JSON.stringify(intended)) return problem('the rewrite did not come out as intended; nothing written');
	const invalid = validateAgainst('golden', after.value, file);
	if (invalid.length) return { ok: false, errors: invalid };
	return { ok: true, text: edited };
}

/** Replace a file's content in one step: readers see the old file or the new one, never half. */
export function writeFileAtomically(file: string, text: string) {
	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
	try {
		writeFileSync(temporary, text);
		renameSync(temporary, file);
	} catch (e) {
		rmSync(temporary, { force: true });
		throw e;
	}
}

export function rewriteGolden(file: string, text: string, changes: ExpectationChange[]): { ok: true; text: string } | { ok: false; errors: Issue[] } {
	const edited = editGoldenText(file, text, changes);
	if (!edited.ok) return edited;
	try {
		writeFileAtomically(file, edited.text);
	} catch (e) {
		return { ok: false, errors: [{ file, pointer: '', message: `cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`, severity: 'error' }] };
	}
	return edited;
}
