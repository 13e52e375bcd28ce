/*
 * h_admin_units.c: the administrators' index page (/admin) and the units page.
 * GET /admin/units lists every unit (code, kind, names, parent, memo format);
 * ?edit=CODE opens the edit form of one. POST adds a unit (action=add) or changes the
 * names, parent and memo format of one (action=edit), then answers 303 back to the list;
 * a refusal shows the page again (422) with the values typed and what is wrong.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "borikan.h"

#define MAX_DEPTH 32		/* the deepest chain of parents a unit may have */

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST(value != NULL ? value : ""));
}

/* The administration index: links to the pages administrators keep. */
void
h_admin_index(struct bk_req *r)
{
	static const char *const pages[] = { "units", "people", "holidays", "jobs", "lms", NULL };
	xmlNodePtr root;
	xmlDocPtr doc = bk_page_new("admin-index", &root);

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	for (size_t i = 0; pages[i] != NULL; i++)
		prop(xmlNewTextChild(root, NULL, BAD_CAST "page", NULL), "name", pages[i]);
	r->cache = "no-store";
	bk_req_page(r, 200, SHEET_ADMIN, doc);
	xmlFreeDoc(doc);
}

/* <unit code kind name-th name-en parent memo-format/>* of every unit; *found is set when
 * one has code want. */
static enum bk_err
add_units(xmlNodePtr root, const char *want, bool *found)
{
	char code[41], kind[16], th[801], en[801], parent[41], fmt[401];
	struct bk_q q;

	*found = false;
	bk_q_init(&q, STMT_UNITS_ALL);
	bk_q_exec(&q);
	bk_q_out_str(&q, code, sizeof(code));
	bk_q_out_str(&q, kind, sizeof(kind));
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	bk_q_out_str(&q, parent, sizeof(parent));
	bk_q_out_str(&q, fmt, sizeof(fmt));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr u = xmlNewTextChild(root, NULL, BAD_CAST "unit", NULL);
		prop(u, "code", code);
		prop(u, "kind", kind);
		prop(u, "name-th", th);
		prop(u, "name-en", en);
		prop(u, "parent", parent);
		prop(u, "memo-format", fmt);
		if (want != NULL && strcmp(code, want) == 0)
			*found = true;
	}
	bk_q_done(&q);
	return q.err;
}

struct errs {
	size_t	 n;
	struct { const char *field, *key; } e[8];
};

static void
err(struct errs *es, const char *field, const char *key)
{
	if (es->n < sizeof(es->e) / sizeof(es->e[0])) {
		es->e[es->n].field = field;
		es->e[es->n].key = key;
		es->n++;
	}
}

static void
page(struct bk_req *r, int status, const char *edit, const struct errs *es)
{
	static const char *const fields[] = { "action", "code", "kind", "name_th", "name_en",
		"parent", "memo_format", NULL };
	const char *done = bk_req_param(r, "done");
	xmlNodePtr root, f;
	xmlDocPtr doc = bk_page_new("admin-units", &root);
	bool found;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	bk_page_session(r, root);
	if (done != NULL && (strcmp(done, "added") == 0 || strcmp(done, "saved") == 0))
		prop(root, "done", done);
	if (add_units(root, edit, &found) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	if (edit != NULL && !found) {
		xmlFreeDoc(doc);
		bk_req_error(r, 404);
		return;
	}
	if (edit != NULL)
		prop(root, "edit", edit);
	if (es != NULL) {
		/* What was typed, to be corrected. */
		f = xmlNewTextChild(root, NULL, BAD_CAST "form", NULL);
		for (size_t i = 0; fields[i] != NULL; i++)
			prop(f, fields[i], bk_req_form(r, fields[i]));
		for (size_t i = 0; i < es->n; i++) {
			xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
			prop(e, "field", es->e[i].field);
			prop(e, "key", es->e[i].key);
		}
	}
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_ADMIN, doc);
	xmlFreeDoc(doc);
}

void
h_admin_units(struct bk_req *r)
{
	const char *edit = bk_req_param(r, "edit");

	if (edit != NULL && !bk_unit_code_ok(edit)) {
		bk_req_error(r, 404);
		return;
	}
	page(r, 200, edit, NULL);
}

/* The id of unit code (0 when there is none); -1 when the database failed. */
static long long
unit_id(const char *code)
{
	struct bk_q q;
	long long id = 0;
	int row;

	bk_q_init(&q, STMT_UNIT_ID);
	bk_q_str(&q, code);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row < 0 ? -1 : row == 1 ? id : 0;
}

/* Would unit code under parent make a loop (parent is code or one of its descendants)? */
static bool
makes_loop(const char *code, const char *parent)
{
	char at[41], up[41];

	bk_strlcpy(at, parent, sizeof(at));
	for (int depth = 0; at[0] != '\0'; depth++) {
		struct bk_q q;
		if (strcmp(at, code) == 0 || depth > MAX_DEPTH)
			return true;
		bk_q_init(&q, STMT_UNIT_PARENT);
		bk_q_str(&q, at);
		bk_q_exec(&q);
		bk_q_out_str(&q, up, sizeof(up));
		if (bk_q_fetch(&q) != 1)
			up[0] = '\0';
		bk_q_done(&q);
		bk_strlcpy(at, up, sizeof(at));
	}
	return false;
}

static void
save(struct bk_req *r, bool adding)
{
	const char *code = bk_req_form(r, "code"), *kind = bk_req_form(r, "kind");
	const char *th = bk_req_form(r, "name_th"), *en = bk_req_form(r, "name_en");
	const char *parent = bk_req_form(r, "parent"), *fmt = bk_req_form(r, "memo_format");
	long long pid = 0, self;
	struct errs es = { 0 };
	struct bk_q q;
	enum bk_err e;

	if (parent == NULL)
		parent = "";
	if (fmt == NULL)
		fmt = "";
	if (!bk_unit_code_ok(code))
		err(&es, "code", "adm.code-bad");
	else if ((self = unit_id(code)) < 0) {
		bk_req_error(r, 503);
		return;
	} else if (adding && self > 0)
		err(&es, "code", "adm.code-taken");
	else if (!adding && self == 0) {
		bk_req_error(r, 404);
		return;
	}
	if (adding && !bk_one_of(kind, bk_unit_kinds))
		err(&es, "kind", "adm.kind-bad");
	if (!bk_person_name_ok(th))
		err(&es, "name_th", "adm.name-th-bad");
	if (!bk_person_name_ok(en))
		err(&es, "name_en", "adm.name-en-bad");
	if (parent[0] != '\0') {
		if (!bk_unit_code_ok(parent) || (pid = unit_id(parent)) == 0)
			err(&es, "parent", "adm.parent-bad");
		else if (pid < 0) {
			bk_req_error(r, 503);
			return;
		} else if (bk_unit_code_ok(code) && makes_loop(code, parent))
			err(&es, "parent", "adm.parent-loop");
	}
	if (!adding && fmt[0] != '\0' && !bk_memo_format_ok(fmt))
		err(&es, "memo_format", "adm.memo-format-bad");
	if (es.n > 0) {
		page(r, 422, adding || !bk_unit_code_ok(code) ? NULL : code, &es);
		return;
	}
	if (adding) {
		bk_q_init(&q, STMT_UNIT_INSERT);
		bk_q_str(&q, code);
		bk_q_str(&q, kind);
		bk_q_str(&q, th);
		bk_q_str(&q, en);
		bk_q_str(&q, parent[0] != '\0' ? parent : NULL);
	} else {
		bk_q_init(&q, STMT_UNIT_UPDATE);
		bk_q_str(&q, th);
		bk_q_str(&q, en);
		bk_q_int(&q, pid);
		bk_q_str(&q, fmt);
		bk_q_str(&q, code);
	}
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e == BK_EINVAL) {	/* the same code, added meanwhile */
		err(&es, "code", "adm.code-taken");
		page(r, 422, NULL, &es);
		return;
	}
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: unit %s %s by person %lld", r->id, code,
	    adding ? "added" : "changed", r->sess.person_id);
	bk_req_redirect(r, adding ? "/admin/units?done=added" : "/admin/units?done=saved");
}

void
h_admin_units_post(struct bk_req *r)
{
	const char *action = bk_req_form(r, "action");

	if (action != NULL && strcmp(action, "add") == 0)
		save(r, true);
	else if (action != NULL && strcmp(action, "edit") == 0)
		save(r, false);
	else
		bk_req_error(r, 400);
}
