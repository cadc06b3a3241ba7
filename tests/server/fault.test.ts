// Durability: writers create inspections and save edits without pause while the server is
// killed with SIGKILL at a random moment, again and again. After each restart on the same data
// folder every file must be whole and valid, and every write the server acknowledged (a 200
// received before the kill) must be there. The kill moments come from a seeded generator, so a
// failure can be replayed: FAULT_SEED=<seed> (and FAULT_ROUNDS=<n>) npm run test:server.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Edit } from '../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../src/lib/server/inspections/inspections';
import { TestServer, caseKeyQuestions, pause, readDataFolder, report, type Client } from '../support/server';

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 25);
const SEED = Number(process.env.FAULT_SEED ?? 20_250_601);
const WRITERS = 4;
/** The kill comes up to this long (ms) after the first write of the round is acknowledged: a fresh server takes a second to answer at all. */
const KILL_WITHIN_MS = 300;

/** Park–Miller: the same kill moments for the same seed. */
function seeded(seed: number) {
	let state = seed % 2_147_483_647 || 1;
	return () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
}

const KEY_QUESTIONS = caseKeyQuestions();
const DECIDED = '1.1';

/**
 * Each write stamps the revision it makes into the field it sets (a tally's relevant cases, a
 * decision's reason), so the stored field says which write it came from.
 */
function stampedEdit(revision: number): { field: string; edit: Edit } {
	if (revision % 4 === 0) {
		const rating = revision % 8 === 0 ? 'good' : 'requires-improvement';
		return { field: `decision ${DECIDED}`, edit: { type: 'decide', standard: DECIDED, decision: { rating, reason: `written at revision ${revision}` } } };
	}
	const keyQuestion = KEY_QUESTIONS[revision % KEY_QUESTIONS.length];
	return { field: `tally ${keyQuestion}`, edit: { type: 'tally', keyQuestion, tally: { relevant: revision, yes: 0 } } };
}

/** The revision whose write the stored field came from. */
function stampIn(record: InspectionRecord, field: string): number | undefined {
	const [kind, key] = field.split(' ');
	if (kind === 'tally') return record.evidence.tallies?.[key]?.relevant;
	const reason = record.evidence.decisions?.[key]?.reason.match(/^written at revision (\d+)$/)?.[1];
	return reason === undefined ? undefined : Number(reason);
}

/** What the server acknowledged, per inspection: its highest revision, and which revision last set each field. */
const acknowledged = new Map<string, { revision: number; fields: Map<string, number> }>();
/** Every acknowledged panel decision: each must have its line in the audit trail. */
const decisions: { id: string; reason: string }[] = [];
const counts = { created: 0, saved: 0, stale: 0 };

class Writer {
	private readonly mine: { id: string; revision: number }[] = [];
	private steps = 0;

	constructor(readonly client: Client) {}

	/** Write until the server is killed. A request failing before that is a real failure. */
	async run(round: Round) {
		while (!round.killed) {
			try {
				if (await this.step()) round.acknowledged();
			} catch (e) {
				if (round.killed) return;
				throw e;
			}
		}
	}

	/** One write: now and then a new inspection, otherwise an edit to one of this writer's own. True when acknowledged. */
	async step(): Promise<boolean> {
		const n = this.steps++;
		if (n % 8 === 0 || !this.mine.length) {
			const id = await this.client.createInspection(`${this.client.name} inspection ${n}`);
			acknowledged.set(id, { revision: 1, fields: new Map() });
			this.mine.push({ id, revision: 1 });
			counts.created++;
			return true;
		}
		const target = this.mine[n % this.mine.length];
		const revision = target.revision + 1;
		const { field, edit } = stampedEdit(revision);
		const answer = await this.client.save(target.id, target.revision, [edit]);
		if (answer.status === 409) {
			// A write sent just before a kill can land without its answer: carry on from it.
			target.revision = answer.stale.revision;
			counts.stale++;
			return false;
		}
		assert.is(answer.revision, revision, `saving on revision ${target.revision} of ${target.id} answered revision ${answer.revision}`);
		target.revision = revision;
		const acked = acknowledged.get(target.id)!;
		acked.revision = Math.max(acked.revision, revision);
		acked.fields.set(field, revision);
		if (edit.type === 'decide') decisions.push({ id: target.id, reason: edit.decision!.reason });
		counts.saved++;
		return true;
	}
}

/** One life of the server, from a start to its kill. */
class Round {
	killed = false;
	/** settles at the round's first acknowledged write */
	readonly flowing: Promise<void>;
	acknowledged: () => void = () => undefined;
	constructor() {
		this.flowing = new Promise((resolve) => (this.acknowledged = resolve));
	}
}

function checkAcknowledgedWrites(dataDir: string, when: string) {
	const folder = readDataFolder(dataDir);
	assert.equal(folder.problems, [], `${when}: files that are not whole and valid`);
	for (const [id, acked] of acknowledged) {
		const stored = folder.inspections.get(id);
		assert.ok(stored, `${when}: inspection ${id}, acknowledged at revision ${acked.revision}, is gone`);
		assert.ok(stored.revision >= acked.revision, `${when}: inspection ${id} is at revision ${stored.revision}, but revision ${acked.revision} was acknowledged`);
		for (const [field, revision] of acked.fields) {
			const stamp = stampIn(stored.value, field);
			assert.ok(stamp !== undefined && stamp >= revision && stamp <= stored.revision, `${when}: inspection ${id}: ${field} acknowledged at revision ${revision} is stored as from revision ${stamp}`);
		}
	}
	// Every decision acknowledged, and every decision in force (even one whose answer the kill
	// took), must be in the audit trail.
	const audited = new Set(folder.audit.filter((a) => a.action === 'panel.decide').map((a) => `${a.target.id} ${a.reason}`));
	const inForce = [...folder.inspections].flatMap(([id, doc]) => Object.values(doc.value.evidence.decisions ?? {}).map(({ reason }) => ({ id, reason })));
	for (const { id, reason } of [...decisions, ...inForce]) assert.ok(audited.has(`${id} ${reason}`), `${when}: the decision on ${id} (${reason}) is not in the audit trail`);
	return folder;
}

test(`acknowledged writes survive ${ROUNDS} kills with SIGKILL mid-write (seed ${SEED})`, async () => {
	const random = seeded(SEED);
	const server = await TestServer.start();
	try {
		const clients = await server.accounts(Array.from({ length: WRITERS }, (_, i) => `writer-${i + 1}`), ['inspector', 'panel-member']);
		const writers = clients.map((client) => new Writer(client));
		let temporaryFiles = 0;
		for (let round = 1; round <= ROUNDS; round++) {
			const delay = Math.round(random() * KILL_WITHIN_MS);
			const state = new Round();
			const writing = Promise.all(writers.map((w) => w.run(state)));
			// A writer's failure ends the wait at once; `writing` is awaited again below.
			await Promise.race([state.flowing, writing]);
			await pause(delay);
			state.killed = true;
			await server.stop('SIGKILL');
			await writing;
			await server.restart();
			temporaryFiles = Math.max(temporaryFiles, checkAcknowledgedWrites(server.dataDir, `after kill ${round} (${delay} ms after the first acknowledged write)`).temporaryFiles);
		}

		// Still serving: a save lands (after the stale answer, if a write landed unanswered) and
		// the list (which skips the writes' leftover temporary files) shows every inspection.
		for (const writer of writers) {
			let saved = false;
			for (let attempt = 0; attempt < 3 && !saved; attempt++) saved = await writer.step();
			assert.ok(saved, `${writer.client.name} could not write after the last restart`);
		}
		// the list is paged: read it page by page, by its "Next" links, as a person would
		let html = '';
		let next: string | undefined = '/inspections';
		for (let pages = 0; next && pages < 100; pages++) {
			const list = await clients[0].request(next, { headers: { accept: 'text/html' } });
			assert.is(list.status, 200);
			const page = await list.text();
			html += page;
			next = page.match(/href="(\/inspections\?page=\d+)" rel="next"/)?.[1];
		}
		for (const id of acknowledged.keys()) assert.ok(html.includes(`href="/inspections/${id}"`), `the list does not show inspection ${id}`);
		checkAcknowledgedWrites(server.dataDir, 'at the end');

		report(
			`${ROUNDS} kills (seed ${SEED}): ${counts.created} inspections created and ${counts.saved} edits saved with acknowledgement, ${decisions.length} of them panel decisions; ` +
				`${counts.stale} stale answers after kills; up to ${temporaryFiles} temporary files left by kills at once`
		);
		assert.ok(counts.created > 0 && counts.saved > 0, 'no write was acknowledged: the kills tested nothing');
	} catch (e) {
		process.stderr.write(`server output:\n${server.log()}\n`);
		throw e;
	} finally {
		await server.dispose();
	}
});

test.run();
