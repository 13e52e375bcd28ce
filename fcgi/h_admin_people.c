/*
 * h_admin_people.c: people, their roles and their substitutes, for administrators.
 * GET /admin/people?q=&page= lists people (a search in username, names and e-mail, 25 a
 * page) and the substitutions that have not ended. POST, by action: add a person,
 * deactivate or reactivate one (a deactivated person's sessions end and they cannot sign
 * in), grant or revoke a role in a unit, reset a password, add or remove a substitute.
 * Each answers 303 back to the list, but a reset: it answers the page with the new
 * password, shown this once; only its argon2id hash is kept, and the person's sessions end.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "borikan.h"

#define PAGE 25
#define MAX_PAGES 1000
#define MAX_QUERY_CHARS 100
#define MAX_REASON_CHARS 500
#define PASSWORD_CHARS 16

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST(value != NULL ? value : ""));
}

static void
propi(xmlNodePtr n, const char *name, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
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

/* "%q%" with LIKE's own characters escaped; false when q is too long for out. */
static bool
like_pattern(const char *q, char *out, size_t size)
{
	size_t n = 0;

	if (size < 3)
		return false;
	out[n++] = '%';
	for (; *q != '\0'; q++) {
		if (n + 4 >= size)
			return false;
		if (*q == '%' || *q == '_' || *q == '\\')
			out[n++] = '\\';
		out[n++] = *q;
	}
	out[n++] = '%';
	out[n] = '\0';
	return true;
}

/* <person id username email name-th name-en unit active><role role unit/>*</person>* of a
 * page of the search, with total and more on root. */
static enum bk_err
add_people(xmlNodePtr root, const char *search, long page)
{
	char pat[4 * 4 * MAX_QUERY_CHARS + 8], user[65], email[255], th[801], en[801], unit[41];
	char roles[2048];
	long long id = 0, active = 0, total = 0;
	struct bk_q q;
	long n = 0;

	if (!like_pattern(search, pat, sizeof(pat)))
		return BK_EINVAL;
	bk_q_init(&q, STMT_PEOPLE_COUNT);
	bk_q_str(&q, search);
	for (int i = 0; i < 4; i++)
		bk_q_str(&q, pat);
	bk_q_exec(&q);
	bk_q_out_int(&q, &total);
	bk_q_fetch(&q);
	bk_q_done(&q);
	if (q.err != BK_OK)
		return q.err;
	propi(root, "total", total);
	bk_q_init(&q, STMT_PEOPLE_PAGE);
	bk_q_str(&q, search);
	for (int i = 0; i < 4; i++)
		bk_q_str(&q, pat);
	bk_q_int(&q, PAGE + 1);
	bk_q_int(&q, (page - 1) * PAGE);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, user, sizeof(user));
	bk_q_out_str(&q, email, sizeof(email));
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	bk_q_out_str(&q, unit, sizeof(unit));
	bk_q_out_int(&q, &active);
	bk_q_out_str(&q, roles, sizeof(roles));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr p;
		char *save = NULL;
		if (++n > PAGE) {
			prop(root, "more", "yes");
			break;
		}
		p = xmlNewTextChild(root, NULL, BAD_CAST "person", NULL);
		propi(p, "id", id);
		prop(p, "username", user);
		prop(p, "email", email);
		prop(p, "name-th", th);
		prop(p, "name-en", en);
		prop(p, "unit", unit);
		prop(p, "active", active ? "yes" : "no");
		for (char *t = strtok_r(roles, " ", &save); t != NULL; t = strtok_r(NULL, " ", &save)) {
			char *at = strchr(t, '@');
			xmlNodePtr ro;
			if (at == NULL)
				continue;
			*at = '\0';
			ro = xmlNewTextChild(p, NULL, BAD_CAST "role", NULL);
			prop(ro, "role", t);
			prop(ro, "unit", at + 1);
		}
	}
	bk_q_done(&q);
	return q.err;
}

/* <unit code name-th name-en/>* for the selects. */
static enum bk_err
add_units(xmlNodePtr root)
{
	char code[41], kind[16], th[801], en[801], parent[41], fmt[401];
	struct bk_q q;

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
		prop(u, "name-th", th);
		prop(u, "name-en", en);
	}
	bk_q_done(&q);
	return q.err;
}

/* <substitute id person person-th person-en sub sub-th sub-en from to>reason</substitute>*
 * of the substitutions not ended today (Thailand). */
static enum bk_err
add_substitutes(xmlNodePtr root)
{
	char today[11], a[65], ath[801], aen[801], b[65], bth[801], ben[801], from[11], to[11];
	char reason[2001];
	long long id = 0;
	struct bk_q q;

	bk_thai_date(time(NULL), today);
	prop(root, "today", today);
	bk_q_init(&q, STMT_SUBSTITUTES_LIST);
	bk_q_str(&q, today);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, a, sizeof(a));
	bk_q_out_str(&q, ath, sizeof(ath));
	bk_q_out_str(&q, aen, sizeof(aen));
	bk_q_out_str(&q, b, sizeof(b));
	bk_q_out_str(&q, bth, sizeof(bth));
	bk_q_out_str(&q, ben, sizeof(ben));
	bk_q_out_str(&q, from, sizeof(from));
	bk_q_out_str(&q, to, sizeof(to));
	bk_q_out_str(&q, reason, sizeof(reason));
	while (bk_q_fetch(&q) == 1) {
		xmlNodePtr s = xmlNewTextChild(root, NULL, BAD_CAST "substitute", BAD_CAST reason);
		propi(s, "id", id);
		prop(s, "person", a);
		prop(s, "person-th", ath);
		prop(s, "person-en", aen);
		prop(s, "sub", b);
		prop(s, "sub-th", bth);
		prop(s, "sub-en", ben);
		prop(s, "from", from);
		prop(s, "to", to);
	}
	bk_q_done(&q);
	return q.err;
}

static const char *const done_keys[] = { "added", "deactivated", "reactivated", "granted",
	"revoked", "sub-added", "sub-removed", NULL };

/*
 * The page: the search, the list, the forms. es (may be NULL) are the refusals of a post,
 * shown with the values typed; password (may be NULL) is a new password for username,
 * shown once.
 */
static void
page(struct bk_req *r, int status, const struct errs *es, const char *username,
    const char *password)
{
	static const char *const fields[] = { "action", "username", "email", "unit", "name_th",
		"name_en", "role", "person", "substitute", "from", "to", "reason", NULL };
	const char *search = bk_req_param(r, "q"), *done = bk_req_param(r, "done");
	xmlNodePtr root;
	xmlDocPtr doc = bk_page_new("admin-people", &root);
	long pg = 1;

	if (doc == NULL) {
		bk_req_error(r, 500);
		return;
	}
	if (search == NULL || es != NULL || password != NULL)
		search = "";
	if (bk_utf8_chars(search) > MAX_QUERY_CHARS || (bk_req_param(r, "page") != NULL &&
	    es == NULL && password == NULL &&
	    bk_parse_long(bk_req_param(r, "page"), 1, MAX_PAGES, &pg) != BK_OK)) {
		xmlFreeDoc(doc);
		bk_req_error(r, 400);
		return;
	}
	bk_page_session(r, root);
	prop(root, "q", search);
	propi(root, "page", pg);
	if (done != NULL && bk_one_of(done, done_keys))
		prop(root, "done", done);
	if (add_units(root) != BK_OK || add_people(root, search, pg) != BK_OK ||
	    add_substitutes(root) != BK_OK) {
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	if (es != NULL) {
		xmlNodePtr f = xmlNewTextChild(root, NULL, BAD_CAST "form", NULL);
		for (size_t i = 0; fields[i] != NULL; i++)
			prop(f, fields[i], bk_req_form(r, fields[i]));
		for (size_t i = 0; i < es->n; i++) {
			xmlNodePtr e = xmlNewTextChild(root, NULL, BAD_CAST "error", NULL);
			prop(e, "field", es->e[i].field);
			prop(e, "key", es->e[i].key);
		}
	}
	if (password != NULL)
		prop(xmlNewTextChild(root, NULL, BAD_CAST "password", BAD_CAST password),
		    "username", username);
	r->cache = "no-store";
	bk_req_page(r, status, SHEET_ADMIN, doc);
	xmlFreeDoc(doc);
}

void
h_admin_people(struct bk_req *r)
{
	page(r, 200, NULL, NULL, NULL);
}

/* The id of the person with username (0: none; -1: the database failed). */
static long long
person_id(const char *username)
{
	char th[801], en[801];
	long long id = 0, active = 0;
	struct bk_q q;
	int row;

	if (!bk_username_ok(username))
		return 0;
	bk_q_init(&q, STMT_PERSON_GET);
	bk_q_str(&q, username);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, th, sizeof(th));
	bk_q_out_str(&q, en, sizeof(en));
	bk_q_out_int(&q, &active);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row < 0 ? -1 : row == 1 ? id : 0;
}

/* The id of unit code (0: none or a malformed code; -1: the database failed). */
static long long
unit_id(const char *code)
{
	struct bk_q q;
	long long id = 0;
	int row;

	if (!bk_unit_code_ok(code))
		return 0;
	bk_q_init(&q, STMT_UNIT_ID);
	bk_q_str(&q, code);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	return row < 0 ? -1 : row == 1 ? id : 0;
}

/* Runs one statement with the given int then string parameters; affected rows in *n. */
static enum bk_err
run1(enum bk_stmt st, long long a, long long b, unsigned long long *n)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, st);
	bk_q_int(&q, a);
	if (b >= 0)
		bk_q_int(&q, b);
	e = bk_q_exec(&q);
	if (n != NULL)
		*n = bk_q_affected(&q);
	bk_q_done(&q);
	return e;
}

static void
done(struct bk_req *r, const char *what, const char *username)
{
	char where[80];

	bk_log(BK_LOG_INFO, "req %s: person %s %s by person %lld", r->id, username, what,
	    r->sess.person_id);
	snprintf(where, sizeof(where), "/admin/people?done=%s", what);
	bk_req_redirect(r, where);
}

static void
add(struct bk_req *r)
{
	const char *user = bk_req_form(r, "username"), *email = bk_req_form(r, "email");
	const char *unit = bk_req_form(r, "unit"), *th = bk_req_form(r, "name_th");
	const char *en = bk_req_form(r, "name_en");
	struct errs es = { 0 };
	struct bk_q q;
	long long id;
	enum bk_err e;
	unsigned long long n;

	if (!bk_username_ok(user))
		err(&es, "username", "adm.username-bad");
	else if ((id = person_id(user)) < 0) {
		bk_req_error(r, 503);
		return;
	} else if (id > 0)
		err(&es, "username", "adm.username-taken");
	if (!bk_email_ok(email))
		err(&es, "email", "adm.email-bad");
	if ((id = unit_id(unit)) < 0) {
		bk_req_error(r, 503);
		return;
	} else if (id == 0)
		err(&es, "unit", "adm.unit-bad");
	if (!bk_person_name_ok(th))
		err(&es, "name_th", "adm.name-th-bad");
	if (!bk_person_name_ok(en))
		err(&es, "name_en", "adm.name-en-bad");
	if (es.n > 0) {
		page(r, 422, &es, NULL, NULL);
		return;
	}
	bk_q_init(&q, STMT_PERSON_INSERT);
	bk_q_str(&q, user);
	bk_q_str(&q, email);
	bk_q_str(&q, th);
	bk_q_str(&q, en);
	bk_q_str(&q, unit);
	e = bk_q_exec(&q);
	n = bk_q_affected(&q);
	bk_q_done(&q);
	if (e == BK_EINVAL) {	/* the username or the e-mail address is someone's already */
		err(&es, "email", "adm.email-taken");
		page(r, 422, &es, NULL, NULL);
		return;
	}
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	if (n == 0) {		/* no such unit */
		err(&es, "unit", "adm.unit-bad");
		page(r, 422, &es, NULL, NULL);
		return;
	}
	done(r, "added", user);
}

/* The person a post names, or 0 after answering (404 for nobody, 503). */
static long long
named(struct bk_req *r, const char *field)
{
	long long id = person_id(bk_req_form(r, field));

	if (id <= 0)
		bk_req_error(r, id < 0 ? 503 : 404);
	return id > 0 ? id : 0;
}

static void
set_active(struct bk_req *r, bool active)
{
	long long id = named(r, "username");
	struct errs es = { 0 };
	enum bk_err e;

	if (id == 0)
		return;
	if (!active && id == r->sess.person_id) {
		err(&es, "username", "adm.self");
		page(r, 422, &es, NULL, NULL);
		return;
	}
	/* One transaction: the person and their sessions change together. */
	if ((e = bk_db_begin()) == BK_OK &&
	    (e = run1(STMT_PERSON_SET_ACTIVE, active ? 1 : 0, id, NULL)) == BK_OK &&
	    (active || (e = run1(STMT_SESSION_DELETE_PERSON, id, -1, NULL)) == BK_OK))
		e = bk_db_commit();
	if (e != BK_OK) {
		bk_db_rollback();
		bk_req_error(r, 503);
		return;
	}
	done(r, active ? "reactivated" : "deactivated", bk_req_form(r, "username"));
}

static void
role(struct bk_req *r, bool grant)
{
	const char *user = bk_req_form(r, "username"), *ro = bk_req_form(r, "role");
	const char *unit = bk_req_form(r, "unit");
	long long id = named(r, "username"), uid;
	struct errs es = { 0 };
	struct bk_q q;
	enum bk_err e;

	if (id == 0)
		return;
	if (!bk_one_of(ro, bk_roles))
		err(&es, "role", "adm.role-bad");
	if ((uid = unit_id(unit)) < 0) {
		bk_req_error(r, 503);
		return;
	} else if (uid == 0)
		err(&es, "unit", "adm.unit-bad");
	/* An administrator does not take their own administration away by a slip. */
	if (!grant && id == r->sess.person_id && ro != NULL && strcmp(ro, "administrator") == 0)
		err(&es, "role", "adm.self");
	if (es.n > 0) {
		page(r, 422, &es, NULL, NULL);
		return;
	}
	bk_q_init(&q, grant ? STMT_ROLE_GRANT : STMT_ROLE_REVOKE);
	if (grant) {
		bk_q_str(&q, ro);
		bk_q_str(&q, user);
		bk_q_str(&q, unit);
	} else {
		bk_q_int(&q, id);
		bk_q_str(&q, ro);
		bk_q_str(&q, unit);
	}
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	done(r, grant ? "granted" : "revoked", user);
}

/*
 * A new random password: 16 characters from an alphabet without look-alikes (no 0/O,
 * 1/l/I), drawn with libsodium's randombytes_uniform; about 94 bits.
 */
static void
new_password(char out[PASSWORD_CHARS + 1])
{
	static const char alphabet[] =
	    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	for (int i = 0; i < PASSWORD_CHARS; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[PASSWORD_CHARS] = '\0';
}

static void
reset(struct bk_req *r)
{
	const char *user = bk_req_form(r, "username");
	char pass[PASSWORD_CHARS + 1], hash[crypto_pwhash_STRBYTES];
	long long id = named(r, "username");
	struct bk_q q;
	enum bk_err e;

	if (id == 0)
		return;
	new_password(pass);
	if (crypto_pwhash_str(hash, pass, strlen(pass), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		sodium_memzero(pass, sizeof(pass));
		bk_req_error(r, 500);
		return;
	}
	/* The new hash and the end of every session of the person, together. */
	if ((e = bk_db_begin()) == BK_OK) {
		bk_q_init(&q, STMT_PERSON_SET_PASSWORD);
		bk_q_str(&q, hash);
		bk_q_int(&q, id);
		e = bk_q_exec(&q);
		bk_q_done(&q);
	}
	if (e == BK_OK && (e = run1(STMT_SESSION_DELETE_PERSON, id, -1, NULL)) == BK_OK)
		e = bk_db_commit();
	if (e != BK_OK) {
		bk_db_rollback();
		sodium_memzero(pass, sizeof(pass));
		bk_req_error(r, 503);
		return;
	}
	bk_log(BK_LOG_INFO, "req %s: password of %s reset by person %lld", r->id, user,
	    r->sess.person_id);
	/* An administrator resetting their own password has just ended their own session. */
	page(r, 200, NULL, user, pass);
	sodium_memzero(pass, sizeof(pass));
}

static void
sub_add(struct bk_req *r)
{
	const char *from = bk_req_form(r, "from"), *to = bk_req_form(r, "to");
	const char *reason = bk_req_form(r, "reason");
	long long a = person_id(bk_req_form(r, "person"));
	long long b = person_id(bk_req_form(r, "substitute"));
	struct errs es = { 0 };
	bk_day df = 0, dt = 0;
	struct bk_q q;
	enum bk_err e;

	if (a < 0 || b < 0) {
		bk_req_error(r, 503);
		return;
	}
	if (a == 0)
		err(&es, "person", "adm.sub-person-bad");
	if (b == 0)
		err(&es, "substitute", "adm.sub-person-bad");
	else if (a == b)
		err(&es, "substitute", "adm.sub-same");
	if (bk_day_parse(from, &df) != BK_OK)
		err(&es, "from", "adm.date-bad");
	if (bk_day_parse(to, &dt) != BK_OK)
		err(&es, "to", "adm.date-bad");
	else if (df != 0 && dt < df)
		err(&es, "to", "adm.date-order");
	if (reason == NULL || !bk_person_name_ok(reason) ||
	    bk_utf8_chars(reason) > MAX_REASON_CHARS)
		err(&es, "reason", "adm.reason-bad");
	if (es.n > 0) {
		page(r, 422, &es, NULL, NULL);
		return;
	}
	bk_q_init(&q, STMT_SUBSTITUTE_INSERT);
	bk_q_int(&q, a);
	bk_q_int(&q, b);
	bk_q_str(&q, from);
	bk_q_str(&q, to);
	bk_q_str(&q, reason);
	bk_q_int(&q, r->sess.person_id);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	if (e != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	done(r, "sub-added", bk_req_form(r, "person"));
}

static void
sub_remove(struct bk_req *r)
{
	unsigned long long n = 0;
	long id;

	if (bk_parse_long(bk_req_form(r, "id"), 1, 2147483647L, &id) != BK_OK) {
		bk_req_error(r, 400);
		return;
	}
	if (run1(STMT_SUBSTITUTE_DELETE, id, -1, &n) != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	if (n == 0) {
		bk_req_error(r, 404);
		return;
	}
	done(r, "sub-removed", "substitution");
}

void
h_admin_people_post(struct bk_req *r)
{
	const char *action = bk_req_form(r, "action");

	if (action == NULL)
		bk_req_error(r, 400);
	else if (strcmp(action, "add") == 0)
		add(r);
	else if (strcmp(action, "deactivate") == 0)
		set_active(r, false);
	else if (strcmp(action, "reactivate") == 0)
		set_active(r, true);
	else if (strcmp(action, "grant") == 0)
		role(r, true);
	else if (strcmp(action, "revoke") == 0)
		role(r, false);
	else if (strcmp(action, "reset") == 0)
		reset(r);
	else if (strcmp(action, "sub-add") == 0)
		sub_add(r);
	else if (strcmp(action, "sub-remove") == 0)
		sub_remove(r);
	else
		bk_req_error(r, 400);
}
