import type { LayoutServerLoad } from './$types';
import { allows } from '$lib/server/accounts/roles';

// Each page checks the role it needs in its own load and actions (tests/unit/routes.test.ts
// holds every route to that); the layout only says who is signed in.
// An admin's header also links to the pages only an admin needs (Accounts, the audit trail).
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user, admin: !!locals.user && allows(locals.user.roles, 'users:manage') });
