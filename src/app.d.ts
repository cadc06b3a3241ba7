import type { Role } from '$lib/server/accounts/roles';

declare global {
	namespace App {
		interface Locals {
			/** the signed-in user, or the owner of the API token presented; null when anonymous */
			user: { name: string; roles: Role[] } | null;
		}
	}
}

export {};
