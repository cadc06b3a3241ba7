import type { LayoutServerLoad } from './$types';

// Each page checks the role it needs in its own load and actions (tests/unit/routes.test.ts
// holds every route to that); the layout only says who is signed in.
export const load: LayoutServerLoad = ({ locals }) => ({ user: locals.user });
