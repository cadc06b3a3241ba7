// Who is making a change, for the record of who changed what: the signed-in user. Every write
// route asks for a permission first, so there is always one.
export function actorOf(event: { locals: object }): string {
	const user = (event.locals as { user?: { name?: string } | null }).user;
	if (!user?.name) throw new Error('actorOf called before the route checked who is signed in');
	return user.name;
}
