/*
 * Fuzz target: what a client controls in a request line and its headers. The input is
 * split at the first two NUL bytes into query string, Accept-Language and Cookie, and
 * goes through the same parsers a request does.
 */
#include "../../fcgi/req.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 3), *parts[3];
	struct bk_req r;
	char v[8];
	size_t i, p = 0;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = copy[size + 1] = copy[size + 2] = '\0';
	parts[0] = copy;
	parts[1] = parts[2] = copy + size;
	for (i = 0; i < size && p < 2; i++)
		if (copy[i] == '\0')
			parts[++p] = copy + i + 1;
	memset(&r, 0, sizeof(r));
	r.query = parts[0];
	if (parse_query(&r) == BK_OK) {
		for (size_t k = 0; k < r.nparams; k++)
			if (!bk_utf8_valid(r.params[k].value, strlen(r.params[k].value)))
				abort();	/* the parser promised valid UTF-8 */
	}
	(void)bk_req_param(&r, "lang");
	(void)negotiate(parts[1]);
	(void)cookie_value(parts[2], "lang", v, sizeof(v));
	bk_req_free(&r);
	free(copy);
	return 0;
}
