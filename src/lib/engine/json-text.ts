// JSON text to a value, refusing what JSON.parse would let through silently (duplicate keys)
// and what would exhaust the stack of everything that walks the value afterwards (deep nesting).
// One pass over the text, stopping at the first problem: the time is linear in the text and the
// answer is one issue, whatever the text holds.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { pointer, type Checked, type Issue } from './errors';

/** Deeper than any version file, inspection or golden file needs; deep enough to be no limit in practice. */
export const MAX_JSON_DEPTH = 64;

export function parseJson(text: string, file: string): Checked<unknown> {
	const scanned = scan(text, file);
	// The depth first: the syntax check below (jsonc-parser) recurses, and would overflow the stack.
	if (scanned.tooDeep) return { ok: false, errors: [scanned.tooDeep], warnings: [] };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, errors: [syntaxError(text, file)], warnings: [] };
	}
	if (scanned.duplicate) return { ok: false, errors: [scanned.duplicate], warnings: [] };
	return { ok: true, value, warnings: [] };
}

function syntaxError(text: string, file: string): Issue {
	const errors: ParseError[] = [];
	try {
		parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
	} catch {
		// text the scan read differently from jsonc-parser, nested too deep for it: say so without a place
		return issue(file, '', 'not valid JSON');
	}
	const first = errors[0];
	const at = first ? lineColumn(text, first.offset) : { line: 1, column: 1 };
	const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'empty file';
	return issue(file, '', `not valid JSON: ${what} at line ${at.line}, column ${at.column}`);
}

type Frame = { kind: 'object'; keys: Set<string>; key: string; expectKey: boolean } | { kind: 'array'; index: number };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The structure of the text without building it: the first duplicate key, and the first
 * container nested deeper than MAX_JSON_DEPTH. Text that is not JSON may confuse it; the
 * syntax check then answers instead.
 */
function scan(text: string, file: string): { duplicate?: Issue; tooDeep?: Issue } {
	const stack: Frame[] = [];
	const where = (extra: (string | number)[] = []) => pointer(...stack.map((f) => (f.kind === 'object' ? f.key : f.index)), ...extra);
	let duplicate: Issue | undefined;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			let end = i + 1;
			while (end < text.length) {
				const d = text.charCodeAt(end);
				if (d === BACKSLASH) end += 2;
				else if (d === QUOTE) break;
				else end++;
			}
			const top = stack[stack.length - 1];
			if (top?.kind === 'object' && top.expectKey) {
				top.expectKey = false;
				let key: string | undefined;
				try {
					key = JSON.parse(text.slice(i, end + 1)) as string;
				} catch {
					key = undefined; // a broken string: the syntax check names it
				}
				if (key !== undefined) {
					top.key = key;
					// After the first duplicate only the depth is still looked for.
					if (!duplicate && top.keys.has(key)) duplicate = issue(file, where(), `duplicate key "${key}"`);
					if (!duplicate) top.keys.add(key);
				}
			}
			i = end;
		} else if (c === 0x2f /* / */ && (text.charCodeAt(i + 1) === 0x2f || text.charCodeAt(i + 1) === 0x2a)) {
			// a comment (not JSON, but jsonc-parser reads past it when it names the syntax error): skipped alike
			const block = text.charCodeAt(i + 1) === 0x2a;
			const end = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
			i = end < 0 ? text.length : block ? end + 1 : end;
		} else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
			if (stack.length >= MAX_JSON_DEPTH) return { duplicate, tooDeep: issue(file, where(), `nested more than ${MAX_JSON_DEPTH} deep here: not accepted`) };
			stack.push(c === 0x7b ? { kind: 'object', keys: new Set(), key: '', expectKey: true } : { kind: 'array', index: 0 });
		} else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
			stack.pop();
		} else if (c === 0x2c /* , */) {
			const top = stack[stack.length - 1];
			if (top?.kind === 'object') top.expectKey = true;
			else if (top) top.index++;
		}
	}
	return { duplicate };
}

function lineColumn(text: string, offset: number) {
	const before = text.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length + 1 };
}

const issue = (file: string, at: string, message: string): Issue => ({ file, pointer: at, message, severity: 'error' });
