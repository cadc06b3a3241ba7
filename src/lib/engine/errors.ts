// Bad input is data: every problem names the file, the JSON pointer and what is wrong.

export interface Issue {
	file: string;
	pointer: string;
	message: string;
	severity: 'error' | 'warning';
}

export type Checked<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; errors: Issue[]; warnings: Issue[] };

export function formatIssue(issue: Issue): string {
	return `${issue.file}: ${issue.pointer || '/'}: ${issue.message}`;
}

/** JSON pointer from path segments (RFC 6901 escaping). */
export function pointer(...segments: (string | number)[]): string {
	return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Thrown only for programmer errors, never for bad input. */
export class EngineError extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'EngineError';
	}
}

/** At most `max` issues, the rest counted in one last issue: an answer's size stays bounded whatever was sent. */
export function capIssues(issues: Issue[], max = 50): Issue[] {
	if (issues.length <= max) return issues;
	const more = issues.length - max;
	return [...issues.slice(0, max), { file: issues[max].file, pointer: '', message: `and ${more} more ${more === 1 ? 'problem' : 'problems'}`, severity: 'error' }];
}
