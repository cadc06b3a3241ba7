import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	// govuk-frontend's CSS carries old-browser @media hacks that lightningcss rejects.
	css: { lightningcss: { errorRecovery: true } }
});
