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
await import('../build/index.js');
console.log(`Yardstick is running at ${process.env.ORIGIN ?? `http://${process.env.HOST}:${process.env.PORT}`} (data in ${process.env.DATA_DIR}). Press Ctrl+C to stop it.`);
