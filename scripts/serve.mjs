// Starts the built app. The Node adapter refuses bodies over BODY_SIZE_LIMIT (512 KB unless
// set); Yardstick's largest upload, a framework version's zip, needs more. Each route's own
// limit is in src/lib/server/body-limits.ts (BODY_CEILING), which a unit test keeps below this.
process.env.BODY_SIZE_LIMIT ??= '6M';
// Form posts are checked against the app's origin, which the adapter takes from ORIGIN (or,
// behind a proxy, PROTOCOL_HEADER and the Host). Without either it would assume https, and
// refuse every form sent to http://localhost: assume the address `npm run serve` prints.
if (!process.env.ORIGIN && !process.env.PROTOCOL_HEADER) {
	process.env.ORIGIN = `http://localhost:${process.env.PORT ?? 3000}`;
	console.warn(`ORIGIN is not set: forms are accepted only from ${process.env.ORIGIN}. Set ORIGIN to the address people use (README, Accounts).`);
}
await import('../build/index.js');
