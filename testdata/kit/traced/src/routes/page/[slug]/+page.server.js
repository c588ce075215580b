export async function load({ params, parent }) {
	const { app } = await parent();
	return { slug: params.slug, app };
}
