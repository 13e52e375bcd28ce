/*
 * Fuzz target: a multipart/form-data upload as a client sends it. The first byte chooses
 * the size of the chunks the body arrives in (1-256 bytes, as FastCGI records would cut
 * it); the Content-Type header runs to the first newline; the rest is the body. The file
 * part is hashed and checked but not written (no temporary directory). What the parser
 * accepts then goes through the name and type checks and the Content-Disposition writer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "borikan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bk_upload *u;
	char ctype[512], cd[3072];
	const uint8_t *nl, *body;
	size_t chunk, clen, blen;
	enum bk_mp_err e;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	size--;
	nl = memchr(data, '\n', size);
	clen = nl != NULL ? (size_t)(nl - data) : size;
	if (clen >= sizeof(ctype))
		return 0;
	memcpy(ctype, data, clen);
	ctype[clen] = '\0';
	body = nl != NULL ? nl + 1 : data + size;
	blen = (size_t)(data + size - body);
	if ((u = malloc(sizeof(*u))) == NULL)
		return 0;
	e = bk_mp_begin(u, ctype, NULL);
	for (size_t off = 0; e == BK_MP_OK && off < blen; off += chunk)
		e = bk_mp_feed(u, body + off, blen - off < chunk ? blen - off : chunk);
	if (e == BK_MP_OK)
		e = bk_mp_finish(u);
	if (bk_mp_status(e) < 200 || bk_mp_reason(e)[0] == '?')
		abort();
	if (e == BK_MP_OK) {
		for (size_t i = 0; i < u->nfields; i++)
			if (!bk_utf8_valid(u->fields[i].value, strlen(u->fields[i].value)))
				abort();	/* the parser promised valid UTF-8 */
		if (u->has_file && u->filename[0] != '\0') {
			if (u->headlen > sizeof(u->head) || u->headlen > u->size)
				abort();
			(void)bk_attach_type(u->head, u->headlen, u->size, u->utf8, u->filename);
			if (bk_attach_name_ok(u->filename) &&
			    bk_content_disposition(u->filename, cd, sizeof(cd)) != BK_OK)
				abort();	/* a name we keep always fits its header */
		}
	}
	bk_mp_free(u);
	free(u);
	return 0;
}
