// Case references as an inspector types or pastes them: one, or a list (one per line, or
// separated by commas or semicolons), for several cases from the same sample at once.

/** The references in what was typed, trimmed, blanks left out, in order. */
export function splitReferences(text: string): string[] {
	return text
		.split(/[\r\n,;]+/)
		.map((reference) => reference.trim())
		.filter(Boolean);
}

/** References named twice in the list, or already the reference of a case: each once, in order. */
export function duplicateReferences(references: string[], existing: Iterable<string>): { repeated: string[]; taken: string[] } {
	const have = new Set(existing);
	const seen = new Set<string>();
	const repeated = new Set<string>();
	const taken = new Set<string>();
	for (const reference of references) {
		if (have.has(reference)) taken.add(reference);
		else if (seen.has(reference)) repeated.add(reference);
		seen.add(reference);
	}
	return { repeated: [...repeated], taken: [...taken] };
}
