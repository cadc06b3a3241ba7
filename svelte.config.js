import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// SvelteKit's own check refuses a form post whose Origin is not the app's. The app's origin
		// is the adapter's: ORIGIN, or PROTOCOL_HEADER and the Host behind a proxy (README, Accounts).
		csrf: { trustedOrigins: [] },
		// Only the app's own scripts and styles; SvelteKit puts a nonce on its one inline script, so
		// no injected inline script runs, and nothing evals (the schemas are compiled at build time,
		// scripts/compile-schemas.mjs). Style attributes stay allowed: components position band
		// edges and bars with them.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
