// Issues (file, JSON pointer, message) as entries of a GOV.UK error summary.
import type { Issue } from './engine/errors';

export const issueText = (issue: Issue) => `${issue.file} at ${issue.pointer || '/'}: ${issue.message}`;

export const issueLinks = (issues: Issue[], href: string) => issues.map((issue) => ({ href, text: issueText(issue) }));
