// Your own account: change your password. The current one is asked for (a session left open on
// a shared machine must not be enough), through the same throttle as signing in.
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { PASSWORD_MAX, requirePermission, signIn } from '$lib/server/accounts/auth';
import { passwordProblems } from '$lib/server/accounts/passwords';
import { setPassword } from '$lib/server/accounts/users';
import { recordAudit } from '$lib/server/audit/audit';
import { StaleRevisionError } from '$lib/server/storage/store';
import { SESSION_COOKIE, endSessionsOf, startSession } from '$lib/server/accounts/sessions';

export const load: PageServerLoad = ({ locals }) => {
	const user = requirePermission(locals.user, 'read');
	return { name: user.name, passwordMax: PASSWORD_MAX };
};

export const actions: Actions = {
	password: async ({ request, locals, cookies, getClientAddress, url }) => {
		const user = requirePermission(locals.user, 'read');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const password = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const errors: Record<string, string> = {};
		if (!current) errors.current = 'Enter your current password';
		else if (current.length > PASSWORD_MAX) errors.current = 'Your current password is not right';
		const problems = passwordProblems(password);
		if (!password) errors.password = 'Enter a new password';
		else if (problems.length) errors.password = `New password ${problems.join('; ')}`;
		else if (password !== confirm) errors.confirm = 'Enter the same new password twice';
		if (Object.keys(errors).length) return fail(400, { errors });
		const checked = await signIn(user.name, current, getClientAddress());
		if (!checked.ok) return fail(checked.field ? 400 : 429, { errors: { current: checked.field ? 'Your current password is not right' : checked.message } });
		try {
			await setPassword(user.name, password, user.name, () =>
				recordAudit({ actor: user.name, action: 'account.password-change', target: { kind: 'user', id: user.name }, summary: `${user.name} changed their password; their other sessions ended` }).then(() => undefined)
			);
		} catch (e) {
			if (e instanceof StaleRevisionError) return fail(409, { errors: { password: e.message } });
			throw e;
		}
		// every session ends, this one too; this browser gets a new one, so only it stays signed in
		await endSessionsOf(user.name);
		const session = await startSession(user.name);
		cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', expires: session.expires });
		return { done: 'Your password has been changed. You are still signed in here; everywhere else you must sign in again.' };
	}
};
