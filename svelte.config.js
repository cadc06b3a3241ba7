import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// kit's own check compares with an origin adapter-node assumes is https; src/hooks.server.ts
		// refuses cross-site writes by comparing the Origin with the Host the browser used instead.
		csrf: { checkOrigin: false }
	}
};

export default config;
