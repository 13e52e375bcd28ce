/*
 * process_check.c: is a process definition one the engine can run?
 *
 * First the RELAX NG schema (processes/process.rng), then the rules a schema cannot
 * express: references between steps and fields, one start, a way out of every step.
 * Every refusal names the file and the line, for the person who wrote the definition.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include "borikan.h"

#define MAX_STEPS 128
#define MAX_FIELDS 256

static xmlRelaxNGPtr schema;

enum bk_err
bk_process_schema_load(const char *rng_path)
{
	xmlRelaxNGParserCtxtPtr pc;

	if (schema != NULL)
		return BK_OK;
	if ((pc = xmlRelaxNGNewParserCtxt(rng_path)) == NULL)
		return BK_ENOMEM;
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
	if (schema == NULL) {
		bk_log(BK_LOG_ERR, "%s: the schema does not compile", rng_path);
		return BK_EXML;
	}
	return BK_OK;
}

void
bk_process_schema_free(void)
{
	if (schema != NULL)
		xmlRelaxNGFree(schema);
	schema = NULL;
}

struct first_error {
	char	*buf;
	size_t	 size;
	const char *path;
	bool	 set;
};

static void
keep_first_error(void *ctx, xmlErrorPtr err)
{
	struct first_error *fe = ctx;
	char msg[512];
	size_t n;
	long line;

	if (fe->set || err == NULL)
		return;
	bk_strlcpy(msg, err->message != NULL ? err->message : "error", sizeof(msg));
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	/* The node, when there is one, has the element's own line. */
	line = err->node != NULL ? xmlGetLineNo((xmlNodePtr)err->node) : err->line;
	if (line <= 0)
		line = err->line;
	snprintf(fe->buf, fe->size, "%s:%ld: %s", fe->path, line, msg);
	fe->set = true;
}

static void
keep_first_error_compat(void *ctx, xmlErrorPtr err)
{
	keep_first_error(ctx, err);
}

static xmlChar *
prop(xmlNodePtr n, const char *name)
{
	return xmlGetProp(n, (const xmlChar *)name);
}

static bool
is_el(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

struct step_info {
	xmlNodePtr node;
	xmlChar	*id;
	xmlChar	*kind;
	bool	 reached;
};

static int
step_index(struct step_info *steps, size_t n, const xmlChar *id)
{
	for (size_t i = 0; i < n; i++)
		if (xmlStrcmp(steps[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* The field named name in any form, or NULL. */
static xmlNodePtr
find_field(xmlNodePtr root, const xmlChar *name)
{
	xmlNodePtr forms = child(root, "forms");

	for (xmlNodePtr f = forms ? forms->children : NULL; f != NULL; f = f->next) {
		if (!is_el(f, "form"))
			continue;
		for (xmlNodePtr fl = f->children; fl != NULL; fl = fl->next) {
			xmlChar *fname;
			bool same;

			if (!is_el(fl, "field"))
				continue;
			fname = prop(fl, "name");
			same = xmlStrcmp(fname, name) == 0;
			xmlFree(fname);
			if (same)
				return fl;
		}
	}
	return NULL;
}

static bool
field_has_option(xmlNodePtr field, const xmlChar *value)
{
	for (xmlNodePtr o = field->children; o != NULL; o = o->next) {
		xmlChar *v;
		bool same;

		if (!is_el(o, "option"))
			continue;
		v = prop(o, "value");
		same = xmlStrcmp(v, value) == 0;
		xmlFree(v);
		if (same)
			return true;
	}
	return false;
}

#define FAIL(node, ...) do {						\
	int _n = snprintf(err, errsz, "%s:%ld: ", path, xmlGetLineNo(node));	\
	if (_n > 0 && (size_t)_n < errsz)				\
		snprintf(err + _n, errsz - (size_t)_n, __VA_ARGS__);	\
	goto out;							\
} while (0)

/* The rules of the schema's header comment. */
static enum bk_err
check_rules(const char *path, xmlDocPtr doc, char *err, size_t errsz)
{
	struct step_info steps[MAX_STEPS];
	size_t n = 0, stack[MAX_STEPS], top = 0;
	xmlNodePtr root = xmlDocGetRootElement(doc), list, forms;
	enum bk_err rc = BK_EXML;
	xmlChar *a = NULL, *b = NULL;

	memset(steps, 0, sizeof(steps));
	/* Field names unique within each form. */
	forms = child(root, "forms");
	for (xmlNodePtr f = forms ? forms->children : NULL; f != NULL; f = f->next) {
		if (!is_el(f, "form"))
			continue;
		for (xmlNodePtr x = f->children; x != NULL; x = x->next) {
			if (!is_el(x, "field"))
				continue;
			a = prop(x, "name");
			for (xmlNodePtr y = x->next; y != NULL; y = y->next) {
				if (!is_el(y, "field"))
					continue;
				b = prop(y, "name");
				if (xmlStrcmp(a, b) == 0)
					FAIL(y, "field \"%s\" is defined twice in one form", (char *)b);
				xmlFree(b);
				b = NULL;
			}
			xmlChar *type = prop(x, "type");
			bool choice = xmlStrcmp(type, BAD_CAST "select") == 0 ||
			    xmlStrcmp(type, BAD_CAST "radio") == 0;
			xmlFree(type);
			if (choice && child(x, "option") == NULL)
				FAIL(x, "field \"%s\" is a choice without options", (char *)a);
			xmlFree(a);
			a = NULL;
		}
	}

	list = child(root, "steps");
	for (xmlNodePtr s = list->children; s != NULL; s = s->next) {
		if (!is_el(s, "step"))
			continue;
		if (n == MAX_STEPS)
			FAIL(s, "more than %d steps", MAX_STEPS);
		a = prop(s, "id");
		if (step_index(steps, n, a) >= 0)
			FAIL(s, "step id \"%s\" is used twice", (char *)a);
		steps[n].node = s;
		steps[n].id = a;
		a = NULL;
		steps[n].kind = prop(s, "kind");
		n++;
	}
	if (n == 0 || xmlStrcmp(steps[0].kind, BAD_CAST "start") != 0)
		FAIL(list, "the first step must be of kind \"start\"");

	for (size_t i = 0; i < n; i++) {
		xmlNodePtr s = steps[i].node;
		const xmlChar *kind = steps[i].kind;
		size_t nbranch = 0, nnext = 0;

		if (i > 0 && xmlStrcmp(kind, BAD_CAST "start") == 0)
			FAIL(s, "only the first step may be of kind \"start\"");
		for (xmlNodePtr e = s->children; e != NULL; e = e->next) {
			if (!is_el(e, "next") && !is_el(e, "branch"))
				continue;
			if (is_el(e, "next"))
				nnext++;
			else
				nbranch++;
			a = prop(e, "to");
			if (step_index(steps, n, a) < 0)
				FAIL(e, "step \"%s\" leads to \"%s\", which is not a step",
				    (char *)steps[i].id, (char *)a);
			xmlFree(a);
			a = prop(e, "field");
			if (a != NULL) {
				xmlNodePtr field = find_field(root, a);
				if (field == NULL)
					FAIL(e, "branch tests field \"%s\", which no form has", (char *)a);
				b = prop(e, "equals");
				if (child(field, "option") != NULL && !field_has_option(field, b))
					FAIL(e, "branch tests field \"%s\" for \"%s\", which is not one of its options",
					    (char *)a, (char *)b);
				xmlFree(b);
				b = NULL;
			}
			xmlFree(a);
			a = NULL;
		}
		if (xmlStrcmp(kind, BAD_CAST "end") == 0) {
			if (nnext + nbranch > 0)
				FAIL(s, "end step \"%s\" leads somewhere", (char *)steps[i].id);
			continue;
		}
		if (nnext + nbranch == 0)
			FAIL(s, "step \"%s\" has no way out", (char *)steps[i].id);
		if ((xmlStrcmp(kind, BAD_CAST "decision") == 0 ||
		    xmlStrcmp(kind, BAD_CAST "approval") == 0) && nbranch < 2)
			FAIL(s, "%s step \"%s\" needs at least two branches", (char *)kind,
			    (char *)steps[i].id);
		if (xmlStrcmp(kind, BAD_CAST "approval") == 0 && child(s, "approvers") == NULL)
			FAIL(s, "approval step \"%s\" names no approvers", (char *)steps[i].id);
		for (xmlNodePtr ap = child(s, "approvers") ? child(s, "approvers")->children : NULL;
		    ap != NULL; ap = ap->next) {
			if (!is_el(ap, "approver"))
				continue;
			a = prop(ap, "field");
			if (a != NULL && find_field(root, a) == NULL)
				FAIL(ap, "approver names field \"%s\", which no form has", (char *)a);
			xmlFree(a);
			a = NULL;
		}
	}

	/* Every step reachable from the start; at least one end. */
	bool any_end = false;
	steps[0].reached = true;
	stack[top++] = 0;
	while (top > 0) {
		xmlNodePtr s = steps[stack[--top]].node;
		for (xmlNodePtr e = s->children; e != NULL; e = e->next) {
			int j;
			if (!is_el(e, "next") && !is_el(e, "branch"))
				continue;
			a = prop(e, "to");
			j = step_index(steps, n, a);
			xmlFree(a);
			a = NULL;
			if (j >= 0 && !steps[j].reached) {
				steps[j].reached = true;
				stack[top++] = (size_t)j;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (!steps[i].reached)
			FAIL(steps[i].node, "step \"%s\" cannot be reached from the start",
			    (char *)steps[i].id);
		if (xmlStrcmp(steps[i].kind, BAD_CAST "end") == 0)
			any_end = true;
	}
	if (!any_end)
		FAIL(list, "no step of kind \"end\"");
	rc = BK_OK;
out:
	xmlFree(a);
	xmlFree(b);
	for (size_t i = 0; i < n; i++) {
		xmlFree(steps[i].id);
		xmlFree(steps[i].kind);
	}
	return rc;
}

/*
 * Parses one definition from buf (path names it in messages) and checks it against the
 * schema and the rules. On BK_OK *out is the document, owned by the caller (xmlFreeDoc).
 * On failure err holds "path:line: reason".
 */
enum bk_err
bk_process_parse(const char *path, const char *buf, size_t len, xmlDocPtr *out,
    char *err, size_t errsz)
{
	struct first_error fe = { err, errsz, path, false };
	xmlParserCtxtPtr pc = NULL;
	xmlRelaxNGValidCtxtPtr vc = NULL;
	xmlDocPtr doc = NULL;
	enum bk_err rc = BK_EXML;

	*out = NULL;
	err[0] = '\0';
	if (schema == NULL) {
		snprintf(err, errsz, "%s: the schema is not loaded", path);
		return BK_EINVAL;
	}
	if ((pc = xmlNewParserCtxt()) == NULL)
		return BK_ENOMEM;
	/* No network, no entity substitution, no DTD loading. */
	xmlSetStructuredErrorFunc(&fe, keep_first_error_compat);
	doc = xmlCtxtReadMemory(pc, buf, (int)len, path, "UTF-8", XML_PARSE_NONET |
	    XML_PARSE_NOWARNING);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL) {
		if (!fe.set)
			snprintf(err, errsz, "%s: not well-formed XML", path);
		goto out;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		snprintf(err, errsz, "%s:1: a process definition may not have a DOCTYPE", path);
		goto out;
	}
	if ((vc = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		rc = BK_ENOMEM;
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vc, keep_first_error_compat, &fe);
	if (xmlRelaxNGValidateDoc(vc, doc) != 0) {
		if (!fe.set)
			snprintf(err, errsz, "%s: does not match the process schema", path);
		goto out;
	}
	if ((rc = check_rules(path, doc, err, errsz)) != BK_OK)
		goto out;
	*out = doc;
	doc = NULL;
	rc = BK_OK;
out:
	if (vc != NULL)
		xmlRelaxNGFreeValidCtxt(vc);
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	return rc;
}
