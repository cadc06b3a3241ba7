// The one-time set-up page (src/lib/server/accounts/setup.ts): open without an account, and only with the
// token the server printed while no account exists; anything else is "not found".
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setupOpen, takeSetup } from '$lib/server/accounts/setup';
import { addUser, nameProblem, users } from '$lib/server/accounts/users';
import { passwordProblems } from '$lib/server/accounts/passwords';
import { recordAudit } from '$lib/server/audit/audit';
import { SESSION_COOKIE, startSession } from '$lib/server/accounts/sessions';

const gone = () => error(404, 'This set-up link has been used, or the server has accounts already: sign in instead.');

export const load: PageServerLoad = async ({ url }) => {
	const token = url.searchParams.get('token');
	if (!(await setupOpen(token))) gone();
	return { token };
};

export const actions: Actions = {
	default: async ({ request, url, cookies }) => {
		const form = await request.formData();
		const token = String(form.get('token') ?? url.searchParams.get('token') ?? '');
		const name = String(form.get('name') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		if (!(await setupOpen(token))) gone();
		const errors: Record<string, string> = {};
		if (!name) errors.name = 'Enter a name for the admin account';
		else if (nameProblem(name)) errors.name = `The name ${nameProblem(name)}`;
		const weak = passwordProblems(password);
		if (!password) errors.password = 'Enter a password';
		else if (weak.length) errors.password = `The password ${weak.join(' and ')}`;
		else if (password !== confirm) errors.confirm = 'The passwords do not match: type the same password twice';
		if (Object.keys(errors).length) return fail(400, { name, errors });
		const spend = takeSetup(token);
		if (!spend) gone();
		try {
			if ((await users().list()).length) gone();
			await addUser(name, ['admin'], password, 'set-up link');
		} catch (e) {
			spend!.give();
			throw e;
		}
		await recordAudit({ actor: 'set-up link', action: 'account.create', target: { kind: 'user', id: name }, summary: `first admin ${name} created with the set-up link`, after: { roles: ['admin'] } });
		const session = await startSession(name);
		cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', expires: session.expires });
		redirect(303, '/admin/users?welcome=1');
	}
};
