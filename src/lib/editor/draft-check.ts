// The framework editor's check of a draft: every schema and meaning problem, said in words and
// named by the file as the editor names it (framework.json, not draft/framework.json). Its own
// module because it carries the validator (every schema's compiled code, a large script): the
// server runs it for the page as first sent, and the browser loads it after the editor is on screen.
import { checkStructure, validateVersion } from '../engine/validate';
import type { Issue } from '../engine/errors';
import { issueInWords } from './issue-words';

const LABEL = 'draft';

export interface DraftCheck {
	errors: Issue[];
	warnings: Issue[];
	/** the problems the server refuses to store (schemas, ids used twice) */
	structural: boolean;
}

/** Validate files given as JSON text; the pointer stays on each issue for the raw view. */
export function checkDraft(json: string): DraftCheck {
	const files = JSON.parse(json);
	const result = validateVersion(files, LABEL);
	const local = (i: Issue): Issue => {
		const file = i.file.startsWith(`${LABEL}/`) ? i.file.slice(LABEL.length + 1) : i.file;
		return { ...i, file, message: issueInWords({ ...i, file }, files) };
	};
	const errors = result.ok ? [] : result.errors.map(local);
	return { errors, warnings: result.warnings.map(local), structural: errors.length > 0 && checkStructure(files, LABEL).length > 0 };
}
