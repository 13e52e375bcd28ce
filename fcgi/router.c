/*
 * router.c: the table of routes, and the dispatch from method and path to a handler.
 * A pattern is literal text with at most one {code} segment of [a-z0-9-], 1-47 bytes.
 */
#include "config.h"

#include <string.h>

#include "borikan.h"

static const char *const keys_lang[] = { "lang", NULL };
static const char *const keys_none[] = { NULL };

const struct bk_route bk_routes[] = {
	{ "home",	BK_GET, "/",			keys_lang, h_home },
	{ "catalogue",	BK_GET, "/processes",		keys_lang, h_catalogue },
	{ "definition",	BK_GET, "/processes/{code}.xml", keys_none, h_definition },
	{ "manual",	BK_GET, "/processes/{code}",	keys_lang, h_manual },
	{ "healthz",	BK_GET, "/healthz",		keys_none, h_healthz },
	{ "metrics",	BK_GET, "/metrics",		keys_none, h_metrics },
};
const size_t bk_nroutes = sizeof(bk_routes) / sizeof(bk_routes[0]);

static bool
code_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* Does path match pattern? The {code} segment is copied into capture. */
static bool
match(const char *pattern, const char *path, char *capture, size_t capsz)
{
	const char *open = strstr(pattern, "{code}");
	size_t prefix, n = 0;

	if (open == NULL)
		return strcmp(pattern, path) == 0;
	prefix = (size_t)(open - pattern);
	if (strncmp(pattern, path, prefix) != 0)
		return false;
	path += prefix;
	while (code_char(path[n]))
		n++;
	if (n == 0 || n >= capsz)
		return false;
	if (strcmp(open + strlen("{code}"), path + n) != 0)
		return false;
	memcpy(capture, path, n);
	capture[n] = '\0';
	return true;
}

static bool
accepts(const struct bk_route *rt, const char *key)
{
	for (const char *const *k = rt->keys; *k != NULL; k++)
		if (strcmp(*k, key) == 0)
			return true;
	return false;
}

/*
 * Finds the route and runs its handler, or answers 400, 404 or 405 itself. A query key
 * the route does not accept was parsed but is never read: it is dropped.
 */
void
bk_route(struct bk_req *r)
{
	unsigned method;
	bool path_known = false;

	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
		method = BK_GET;
	else if (strcmp(r->method, "POST") == 0)
		method = BK_POST;
	else
		method = 0;

	for (size_t i = 0; i < bk_nroutes; i++) {
		const struct bk_route *rt = &bk_routes[i];

		if (!match(rt->pattern, r->path, r->capture, sizeof(r->capture)))
			continue;
		path_known = true;
		if ((rt->methods & method) == 0)
			continue;
		r->route = (int)i;
		if (r->lang_bad && accepts(rt, "lang"))
			r->status = 400;
		if (r->status == 400) {
			bk_req_error(r, 400);
			return;
		}
		rt->fn(r);
		return;
	}
	if (path_known) {
		bk_req_header(r, "Allow: GET, HEAD");
		bk_req_error(r, 405);
		return;
	}
	bk_req_error(r, r->status == 400 ? 400 : 404);
}
