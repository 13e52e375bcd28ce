/*
 * notify.c: the mails the engine sends when a request moves, queued in its transaction.
 *
 * Who is told: the people who must act at the step a request arrives at (a new task, an
 * approval needed), the requester when the request comes back to them for missing
 * details or ends (done, rejected with the reason), and whoever a notification step's
 * `notify` names. The text comes from xslt/mail.xsl (Thai first, then English), from a
 * small document: <mail kind="…" lang="th"> with the request number, the process title,
 * the step label, the reason and the link. Nothing is sent from here: the job runner
 * sends what this queues, after the transaction commits.
 *
 * A mail that cannot be made (no address, a broken stylesheet) is logged and skipped:
 * it never costs the action. A database error is returned, so the transaction retries.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "borikan.h"

#define MAX_RECIPIENTS 200

struct recipient {
	char	 email[255];
	char	 name[801];
};

/* The time limit, in the warning and overdue notices: the due date, and the working days
 * left (warned) or late (overdue). */
struct clock_info {
	const char *due;
	int	 days;
};

static const struct bk_mail_config *
config(void)
{
	static struct bk_mail_config c;
	static bool read;

	if (!read) {
		bk_mail_config_read(&c);
		read = true;
	}
	return &c;
}

static void
copy_bilingual(xmlNodePtr parent, const char *name, xmlNodePtr from)
{
	xmlNodePtr n = xmlNewTextChild(parent, NULL, BAD_CAST name, NULL);

	if (from == NULL)
		return;
	for (xmlNodePtr c = from->children; c != NULL; c = c->next) {
		xmlChar *text;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		text = xmlNodeGetContent(c);
		xmlNewTextChild(n, NULL, c->name, text);
		xmlFree(text);
	}
}

/* The text of the first child element name of root, malloc'd; NULL if none. */
static char *
child_text(xmlNodePtr root, const char *name)
{
	xmlNodePtr n = bk_def_child(root, name);
	xmlChar *t;
	char *s;

	if (n == NULL || (t = xmlNodeGetContent(n)) == NULL)
		return NULL;
	s = strdup((const char *)t);
	xmlFree(t);
	return s;
}

/* The first element inside <body> of the rendered mail, serialised, malloc'd. */
static char *
html_of(xmlDocPtr res, xmlNodePtr root)
{
	xmlNodePtr body = bk_def_child(root, "body"), el = NULL;
	xmlBufferPtr buf;
	char *s = NULL;

	if (body != NULL)
		for (el = body->children; el != NULL && el->type != XML_ELEMENT_NODE; el = el->next)
			;
	if (el == NULL || (buf = xmlBufferCreate()) == NULL)
		return NULL;
	xmlBufferCCat(buf, "<!DOCTYPE html>\n");
	if (xmlNodeDump(buf, res, el, 0, 0) >= 0)
		s = strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	return s;
}

/* The public mails: their link and code, and the tag that names them in the key. */
struct extra {
	const char *link;	/* instead of the request's page */
	const char *code;	/* the tracking code (a receipt) */
	const char *tag;	/* instead of the event id */
};

/* Renders one mail of kind about rq for to and queues it. */
static enum bk_err
queue_one(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    const char *kind, long long event, const char *note, const struct clock_info *clock,
    const struct recipient *to, const struct extra *x)
{
	const struct bk_mail_config *c = config();
	struct bk_outmail m;
	xmlDocPtr doc = NULL, res = NULL;
	xmlNodePtr root, out;
	char link[400], key[191], ref[64], ev[48], *subject = NULL;
	enum bk_err e = BK_OK;

	memset(&m, 0, sizeof(m));
	if (!bk_mail_addr_ok(to->email)) {
		bk_log(BK_LOG_WARN, "mail %s about %s: no usable address; not queued", kind,
		    rq->number);
		return BK_OK;
	}
	/* The key names the request (its id while it has no number), the event and the
	 * recipient; a long address is named by its hash to fit. */
	if (rq->number[0] != '\0')
		bk_strlcpy(ref, rq->number, sizeof(ref));
	else
		snprintf(ref, sizeof(ref), "#%lld", rq->id);
	if (x != NULL && x->tag != NULL)
		bk_strlcpy(ev, x->tag, sizeof(ev));
	else
		snprintf(ev, sizeof(ev), "%lld", event);
	if ((size_t)snprintf(key, sizeof(key), "mail:%s:%s:%s", ref, ev, to->email) >=
	    sizeof(key)) {
		unsigned char h[32];
		char hex[65];
		crypto_hash_sha256(h, (const unsigned char *)to->email, strlen(to->email));
		bk_hex(h, sizeof(h), hex);
		snprintf(key, sizeof(key), "mail:%s:%s:%s", ref, ev, hex);
	}
	if (x != NULL && x->link != NULL)
		bk_strlcpy(link, x->link, sizeof(link));
	else
		snprintf(link, sizeof(link), "%s/requests/%s", c->base_url, rq->number);
	if ((doc = bk_page_new("mail", &root)) == NULL)
		return BK_ENOMEM;
	xmlNewProp(root, BAD_CAST "kind", BAD_CAST kind);
	xmlNewProp(root, BAD_CAST "lang", BAD_CAST "th");
	xmlNewTextChild(root, NULL, BAD_CAST "number", BAD_CAST rq->number);
	xmlNewTextChild(root, NULL, BAD_CAST "to-name", BAD_CAST to->name);
	xmlNewTextChild(root, NULL, BAD_CAST "requester", BAD_CAST rq->requester_name);
	copy_bilingual(root, "title", bk_def_child(xmlDocGetRootElement(p->doc), "title"));
	copy_bilingual(root, "step", step != NULL ? bk_def_child(step, "label") : NULL);
	xmlNewTextChild(root, NULL, BAD_CAST "reason", BAD_CAST(note != NULL ? note : ""));
	xmlNewTextChild(root, NULL, BAD_CAST "link", BAD_CAST link);
	if (clock != NULL) {
		char days[16];
		snprintf(days, sizeof(days), "%d", clock->days);
		xmlNewTextChild(root, NULL, BAD_CAST "due", BAD_CAST clock->due);
		xmlNewTextChild(root, NULL, BAD_CAST "days", BAD_CAST days);
	}
	if (x != NULL && x->code != NULL)
		xmlNewTextChild(root, NULL, BAD_CAST "code", BAD_CAST x->code);
	if (bk_render_doc(SHEET_MAIL, doc, "th", &res) != BK_OK ||
	    (out = xmlDocGetRootElement(res)) == NULL ||
	    (subject = child_text(out, "subject")) == NULL ||
	    (m.text = child_text(out, "text")) == NULL || (m.html = html_of(res, out)) == NULL) {
		bk_log(BK_LOG_ERR, "mail %s about %s: mail.xsl gave no subject, text and html;"
		    " not queued", kind, rq->number);
		goto out;
	}
	bk_strlcpy(m.to, to->email, sizeof(m.to));
	bk_strlcpy(m.to_name, to->name, sizeof(m.to_name));
	bk_strlcpy(m.subject, subject, sizeof(m.subject));
	e = bk_mail_queue(c, key, ref, &m);
	if (e == BK_EINVAL) {
		bk_log(BK_LOG_WARN, "mail %s about %s: refused; not queued", kind, rq->number);
		e = BK_OK;
	} else if (e == BK_OK)
		bk_log(BK_LOG_INFO, "mail %s about %s queued: %s", kind, rq->number, m.message_id);
out:
	free(subject);
	free(m.text);
	free(m.html);
	if (res != NULL)
		xmlFreeDoc(res);
	xmlFreeDoc(doc);
	return e;
}

/* The holders of role (in unit, when not empty), at most max; their count. */
static int
holders(const char *role, const char *unit, struct recipient *out, int max, enum bk_err *e)
{
	struct recipient row;
	struct bk_q q;
	long long id;
	int n = 0;

	bk_q_init(&q, STMT_PEOPLE_WITH_ROLE);
	bk_q_str(&q, role);
	bk_q_str(&q, unit);
	bk_q_str(&q, unit);
	bk_q_exec(&q);
	bk_q_out_int(&q, &id);
	bk_q_out_str(&q, row.email, sizeof(row.email));
	bk_q_out_str(&q, row.name, sizeof(row.name));
	while (n < max && bk_q_fetch(&q) == 1)
		out[n++] = row;
	bk_q_done(&q);
	*e = q.err;
	return n;
}

static void
form_value(const struct bk_request *rq, const char *name, char *out, size_t size)
{
	json_t *obj = rq->form != NULL ? json_loads(rq->form, 0, NULL) : NULL, *v;

	out[0] = '\0';
	if (obj != NULL && (v = json_object_get(obj, name)) != NULL && json_is_string(v))
		bk_strlcpy(out, json_string_value(v), size);
	json_decref(obj);
}

/* Mails kind to the holders of role (in the unit the form field names, if any). */
static enum bk_err
tell_role_x(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    const char *kind, long long event, const char *note, const struct clock_info *clock,
    const char *role, const char *unit, const struct extra *x)
{
	struct recipient *people, first;
	enum bk_err e;
	int n;

	if (strcmp(role, "requester") == 0) {
		bk_strlcpy(first.email, rq->requester_email, sizeof(first.email));
		bk_strlcpy(first.name, rq->requester_name, sizeof(first.name));
		return first.email[0] != '\0' ? queue_one(p, rq, step, kind, event, note, clock,
		    &first, x) : BK_OK;
	}
	if (strcmp(role, "system") == 0)
		return BK_OK;
	if ((people = calloc(MAX_RECIPIENTS, sizeof(*people))) == NULL)
		return BK_ENOMEM;
	n = holders(role, unit, people, MAX_RECIPIENTS, &e);
	for (int i = 0; i < n && e == BK_OK; i++)
		e = queue_one(p, rq, step, kind, event, note, clock, &people[i], x);
	free(people);
	return e;
}

static enum bk_err
tell_role(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    const char *kind, long long event, const char *note, const struct clock_info *clock,
    const char *role, const char *unit)
{
	return tell_role_x(p, rq, step, kind, event, note, clock, role, unit, NULL);
}

/*
 * The requester of rq has arrived at a survey step: a one-time survey link (token.c,
 * valid BK_SURVEY_TTL) is made in this transaction and mailed. Without a token key the
 * requester is told of the step as of any task.
 */
static enum bk_err
tell_survey(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    long long event)
{
	char token[BK_TOKEN_CHARS + 1], link[400];
	struct extra x = { link, NULL, NULL };
	enum bk_err e;

	e = bk_token_new(rq->id, "survey", BK_SURVEY_TTL, token);
	if (e == BK_EINVAL) {
		bk_log(BK_LOG_WARN, "survey of %s: no token key; no survey link", rq->number);
		return tell_role(p, rq, step, "task", event, NULL, NULL, "requester", "");
	}
	if (e != BK_OK)
		return e;
	snprintf(link, sizeof(link), "%s/survey/%s", config()->base_url, token);
	sodium_memzero(token, sizeof(token));
	e = tell_role_x(p, rq, step, "survey", event, NULL, NULL, "requester", "", &x);
	sodium_memzero(link, sizeof(link));
	return e;
}

/*
 * The mails of a visitor's request, to its requester: kind "confirm" (link: the
 * confirmation link), "receipt" (link: the tracking page, code: the tracking code).
 * BK_OK, or a database error.
 */
enum bk_err
bk_notify_public(const struct bk_process *p, const struct bk_request *rq, const char *kind,
    const char *link, const char *code)
{
	struct extra x = { link, code, kind };

	return tell_role_x(p, rq, bk_def_step(p, rq->step), kind, 0, NULL, NULL, "requester", "",
	    &x);
}

/*
 * Mails kind to who acts at step: an approval's approvers (a role, or the role in the unit
 * a form field names), else the holders of the step's actor role (or the requester).
 */
static enum bk_err
tell_actors(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    const char *kind, long long event, const struct clock_info *clock)
{
	char skind[16], actor[32], role[32], field[48], unit[64];
	xmlNodePtr approvers;
	enum bk_err e = BK_OK;

	bk_def_attr(step, "kind", skind, sizeof(skind));
	bk_def_attr(step, "actor", actor, sizeof(actor));
	if (strcmp(skind, "approval") == 0 && (approvers = bk_def_child(step, "approvers")) != NULL) {
		for (xmlNodePtr a = approvers->children; a != NULL && e == BK_OK; a = a->next) {
			if (a->type != XML_ELEMENT_NODE)
				continue;
			bk_def_attr(a, "role", role, sizeof(role));
			unit[0] = '\0';
			if (bk_def_attr(a, "field", field, sizeof(field))[0] != '\0') {
				form_value(rq, field, unit, sizeof(unit));
				if (unit[0] == '\0')
					continue;
			}
			e = tell_role(p, rq, step, kind, event, NULL, clock, role, unit);
		}
		return e;
	}
	return tell_role(p, rq, step, kind, event, NULL, clock, actor, "");
}

/*
 * Called by the engine when rq has just arrived (event) at step from a step whose actor
 * was prev_actor (NULL: from outside, e.g. filed or sent again): mails who must act
 * there, what a notification step names, or the requester at the end. note is the note
 * of the action that moved it (the reason of a rejection). BK_OK, or a database error.
 */
enum bk_err
bk_notify_step(const struct bk_process *p, const struct bk_request *rq, xmlNodePtr step,
    const char *prev_actor, long long event, const char *note)
{
	char kind[16], actor[32], role[32];

	bk_def_attr(step, "kind", kind, sizeof(kind));
	bk_def_attr(step, "actor", actor, sizeof(actor));
	if (strcmp(kind, "end") == 0) {
		bool rejected = bk_def_attr_is(step, "result", "rejected");
		return tell_role(p, rq, step, rejected ? "rejected" : "done", event,
		    rejected ? note : NULL, NULL, "requester", "");
	}
	if (strcmp(kind, "notification") == 0) {
		if (bk_def_attr(step, "notify", role, sizeof(role))[0] == '\0')
			return BK_OK;
		return tell_role(p, rq, step, "notify", event, note, NULL, role, "");
	}
	if (strcmp(kind, "start") == 0 || strcmp(kind, "automatic") == 0)
		return BK_OK;
	if (strcmp(kind, "survey") == 0 && strcmp(actor, "requester") == 0)
		return tell_survey(p, rq, step, event);
	/* The same people acting at the next step need no mail to tell them. */
	if (prev_actor != NULL && strcmp(prev_actor, actor) == 0)
		return BK_OK;
	return tell_actors(p, rq, step, strcmp(kind, "approval") == 0 ? "approval" : "task",
	    event, NULL);
}

/*
 * Mails the requester of rq: kind "returned" (note is what is missing) or any other
 * kind of mail.xsl. BK_OK, or a database error.
 */
enum bk_err
bk_notify_requester(const struct bk_process *p, const struct bk_request *rq, const char *kind,
    long long event, const char *note)
{
	return tell_role(p, rq, bk_def_step(p, rq->step), kind, event, note, NULL, "requester", "");
}

/*
 * The notices of the time limit (sla.c), in the transaction that records them: kind
 * "warned" (75 % of the limit used; days is the working days left) or "overdue" (days is
 * the working days late) about rq, at its current step, due on due (YYYY-MM-DD). To who
 * acts at the step; an overdue request also to the holders of ict-head. A person who is
 * both gets one mail (the idempotency key names the recipient). BK_OK, or a database error.
 */
enum bk_err
bk_notify_sla(const struct bk_process *p, const struct bk_request *rq, const char *kind,
    long long event, const char *due, int days)
{
	struct clock_info clock = { due, days };
	xmlNodePtr step = bk_def_step(p, rq->step);
	enum bk_err e;

	if (step == NULL)
		return BK_OK;
	e = tell_actors(p, rq, step, kind, event, &clock);
	if (e == BK_OK && strcmp(kind, "overdue") == 0)
		e = tell_role(p, rq, step, kind, event, NULL, &clock, "ict-head", "");
	return e;
}
