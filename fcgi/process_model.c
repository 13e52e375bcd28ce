/*
 * process_model.c: reading a loaded definition the way the engine needs it. The
 * definitions were checked by the loader (process_check.c), so these functions trust
 * their shape and only guard against missing pieces.
 */
#include "config.h"

#include <string.h>

#include "borikan.h"

static bool
is_el(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

xmlNodePtr
bk_def_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent != NULL ? parent->children : NULL; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* Copies attribute name of n into buf ("" when absent); returns buf. */
const char *
bk_def_attr(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlChar *v = n != NULL ? xmlGetProp(n, BAD_CAST name) : NULL;

	bk_strlcpy(buf, v != NULL ? (const char *)v : "", size);
	xmlFree(v);
	return buf;
}

bool
bk_def_attr_is(xmlNodePtr n, const char *name, const char *value)
{
	char buf[64];

	return strcmp(bk_def_attr(n, name, buf, sizeof(buf)), value) == 0;
}

xmlNodePtr
bk_def_step(const struct bk_process *p, const char *id)
{
	xmlNodePtr steps = bk_def_child(xmlDocGetRootElement(p->doc), "steps");

	for (xmlNodePtr s = steps != NULL ? steps->children : NULL; s != NULL; s = s->next)
		if (is_el(s, "step") && bk_def_attr_is(s, "id", id))
			return s;
	return NULL;
}

xmlNodePtr
bk_def_first_step(const struct bk_process *p)
{
	return bk_def_child(bk_def_child(xmlDocGetRootElement(p->doc), "steps"), "step");
}

/* The form filled at step_id ("the request form" for the first step), or NULL. */
xmlNodePtr
bk_def_form_of(const struct bk_process *p, const char *step_id)
{
	xmlNodePtr forms = bk_def_child(xmlDocGetRootElement(p->doc), "forms");

	for (xmlNodePtr f = forms != NULL ? forms->children : NULL; f != NULL; f = f->next)
		if (is_el(f, "form") && (bk_def_attr_is(f, "step", step_id) ||
		    bk_def_attr_is(f, "step", "start")))
			return f;
	return NULL;
}

bool
bk_def_is_public(const struct bk_process *p)
{
	return bk_def_attr_is(xmlDocGetRootElement(p->doc), "public", "true");
}

long
bk_def_version(const struct bk_process *p)
{
	char v[16];
	long n = 1;

	bk_def_attr(xmlDocGetRootElement(p->doc), "version", v, sizeof(v));
	(void)bk_parse_long(v, 1, 1000000, &n);
	return n;
}
