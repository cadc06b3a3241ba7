import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth';
import { addUser, issueToken, nameProblem, users } from '$lib/server/users';
import { passwordProblems } from '$lib/server/passwords';
import { ROLES, ROLE_LABELS, isRole, type Role } from '$lib/server/roles';
import { recordAudit } from '$lib/server/audit';
import { StaleRevisionError } from '$lib/server/store';

export const load: PageServerLoad = async ({ locals }) => {
	requirePermission(locals.user, 'users:manage');
	const accounts = (await users().list())
		.map((doc) => ({ name: doc.value.name, roles: doc.value.roles, disabled: !!doc.value.disabled, tokens: (doc.value.tokens ?? []).map((t) => ({ label: t.label, createdAt: t.createdAt })), revision: doc.revision }))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { accounts, roles: ROLES.map((id) => ({ id, label: ROLE_LABELS[id] })) };
};

const rolesFrom = (form: FormData) => form.getAll('roles').map(String).filter(isRole) as Role[];

export const actions: Actions = {
	add: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim().toLowerCase();
		const password = String(form.get('password') ?? '');
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
		const name = String(form.get('name') ?? '');
		const revision = Number(form.get('revision'));
		const roles = rolesFrom(form);
		const disabled = form.get('disabled') === 'on';
		const doc = await users().get(name);
		if (!doc) return fail(404, { action: 'roles', account: name, errors: { roles: `No account "${name}"` } });
		if (!roles.length) return fail(400, { action: 'roles', account: name, errors: { roles: 'Choose at least one role' } });
		if (name === admin.name && (!roles.includes('admin') || disabled)) return fail(400, { action: 'roles', account: name, errors: { roles: 'You cannot take away your own admin role or disable yourself' } });
		const before = { roles: doc.value.roles, disabled: !!doc.value.disabled };
		// audited before the file changes: a role change in force is always in the trail
		const audit = () => recordAudit({ actor: admin.name, action: 'account.roles', target: { kind: 'user', id: name }, summary: `roles of ${name} changed`, before, after: { roles, disabled } }).then(() => undefined);
		try {
			await users().update(name, revision, { ...doc.value, roles, disabled }, admin.name, `roles set to ${roles.join(', ')}${disabled ? ', disabled' : ''}`, audit);
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { action: 'roles', account: name, errors: { roles: e.message } });
			throw e;
		}
		return { action: 'roles', done: `Roles of ${name} saved.` };
	},
	token: async ({ request, locals }) => {
		const admin = requirePermission(locals.user, 'users:manage');
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		const label = String(form.get('label') ?? '').trim();
		if (!label) return fail(400, { action: 'token', account: name, errors: { label: 'Enter what the token is for' } });
		const token = await issueToken(name, label, admin.name);
		await recordAudit({ actor: admin.name, action: 'token.issue', target: { kind: 'user', id: name }, summary: `API token "${label}" issued to ${name}` });
		return { action: 'token', account: name, token, done: `Token for ${name} issued. Copy it now: it is not shown again.` };
	}
};
