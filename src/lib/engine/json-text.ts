// JSON text to a value, refusing what JSON.parse would let through silently: duplicate keys.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { pointer, type Checked, type Issue } from './errors';

export function parseJson(text: string, file: string): Checked<unknown> {
	const errors: ParseError[] = [];
	const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
	if (errors.length || !tree) {
		const first = errors[0];
		const at = first ? lineColumn(text, first.offset) : { line: 1, column: 1 };
		const what = first ? printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() : 'empty file';
		return { ok: false, errors: [issue(file, '', `not valid JSON: ${what} at line ${at.line}, column ${at.column}`)], warnings: [] };
	}
	const duplicates: Issue[] = [];
	findDuplicateKeys(tree, [], file, duplicates);
	if (duplicates.length) return { ok: false, errors: duplicates, warnings: [] };
	return { ok: true, value: JSON.parse(text), warnings: [] };
}

function findDuplicateKeys(node: Node, path: (string | number)[], file: string, out: Issue[]) {
	if (node.type === 'object') {
		const seen = new Set<string>();
		for (const property of node.children ?? []) {
			const [keyNode, valueNode] = property.children ?? [];
			const key = String(keyNode?.value);
			if (seen.has(key)) out.push(issue(file, pointer(...path, key), `duplicate key "${key}"`));
			seen.add(key);
			if (valueNode) findDuplicateKeys(valueNode, [...path, key], file, out);
		}
	} else if (node.type === 'array') {
		(node.children ?? []).forEach((child, i) => findDuplicateKeys(child, [...path, i], file, out));
	}
}

function lineColumn(text: string, offset: number) {
	const before = text.slice(0, offset).split('\n');
	return { line: before.length, column: before[before.length - 1].length + 1 };
}

const issue = (file: string, at: string, message: string): Issue => ({ file, pointer: at, message, severity: 'error' });
