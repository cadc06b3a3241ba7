// Starts the built app. The Node adapter refuses bodies over BODY_SIZE_LIMIT (512 KB unless
// set); Yardstick's largest upload, a framework version's zip, needs more. Each route's own
// limit is in src/lib/server/body-limits.ts (BODY_CEILING), which a unit test keeps below this.
process.env.BODY_SIZE_LIMIT ??= '6M';
// Only this machine, unless HOST says otherwise (HOST=0.0.0.0 for every interface).
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
// Data beside the code, wherever the command is run from: `npm run user` uses the same default.
const { fileURLToPath } = await import('node:url');
const path = await import('node:path');
process.env.DATA_DIR ??= path.resolve(fileURLToPath(new URL('..', import.meta.url)), 'data');
await import('../build/index.js');
const host = process.env.HOST === '0.0.0.0' || process.env.HOST === '::' ? 'localhost' : process.env.HOST;
console.log(`Yardstick is running at http://${host}:${process.env.PORT} (data in ${process.env.DATA_DIR}). Press Ctrl+C to stop it.`);
