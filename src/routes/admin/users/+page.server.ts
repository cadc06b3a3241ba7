import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/accounts/auth';
import { NoAccountError, addUser, issueToken, nameProblem, revokeToken, setPassword, users } from '$lib/server/accounts/users';
import { passwordProblems } from '$lib/server/accounts/passwords';
import { ROLES, ROLE_LABELS, isRole, type Role } from '$lib/server/accounts/roles';
import { recordAudit } from '$lib/server/audit/audit';
import { StaleRevisionError } from '$lib/server/storage/store';
import { endSessionsOf, liveSessionCounts } from '$lib/server/accounts/sessions';
import { forgetName } from '$lib/server/accounts/throttle';

/** The longest token label taken: it is shown in lists and kept in the audit trail. */
const LABEL_MAX = 100;

export const load: PageServerLoad = async ({ locals }) => {
	requirePermission(locals.user, 'users:manage');
	const sessions = await liveSessionCounts();
	const accounts = (await users().list())
		.map((doc) => ({
			name: doc.value.name,
			roles: doc.value.roles,
			disabled: !!doc.value.disabled,
			tokens: (doc.value.tokens ?? []).map((t) => ({ id: t.id, label: t.label, createdAt: t.createdAt })),
			sessions: sessions.get(doc.value.name) ?? 0,
			revision: doc.revision
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { accounts, roles: ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })), labelMax: LABEL_MAX };
};

const rolesFrom = (form: FormData) => form.getAll('roles').map(String).filter(isRole) as Role[];
const field = (form: FormData, name: string) => String(form.get(name) ?? '');

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name').trim().toLowerCase().slice(0, 200);
		const password = field(form, 'password');
		const roles = rolesFrom(form);
		const errors: Record<string, string> = {};
		const badName = name ? nameProblem(name) : 'Enter a name';
		if (badName) errors.name = name ? `Name ${badName}` : badName;
		else if (await users().get(name)) errors.name = `An account "${name}" already exists`;
		if (!roles.length) errors.roles = 'Choose at least one role';
		const badPassword = passwordProblems(password);
		if (badPassword.length) errors.password = `Password ${badPassword.join('; ')}`;
		if (Object.keys(errors).length) return fail(400, { action: 'add', name, roles, errors });
		await addUser(name, roles, password, admin.name);
		await recordAudit({ actor: admin.name, action: 'account.create', target: { kind: 'user', id: name }, summary: `account ${name} created with roles ${roles.join(', ')}`, after: { roles } });
		return { action: 'add', done: `Account ${name} created.` };
	},
	roles: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name');
		const revision = Number(form.get('revision'));
		const roles = rolesFrom(form);
		const disabled = form.get('disabled') === 'on';
		const doc = await users().get(name);
		if (!doc) return fail(404, { action: 'roles', account: name, errors: { roles: new NoAccountError(name).message } });
		if (!roles.length) return fail(400, { action: 'roles', account: name, errors: { roles: 'Choose at least one role' } });
		if (name === admin.name && (!roles.includes('admin') || disabled)) return fail(400, { action: 'roles', account: name, errors: { roles: 'You cannot take away your own admin role or disable yourself' } });
		const before = { roles: doc.value.roles, disabled: !!doc.value.disabled };
		// A session carries no roles of its own: ending it makes the account sign in again under what it may do now.
		const changed = before.disabled !== disabled || before.roles.length !== roles.length || !roles.every((role) => before.roles.includes(role));
		// audited before the file changes: a role change in force is always in the trail
		const audit = () => recordAudit({ actor: admin.name, action: 'account.roles', target: { kind: 'user', id: name }, summary: `roles of ${name} changed${changed ? '; its sessions ended' : ''}`, before, after: { roles, disabled } }).then(() => undefined);
		try {
			await users().update(name, revision, { ...doc.value, roles, disabled }, admin.name, `roles set to ${roles.join(', ')}${disabled ? ', disabled' : ''}`, audit);
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { action: 'roles', account: name, errors: { roles: e.message } });
			throw e;
		}
		if (changed) await endSessionsOf(name);
		return { action: 'roles', done: `Roles of ${name} saved.${changed ? ' Its sessions have ended.' : ''}` };
	},
	token: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name');
		const label = field(form, 'label').trim();
		const errorKey = `label-${name}`;
		if (!label) return fail(400, { action: 'token', account: name, errors: { [errorKey]: 'Enter what the token is for' } });
		if (label.length > LABEL_MAX) return fail(400, { action: 'token', account: name, errors: { [errorKey]: `What the token is for must be ${LABEL_MAX} characters or fewer` } });
		let token: string;
		try {
			token = await issueToken(name, label, admin.name);
		} catch (e) {
			if (e instanceof NoAccountError) return fail(400, { action: 'token', account: name, errors: { [errorKey]: e.message } });
			throw e;
		}
		await recordAudit({ actor: admin.name, action: 'token.issue', target: { kind: 'user', id: name }, summary: `API token "${label}" issued to ${name}` });
		return { action: 'token', account: name, token, done: `Token for ${name} issued. Copy it now: it is not shown again.` };
	},
	revoke: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name');
		const tokenId = field(form, 'token');
		const errorKey = `revoke-${name}`;
		let label: string | null;
		try {
			// audited before the file changes, as every account change is
			label = await revokeToken(name, tokenId, admin.name, (revoked) =>
				recordAudit({ actor: admin.name, action: 'token.revoke', target: { kind: 'user', id: name }, summary: `API token "${revoked}" of ${name} revoked` }).then(() => undefined)
			);
		} catch (e) {
			if (e instanceof NoAccountError) return fail(400, { action: 'revoke', account: name, errors: { [errorKey]: e.message } });
			if (e instanceof StaleRevisionError) return fail(409, { action: 'revoke', account: name, errors: { [errorKey]: e.message } });
			throw e;
		}
		if (label === null) return fail(400, { action: 'revoke', account: name, errors: { [errorKey]: `${name} has no such token: it may have been revoked already` } });
		return { action: 'revoke', done: `Token "${label}" of ${name} revoked.` };
	},
	sessions: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name');
		if (!(await users().get(name))) return fail(400, { action: 'sessions', account: name, errors: { [`sessions-${name}`]: new NoAccountError(name).message } });
		await recordAudit({ actor: admin.name, action: 'account.sessions-end', target: { kind: 'user', id: name }, summary: `sessions of ${name} ended` });
		const ended = await endSessionsOf(name);
		return { action: 'sessions', done: `${ended} session${ended === 1 ? '' : 's'} of ${name} ended.` };
	},
	password: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = field(form, 'name');
		const password = field(form, 'password');
		const errorKey = `password-${name}`;
		const problems = passwordProblems(password);
		if (problems.length) return fail(400, { action: 'password', account: name, errors: { [errorKey]: `New password ${problems.join('; ')}` } });
		try {
			await setPassword(name, password, admin.name, () =>
				recordAudit({ actor: admin.name, action: 'account.password-reset', target: { kind: 'user', id: name }, summary: `password of ${name} reset; its sessions ended` }).then(() => undefined)
			);
		} catch (e) {
			if (e instanceof NoAccountError) return fail(400, { action: 'password', account: name, errors: { [errorKey]: e.message } });
			if (e instanceof StaleRevisionError) return fail(409, { action: 'password', account: name, errors: { [errorKey]: e.message } });
			throw e;
		}
		await endSessionsOf(name);
		forgetName(name);
		return { action: 'password', done: `Password of ${name} reset, and its sessions ended. Tell them the new one another way than email, and ask them to change it under Your account.` };
	}
};
