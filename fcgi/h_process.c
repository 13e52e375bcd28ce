/*
 * h_process.c: the process catalogue, the manual pages and the definitions.
 *
 * These pages change only when the catalogue is reloaded, which starts new workers, so
 * each worker renders a page once per language and keeps the bytes: the transform is
 * the largest cost of a page (PERFORMANCE.md), and here it is paid once.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "borikan.h"

#define MAX_CACHED 520

struct cached {
	char	 key[64];
	char	*body;
	size_t	 len;
	char	 etag[24];
};
static struct cached cache[MAX_CACHED];
static size_t ncached;

void
bk_page_cache_clear(void)
{
	for (size_t i = 0; i < ncached; i++)
		free(cache[i].body);
	memset(cache, 0, sizeof(cache));
	ncached = 0;
}

static void
make_etag(const char *body, size_t len, char *etag)
{
	unsigned char h[8];
	char hex[17];

	crypto_generichash(h, sizeof(h), (const unsigned char *)body, len, NULL, 0);
	bk_hex(h, sizeof(h), hex);
	etag[0] = '"';
	memcpy(etag + 1, hex, 16);
	etag[17] = '"';
	etag[18] = '\0';
}

static struct cached *
cache_find(const char *key)
{
	for (size_t i = 0; i < ncached; i++)
		if (strcmp(cache[i].key, key) == 0)
			return &cache[i];
	return NULL;
}

/* Answers from the cached page of key; false if there is none. */
static bool
answer_cached(struct bk_req *r, const char *key)
{
	struct cached *c = cache_find(key);

	if (c == NULL)
		return false;
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	r->body = c->body;
	r->bodylen = c->len;
	r->body_static = true;
	memcpy(r->etag, c->etag, sizeof(r->etag));
	return true;
}

/*
 * Renders doc and keeps the bytes under key when the page rendered; the request's body
 * then points into the cache. doc is freed here.
 */
static void
render_and_keep(struct bk_req *r, const char *key, enum bk_sheet sheet, xmlDocPtr doc)
{
	bk_req_page(r, 200, sheet, doc);
	xmlFreeDoc(doc);
	if (r->status != 200 || r->body_static)
		return;
	if (ncached < MAX_CACHED) {
		struct cached *c = &cache[ncached++];
		bk_strlcpy(c->key, key, sizeof(c->key));
		c->body = r->body;
		c->len = r->bodylen;
		make_etag(c->body, c->len, c->etag);
		r->body_static = true;
		memcpy(r->etag, c->etag, sizeof(r->etag));
	} else
		make_etag(r->body, r->bodylen, r->etag);
}

static void
public_page(struct bk_req *r)
{
	/* A ?lang= answer carries Set-Cookie: it is this browser's, not a shared cache's. */
	r->cache = r->lang_set ? "private, max-age=60" : "public, max-age=60";
	bk_req_header(r, "Vary: Cookie, Accept-Language");
}

/* A new document whose root is name with attribute updated. NULL when out of memory. */
static xmlDocPtr
page_doc(const char *name, const char *updated, xmlNodePtr *root)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");

	if (doc == NULL)
		return NULL;
	if ((*root = xmlNewDocNode(doc, NULL, BAD_CAST name, NULL)) == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, *root);
	xmlNewProp(*root, BAD_CAST "updated", BAD_CAST updated);
	return doc;
}

void
h_catalogue(struct bk_req *r)
{
	char key[64];
	xmlDocPtr doc;
	xmlNodePtr root;

	public_page(r);
	snprintf(key, sizeof(key), "catalogue|%s", r->lang);
	if (answer_cached(r, key))
		return;
	if ((doc = page_doc("catalogue", bk_catalogue_updated(), &root)) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	for (size_t i = 0; i < bk_catalogue_count(); i++) {
		const struct bk_process *p = bk_catalogue_at(i);
		xmlNodePtr copy = xmlDocCopyNode(xmlDocGetRootElement(p->doc), doc, 1);
		if (copy == NULL || xmlAddChild(root, copy) == NULL) {
			xmlFreeNode(copy);
			xmlFreeDoc(doc);
			bk_req_error(r, 500);
			return;
		}
	}
	render_and_keep(r, key, SHEET_CATALOGUE, doc);
}

void
h_manual(struct bk_req *r)
{
	const struct bk_process *p = bk_catalogue_find(r->capture);
	char key[64];
	xmlDocPtr doc;
	xmlNodePtr root, copy;

	if (p == NULL) {
		bk_req_error(r, 404);
		return;
	}
	public_page(r);
	snprintf(key, sizeof(key), "manual|%s|%s", p->code, r->lang);
	if (answer_cached(r, key))
		return;
	if ((doc = page_doc("manual", p->updated, &root)) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	copy = xmlDocCopyNode(xmlDocGetRootElement(p->doc), doc, 1);
	if (copy == NULL || xmlAddChild(root, copy) == NULL) {
		xmlFreeNode(copy);
		xmlFreeDoc(doc);
		bk_req_error(r, 500);
		return;
	}
	render_and_keep(r, key, SHEET_MANUAL, doc);
}

/* The definition as loaded: for the engine's users, for tools, for the curious. */
void
h_definition(struct bk_req *r)
{
	const struct bk_process *p = bk_catalogue_find(r->capture);

	if (p == NULL) {
		bk_req_error(r, 404);
		return;
	}
	r->status = 200;
	r->ctype = "application/xml; charset=utf-8";
	r->cache = "public, max-age=60";
	r->body = p->xml;
	r->bodylen = p->xml_len;
	r->body_static = true;
	make_etag(p->xml, p->xml_len, r->etag);
}

void
h_home(struct bk_req *r)
{
	char key[64];
	xmlDocPtr doc;
	xmlNodePtr root;

	public_page(r);
	snprintf(key, sizeof(key), "home|%s", r->lang);
	if (answer_cached(r, key))
		return;
	if ((doc = page_doc("home", bk_catalogue_updated(), &root)) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	render_and_keep(r, key, SHEET_HOME, doc);
}
