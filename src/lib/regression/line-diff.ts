// The lines of a text file that a rewrite changes, with a little context: what the page shows
// before "accept actual as expected" rewrites a golden file.

export interface DiffLine {
	kind: 'same' | 'removed' | 'added';
	text: string;
	/** line number in the old text (same, removed) or the new one (added), from 1 */
	line: number;
}

export interface Hunk {
	lines: DiffLine[];
}

/** Hunks of changed lines with `context` unchanged lines around each; none when equal. */
export function lineDiff(before: string, after: string, context = 2): Hunk[] {
	const a = before.split('\n');
	const b = after.split('\n');
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	// Longest common subsequence of the middle parts (rewrites touch a few lines: small).
	const n = endA - start;
	const m = endB - start;
	const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
		}
	}
	const all: DiffLine[] = [];
	for (let k = 0; k < start; k++) all.push({ kind: 'same', text: a[k], line: k + 1 });
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[start + i] === b[start + j]) {
			all.push({ kind: 'same', text: a[start + i], line: start + i + 1 });
			i++;
			j++;
		} else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
			all.push({ kind: 'removed', text: a[start + i], line: start + i + 1 });
			i++;
		} else {
			all.push({ kind: 'added', text: b[start + j], line: start + j + 1 });
			j++;
		}
	}
	for (let k = endA; k < a.length; k++) all.push({ kind: 'same', text: a[k], line: k + 1 });

	// Every changed line and its context, grouped where they touch.
	const shown = new Array<boolean>(all.length).fill(false);
	all.forEach((line, index) => {
		if (line.kind === 'same') return;
		for (let k = Math.max(0, index - context); k <= Math.min(all.length - 1, index + context); k++) shown[k] = true;
	});
	const hunks: Hunk[] = [];
	all.forEach((line, index) => {
		if (!shown[index]) return;
		if (index === 0 || !shown[index - 1]) hunks.push({ lines: [] });
		hunks[hunks.length - 1].lines.push(line);
	});
	return hunks;
}
