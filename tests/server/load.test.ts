// Load: autocannon on the built server over loopback (see tests/support/load.ts for the mix).
// Every request must be answered, in time and with a 2xx; the speed is printed, not asserted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LOAD, printFigures, runLoad } from '../support/load';
import { TestServer } from '../support/server';

test(`${LOAD.connections} connections for ${LOAD.seconds} s of signed-in reading and rating: no errors, timeouts or refusals`, async () => {
	const server = await TestServer.start();
	try {
		const figures = await runLoad(server);
		printFigures(figures);
		assert.ok(figures.requests > 0, 'no request was answered');
		assert.equal([figures.errors, figures.timeouts, figures.non2xx], [0, 0, 0], `errors, timeouts and non-2xx answers (status codes ${JSON.stringify(figures.statusCodes)})`);
	} catch (e) {
		process.stderr.write(`server output:\n${server.log()}\n`);
		throw e;
	} finally {
		await server.dispose();
	}
});

test.run();
