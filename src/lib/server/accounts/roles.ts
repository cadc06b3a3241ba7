// Who may do what. The server checks these on every route and form action; pages only hide
// what the server already refuses.

export const ROLES = ['admin', 'methodology-lead', 'inspector', 'panel-member', 'tester', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Admin',
	'methodology-lead': 'Methodology lead',
	inspector: 'Inspector',
	'panel-member': 'Panel member',
	tester: 'Tester',
	viewer: 'Viewer'
};

export const PERMISSIONS = {
	read: ROLES,
	'inspection:create': ['inspector'],
	'inspection:edit': ['inspector'],
	'inspection:delete': ['inspector'],
	'panel:decide': ['panel-member'],
	'framework:edit': ['methodology-lead'],
	'framework:publish': ['methodology-lead'],
	'regression:run': ['tester'],
	'regression:accept': ['tester'],
	'users:manage': ['admin'],
	'api:evaluate': ['admin', 'methodology-lead', 'inspector', 'panel-member', 'tester']
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function allows(roles: readonly Role[], permission: Permission): boolean {
	return roles.some((role) => (PERMISSIONS[permission] as readonly Role[]).includes(role));
}

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);
