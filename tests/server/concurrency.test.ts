// Twenty people saving at once over HTTP, each with their own account: all on one inspection,
// and in fives on four others. Each runs read-modify-write loops (read the revision the page
// shows, save on it; when refused as stale, save again on the revision the refusal names) and
// sets only its own key question's tally, so a lost update would show as a tally gone back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TestServer, caseKeyQuestions, readDataFolder, report, type Client } from '../support/server';

const CLIENTS = 20;
const GROUPS = 4;
/** writes each client makes to the shared inspection, and as many to its group's */
const WRITES = 3;
/** a client refused this often in a row is starved, which is a failure too */
const MAX_ATTEMPTS = 200;

interface Refusal {
	loser: string;
	message: string;
	updatedBy: string;
}

/** Per inspection: who was acknowledged which revision, and the stale refusals. */
class Ledger {
	readonly acknowledged: { revision: number; by: string }[] = [];
	readonly refusals: Refusal[] = [];
}

/** Read the revision, save this client's tally on it; on a stale answer, save again on the revision it names. */
async function write(client: Client, id: string, keyQuestion: string, count: number, ledger: Ledger) {
	let base = await client.revision(id);
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const answer = await client.save(id, base, [{ type: 'tally', keyQuestion, tally: { relevant: count, yes: 0 } }]);
		if (answer.status === 200) {
			ledger.acknowledged.push({ revision: answer.revision, by: client.name });
			return;
		}
		ledger.refusals.push({ loser: client.name, message: answer.stale.message, updatedBy: answer.stale.updatedBy });
		base = answer.stale.revision;
	}
	throw new Error(`${client.name} was refused ${MAX_ATTEMPTS} times in a row on ${id}`);
}

test(`${CLIENTS} clients saving at once: every acknowledged write kept, no revision acknowledged twice`, async () => {
	const server = await TestServer.start();
	try {
		const names = Array.from({ length: CLIENTS }, (_, i) => `client-${String(i + 1).padStart(2, '0')}`);
		const clients = await server.accounts(names, ['inspector']);
		// Only an inspection's team changes its evidence: its creator puts everyone on it (revision 2).
		const created = async (serviceName: string) => {
			const id = await clients[0].createInspection(serviceName);
			assert.is((await clients[0].save(id, 1, [{ type: 'team', team: names }])).status, 200);
			return id;
		};
		const shared = await created('Shared by all twenty');
		const groups = await Promise.all(Array.from({ length: GROUPS }, (_, g) => created(`Shared by group ${g + 1}`)));
		const ledgers = new Map([shared, ...groups].map((id) => [id, new Ledger()]));
		const keyQuestions = caseKeyQuestions();
		const groupOf = (i: number) => groups[i % GROUPS];

		await Promise.all(
			clients.map(async (client, i) => {
				for (let count = 1; count <= WRITES; count++) {
					await write(client, shared, keyQuestions[i], count, ledgers.get(shared)!);
					await write(client, groupOf(i), keyQuestions[i], count, ledgers.get(groupOf(i))!);
				}
			})
		);

		const folder = readDataFolder(server.dataDir);
		assert.equal(folder.problems, [], 'files that are not whole and valid');
		for (const [id, ledger] of ledgers) {
			const writers = clients.filter((_, i) => id === shared || id === groupOf(i));
			const revisions = ledger.acknowledged.map((a) => a.revision).sort((a, b) => a - b);
			// At revision 2 with its team; each acknowledged write made exactly the next one.
			assert.equal(revisions, Array.from({ length: writers.length * WRITES }, (_, i) => i + 3), `${id}: the revisions acknowledged`);
			const stored = folder.inspections.get(id)!;
			assert.is(stored.revision, 2 + revisions.length, `${id}: the stored revision`);
			for (const client of writers) {
				const keyQuestion = keyQuestions[clients.indexOf(client)];
				assert.equal(stored.value.evidence.tallies?.[keyQuestion], { relevant: WRITES, yes: 0 }, `${id}: ${client.name}'s last acknowledged tally (${keyQuestion})`);
			}
			for (const refusal of ledger.refusals) {
				assert.ok(names.includes(refusal.updatedBy) && refusal.updatedBy !== refusal.loser, `${refusal.loser} was refused naming ${refusal.updatedBy}`);
				assert.ok(refusal.message.includes(`${refusal.updatedBy} changed this`), `the refusal does not say who changed it: ${refusal.message}`);
			}
		}
		const conflicts = ledgers.get(shared)!.refusals.length;
		assert.ok(conflicts > 0, 'twenty clients on one inspection were never refused as stale');
		const acknowledged = [...ledgers.values()].reduce((sum, l) => sum + l.acknowledged.length, 0);
		const refused = [...ledgers.values()].reduce((sum, l) => sum + l.refusals.length, 0);
		report(`${acknowledged} writes acknowledged on 5 inspections; ${refused} stale refusals (${conflicts} on the inspection all twenty share)`);
	} catch (e) {
		process.stderr.write(`server output:\n${server.log()}\n`);
		throw e;
	} finally {
		await server.dispose();
	}
});

test.run();
