// Starts the built app. The Node adapter refuses bodies over BODY_SIZE_LIMIT (512 KB unless
// set); Yardstick's largest upload, a framework version's zip, needs more. Each route's own
// limit is in src/lib/server/body-limits.ts (BODY_CEILING), which a unit test keeps below this.
process.env.BODY_SIZE_LIMIT ??= '6M';
await import('../build/index.js');
