// Starts the built app. The Node adapter refuses bodies over BODY_SIZE_LIMIT (512 KB unless
// set); Yardstick's largest upload, a framework version's zip, needs more. Each route's own
// limit is in src/lib/server/http/body-limits.ts (BODY_CEILING), which a unit test keeps below this.
process.env.BODY_SIZE_LIMIT ??= '6M';
// Only this machine, unless HOST says otherwise (HOST=0.0.0.0 for every interface).
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
// Data beside the code, wherever the command is run from: `npm run user` uses the same default.
const { fileURLToPath } = await import('node:url');
const path = await import('node:path');
process.env.DATA_DIR ??= path.resolve(fileURLToPath(new URL('..', import.meta.url)), 'data');
// Form posts are checked against the app's origin, which the adapter takes from ORIGIN (or,
// behind a proxy, PROTOCOL_HEADER and the Host). Without either it would assume https, and
// refuse every form sent over plain http: assume the address printed below.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	const everywhere = ['0.0.0.0', '::'].includes(process.env.HOST);
	const host = everywhere ? 'localhost' : process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST;
	process.env.ORIGIN = `http://${host}:${process.env.PORT}`;
	console.warn(`ORIGIN is not set: forms are accepted only from ${process.env.ORIGIN}. Set ORIGIN to the address people use (README, Accounts).`);
}

// The adapter's request handler (static files, then the app) in a server of our own, so that
// answers are compressed when the browser accepts it: gzip or brotli by `compression`, the
// expressjs middleware. Static files are compressed at build time (the adapter's precompress) and
// sent as they are. What to leave to a proxy in front is in the README (Deployment).
const http = await import('node:http');
const { default: compression } = await import('compression');
const { handler } = await import('../build/handler.js');
const { timeout_env } = await import('../build/env.js');
const compress = compression();
const server = http.createServer((req, res) =>
	compress(req, res, () =>
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	)
);
// As the adapter's own server: KEEP_ALIVE_TIMEOUT and HEADERS_TIMEOUT in seconds, when set.
const keepAlive = timeout_env('KEEP_ALIVE_TIMEOUT');
if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive * 1000;
const headersTimeout = timeout_env('HEADERS_TIMEOUT');
if (headersTimeout !== undefined) server.headersTimeout = headersTimeout * 1000;

// As the adapter's own server: on SIGTERM or SIGINT take no new requests, let those under way
// finish (at most SHUTDOWN_TIMEOUT seconds, 30 unless set), then stop.
const shutdownTimeout = Number.parseInt(process.env.SHUTDOWN_TIMEOUT ?? '30', 10);
let stopping = false;
function shutdown(reason) {
	if (stopping) return;
	stopping = true;
	server.closeIdleConnections();
	const late = setTimeout(() => server.closeAllConnections(), shutdownTimeout * 1000);
	server.close(() => {
		clearTimeout(late);
		process.emit('sveltekit:shutdown', reason);
	});
}
// a connection kept alive is closed as soon as its request is answered
server.on('request', (req) => req.on('close', () => stopping && server.closeIdleConnections()));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

await new Promise((resolve, reject) => {
	server.once('error', reject);
	server.listen(Number(process.env.PORT), process.env.HOST, resolve);
});
console.log(`Yardstick is running at ${process.env.ORIGIN ?? `http://${process.env.HOST}:${process.env.PORT}`} (data in ${process.env.DATA_DIR}). Press Ctrl+C to stop it.`);
