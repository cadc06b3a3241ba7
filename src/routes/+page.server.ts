import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/accounts/auth';

interface FrameworkSummary {
	id: string;
	version: string;
	title: string;
	status: string;
	effectiveFrom: string;
}

function subfolders(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
}

// A stopgap until the engine's loader serves the routes: only framework.json's identity fields.
function listFrameworks(rulesDir: string): FrameworkSummary[] {
	const found: FrameworkSummary[] = [];
	for (const framework of subfolders(rulesDir)) {
		for (const version of subfolders(join(rulesDir, framework))) {
			const file = join(rulesDir, framework, version, 'framework.json');
			if (!existsSync(file)) continue;
			const { id, version: v, title, status, effectiveFrom } = JSON.parse(readFileSync(file, 'utf8'));
			found.push({ id, version: v, title, status, effectiveFrom });
		}
	}
	return found;
}

export const load: PageServerLoad = ({ locals }) => {
	requirePermission(locals.user, 'read');
	const rulesDir = resolve(process.env.RULES_DIR ?? 'rules');
	return { frameworks: listFrameworks(rulesDir) };
};
