// JSON pointers (RFC 6901) into parsed JSON: read, write, remove.
export function tokens(pointer: string): string[] {
	if (!pointer) return [];
	return pointer
		.slice(1)
		.split('/')
		.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export const escapeToken = (t: string | number) => String(t).replace(/~/g, '~0').replace(/\//g, '~1');
export const join = (pointer: string, ...more: (string | number)[]) => pointer + more.map((t) => '/' + escapeToken(t)).join('');
export const parent = (pointer: string) => pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));

type Node = Record<string, unknown> | unknown[];

export function getAt(root: unknown, pointer: string): unknown {
	let node = root;
	for (const t of tokens(pointer)) {
		if (node === null || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[t];
	}
	return node;
}

/** Set a value, making objects along the way; undefined removes the property. */
export function setAt(root: Node, pointer: string, value: unknown): void {
	const path = tokens(pointer);
	const last = path.pop();
	if (last === undefined) throw new Error('cannot replace the root');
	let node = root as Record<string, unknown>;
	for (const t of path) {
		if (node[t] === null || typeof node[t] !== 'object') node[t] = {};
		node = node[t] as Record<string, unknown>;
	}
	if (value === undefined) {
		if (Array.isArray(node)) node.splice(Number(last), 1);
		else delete node[last];
	} else node[last] = value;
}
