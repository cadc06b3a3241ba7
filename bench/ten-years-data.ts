// Ten years of inspections for `npm run bench:ten-years`: 2025 inspections of realistic size
// (15 to 125 children's cases answered one by one, victims' cases, domain one judgements, now
// and then a panel decision), and an audit trail, written straight into a data folder in the
// store's own format (serialise, the bytes DurableJSONFile writes) because 2,000 validated,
// fsynced writes would take minutes. tests/unit/server/ten-years-data.test.ts checks that what
// is written here reads back through the store as a document it wrote itself.
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Answer, Inspection } from '../src/lib/engine/index';
import type { InspectionRecord } from '../src/lib/inspection/record';
import type { AuditRecord } from '../src/lib/server/audit/audit';
import { serialise } from '../src/lib/server/storage/durable-file';
import type { Stored } from '../src/lib/server/storage/store';

export function seeded(seed: number) {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
}

const TOWNS = ['North', 'South', 'East', 'West', 'Upper', 'Lower', 'Great', 'Little', 'Old', 'New'];
const PLACES = ['shire', 'borough', 'field', 'ford', 'ham', 'ton', 'wick', 'bury', 'minster', 'port'];

/** The nth inspection of the ten years: the same for the same n and framework hash. */
export function generatedRecord(n: number, frameworkHash: string, team: string[]): { record: InspectionRecord; children: number; at: string } {
	const random = seeded(1000 + n);
	const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
	const answer = (p: number): Answer => (random() < p ? 'yes' : 'no');
	const children = 15 + Math.floor(random() * 111);
	const victims = Math.floor(random() * 31);
	const type = random() < 0.5 ? 'iyjs' : 'iyjwcv';
	const cases: NonNullable<Inspection['cases']> = [];
	const quality = 0.55 + random() * 0.4;
	for (let i = 0; i < children; i++) {
		const answers: Record<string, Answer> = {};
		for (const s of ['2.1', '2.2', '2.3']) {
			answers[`${s}.1`] = answer(quality);
			// keeping safe is not relevant to every child
			answers[`${s}.2`] = random() < 0.1 ? 'n/a' : answer(quality - 0.05);
		}
		cases.push({ id: `case-${i + 1}`, sample: random() < 0.7 ? 'court' : 'out-of-court', answers });
	}
	for (let i = 0; i < victims; i++) cases.push({ id: `victim-${i + 1}`, sample: 'victim', answers: { 'V1.1': answer(quality) } });
	const evidence: Inspection = { context: { inspectionType: type }, cases, judgements: { V1: { keyQuestions: { 'V1.2': random() < 0.6 ? 'yes' : 'no' } } } };
	if (type === 'iyjs') {
		for (const s of ['1.1', '1.2', '1.3']) {
			const yes = random() < 0.7;
			evidence.judgements![s] = { rating: yes ? pick(['good', 'outstanding']) : 'requires-improvement', keyQuestions: { [`${s}.1`]: yes ? 'yes' : 'no' } };
		}
	}
	// ten years back from now, a working day apart
	const at = new Date(Date.UTC(2026, 0, 1) - n * 1.8 * 86_400_000).toISOString();
	const record: InspectionRecord = {
		serviceName: `${pick(TOWNS)}${pick(PLACES)} YJS ${2016 + Math.floor((2000 - n) / 200)}`,
		framework: 'hmip-youth@2025',
		frameworkHash,
		status: random() < 0.9 ? 'complete' : 'in-progress',
		team,
		origin: { how: 'created', by: team[0], at },
		fieldwork: { from: at.slice(0, 10), to: at.slice(0, 10) },
		evidence
	};
	return { record, children, at };
}

/** One document as the store writes it: `<dir>/<id>.json`. */
export function writeStored<T>(dir: string, doc: Stored<T>): void {
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, `${doc.id}.json`), serialise(doc));
}

const ACTIONS = ['inspection.context', 'panel.decide', 'guidance.depart', 'inspection.team', 'framework.save', 'sign-in.failure', 'token.issue'];

/** `count` audit records, oldest first, each a line as recordAudit writes it, about inspections `ids`. */
export async function writeAudit(file: string, count: number, ids: string[], names: Map<string, string>): Promise<void> {
	const random = seeded(42);
	const out = createWriteStream(file);
	const start = Date.UTC(2016, 0, 1);
	const step = (Date.UTC(2026, 0, 1) - start) / count;
	let chunk = '';
	for (let i = 0; i < count; i++) {
		const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
		const id = ids[Math.floor(random() * ids.length)];
		const at = new Date(start + i * step).toISOString();
		let record: AuditRecord;
		if (action === 'sign-in.failure') record = { at, actor: 'someone', action, target: { kind: 'account', id: 'someone' }, summary: 'failed sign-in from 127.0.0.1' };
		else if (action === 'framework.save') record = { at, actor: 'lead', action, target: { kind: 'framework', id: 'hmip-youth@2026' }, summary: 'draft hmip-youth@2026 saved: 3 files changed' };
		else if (action === 'token.issue') record = { at, actor: 'admin', action, target: { kind: 'account', id: 'ci' }, summary: 'API token "ci" issued' };
		else if (action === 'panel.decide')
			record = { at, actor: 'panel', action, target: { kind: 'inspection', id }, summary: `panel decision on 2.2: good`, before: null, after: { rating: 'good', reason: 'one case answered differently would make it good; the panel read the case notes' }, reason: 'one case answered differently would make it good; the panel read the case notes' };
		else if (action === 'inspection.team') record = { at, actor: 'ann', action, target: { kind: 'inspection', id }, summary: `team of ${names.get(id)} set to ann, bob`, before: ['ann'], after: ['ann', 'bob'] };
		else if (action === 'guidance.depart') record = { at, actor: 'panel', action, target: { kind: 'inspection', id }, summary: '2.1 rated good, departing from decision guidance 2.1-guidance', before: 'requires-improvement', after: 'good', reason: 'the practice seen outweighs the count' };
		else record = { at, actor: 'ann', action, target: { kind: 'inspection', id }, summary: 'context fact inspectionType set to iyjs', before: null, after: 'iyjs' };
		chunk += JSON.stringify(record) + '\n';
		if (chunk.length > 1 << 20) {
			if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
			chunk = '';
		}
	}
	out.write(chunk);
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}
