import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { NAME_MAX, PASSWORD_MAX, safeNext, signIn } from '$lib/server/accounts/auth';
import { SESSION_COOKIE, startSession } from '$lib/server/accounts/sessions';
import { users } from '$lib/server/accounts/users';

export const load: PageServerLoad = async ({ locals, url }) => ({
	user: locals.user,
	next: safeNext(url.searchParams.get('next'), url.origin),
	// a fresh data folder: say how to make the first account rather than refuse every name
	noAccounts: (await users().list()).length === 0,
	nameMax: NAME_MAX,
	passwordMax: PASSWORD_MAX
});

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const errors: Record<string, string> = {};
		if (!name) errors.name = 'Enter your name';
		else if (name.length > NAME_MAX) errors.name = `Your name is at most ${NAME_MAX} characters`;
		if (!password) errors.password = 'Enter your password';
		else if (password.length > PASSWORD_MAX) errors.password = `Your password is at most ${PASSWORD_MAX} characters`;
		// the name typed goes back into the form only as far as a name can go
		if (Object.keys(errors).length) return fail(400, { name: name.slice(0, NAME_MAX), errors });
		const result = await signIn(name, password, getClientAddress());
		if (!result.ok) return fail(result.field ? 400 : 429, { name, errors: { [result.field ?? 'name']: result.message } });
		const session = await startSession(result.user.name);
		cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', expires: session.expires });
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
