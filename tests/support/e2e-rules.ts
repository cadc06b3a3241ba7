// The rules folder the browser tests' server reads: the shipped versions, plus hmip-youth@2021-moved,
// a copy of 2021 whose good band starts at 75% instead of 65% (a revision with a moved band edge).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const MOVED_VERSION = 'hmip-youth@2021-moved';

export function e2eRules(): string {
	const rules = mkdtempSync(path.join(tmpdir(), 'yardstick-e2e-rules-'));
	cpSync('rules', rules, { recursive: true });
	const moved = path.join(rules, 'hmip-youth', '2021-moved');
	cpSync(path.join(rules, 'hmip-youth', '2021'), moved, { recursive: true });
	rmSync(path.join(moved, 'publication.json'), { force: true }); // a revision, not the published 2021
	const edit = (file: string, change: (doc: Record<string, unknown>) => void) => {
		const doc = JSON.parse(readFileSync(path.join(moved, file), 'utf8'));
		change(doc);
		writeFileSync(path.join(moved, file), JSON.stringify(doc, null, 2) + '\n');
	};
	edit('framework.json', (doc) => {
		doc.version = '2021-moved';
		doc.status = 'draft'; // a revision under trial: not offered for new inspections
		doc.title = `${doc.title} — test copy: good from 75%`;
	});
	edit('bandings.json', (doc) => {
		const [caseBands] = doc.bandings as { bands: { min: number; max: number; published?: string }[] }[];
		caseBands.bands[1].max = 75;
		caseBands.bands[2].min = 75;
		caseBands.bands[2].published = 'Reasonable majority: 75-79% (moved for a test)';
	});
	return rules;
}
