/*
 * h_log.c: the yearly service log (manual 003 §5.4) of every process: a page of 50
 * requests at a time, and the whole fiscal year as a CSV file for Excel.
 *
 * Both read one indexed range of `request` (filed within the fiscal year, Thailand time;
 * of one process through its own index), with the memo numbers in and out gathered in the
 * same query, plus an index-only count. What the rows mean (titles, the labels of the
 * service type and the system, within the time limit) comes from the definitions here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "borikan.h"

#define PER_PAGE 50
#define CSV_MAX_ROWS 100000
#define CSV_FLUSH (32 * 1024)
#define CSV_CAP (256 * 1024)
#define YEARS_BACK 5

static const char *const staff_roles[] = { "ict-officer", "ict-head", "director",
	"records-office", "administrator", NULL };
static const char *const statuses[] = { "open", "returned", "done", "rejected", NULL };

struct filters {
	long	 year;
	const struct bk_process *process;	/* NULL: every process */
	const char *status;			/* "": every status */
	long	 page;
	long	 current;			/* the fiscal year now */
	char	 today[11];			/* Thai date now */
	struct bk_holidays hol;			/* from the year's start to today */
};

/* What the log shows of a process, worked out once per process per request. */
struct proc_info {
	const struct bk_process *p;
	char	 title_th[512], title_en[512];
	xmlNodePtr svc, sys;	/* the request form's service_type and system fields */
	long	 limit;		/* working days; 0 the same day; -1 none */
};

struct row {
	char	 number[64], process[48], requester[801];
	char	 svc[256], sys[256], sys_other[801];
	char	 memo_in[1100], memo_out[1100];
	char	 created[20], closed[20], status[12];
	long long satisfaction;
};

/* The texts of a row, resolved against its definition. */
struct shown {
	const char *process_th, *process_en;
	char	 svc_th[512], svc_en[512], sys_th[801], sys_en[801];
	int	 within;	/* 1, 0, -1 unknown */
};

static bool
one_of(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool
is_staff(const struct bk_req *r)
{
	for (const char *const *role = staff_roles; *role != NULL; role++)
		if (bk_session_has_role(r, *role))
			return true;
	return false;
}

/* The text of el's <lang> child ("th" or "en"), whitespace folded; Thai when absent. */
static void
bi(xmlNodePtr el, const char *lang, char *out, size_t size)
{
	xmlNodePtr c = bk_def_child(el, lang);
	xmlChar *t;
	size_t n = 0;
	bool space = false;

	out[0] = '\0';
	if (c == NULL && strcmp(lang, "th") != 0)
		c = bk_def_child(el, "th");
	if (c == NULL || (t = xmlNodeGetContent(c)) == NULL)
		return;
	for (const xmlChar *p = t; *p != '\0' && n + 2 < size; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = (char)*p;
	}
	/* Cut short: never end inside a UTF-8 sequence (drop the last character). */
	if (n + 2 >= size) {
		while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0 && (unsigned char)out[n - 1] >= 0xc0)
			n--;
	}
	out[n] = '\0';
	xmlFree(t);
}

static xmlNodePtr
field_of(xmlNodePtr form, const char *name)
{
	for (xmlNodePtr f = form != NULL ? form->children : NULL; f != NULL; f = f->next)
		if (f->type == XML_ELEMENT_NODE && xmlStrcmp(f->name, BAD_CAST "field") == 0 &&
		    bk_def_attr_is(f, "name", name))
			return f;
	return NULL;
}

static void
info_init(struct proc_info *in, const struct bk_process *p)
{
	xmlNodePtr root = xmlDocGetRootElement(p->doc), tl, form;
	char first[48], v[16];
	long n;

	memset(in, 0, sizeof(*in));
	in->p = p;
	bi(bk_def_child(root, "title"), "th", in->title_th, sizeof(in->title_th));
	bi(bk_def_child(root, "title"), "en", in->title_en, sizeof(in->title_en));
	bk_def_attr(bk_def_first_step(p), "id", first, sizeof(first));
	form = bk_def_form_of(p, first);
	in->svc = field_of(form, "service_type");
	in->sys = field_of(form, "system");
	in->limit = -1;
	if ((tl = bk_def_child(root, "time-limit")) != NULL) {
		if (bk_def_attr_is(tl, "immediate", "true"))
			in->limit = 0;
		else if (bk_parse_long(bk_def_attr(tl, "working-days", v, sizeof(v)), 1, 10000,
		    &n) == BK_OK)
			in->limit = n;
	}
}

/* The info of process code, from cache (as many as the catalogue holds), or NULL. */
static const struct proc_info *
info_of(struct proc_info *cache, size_t *ncache, const char *code)
{
	const struct bk_process *p;

	for (size_t i = 0; i < *ncache; i++)
		if (strcmp(cache[i].p->code, code) == 0)
			return &cache[i];
	if ((p = bk_catalogue_find(code)) == NULL || *ncache >= bk_catalogue_count())
		return NULL;
	info_init(&cache[*ncache], p);
	return &cache[(*ncache)++];
}

/* The label of option value of a select field in lang, or the value itself. */
static void
option_label(xmlNodePtr field, const char *value, const char *lang, char *out, size_t size)
{
	for (xmlNodePtr o = field->children; o != NULL; o = o->next)
		if (o->type == XML_ELEMENT_NODE && xmlStrcmp(o->name, BAD_CAST "option") == 0 &&
		    bk_def_attr_is(o, "value", value)) {
			bi(o, lang, out, size);
			return;
		}
	bk_strlcpy(out, value, size);
}

static void
resolve(const struct row *rw, const struct proc_info *in, const struct filters *f,
    struct shown *s)
{
	memset(s, 0, sizeof(*s));
	s->process_th = in != NULL ? in->title_th : rw->process;
	s->process_en = in != NULL ? in->title_en : rw->process;
	/* The service type is the form's, where the process has one; else the process. */
	if (in != NULL && in->svc != NULL) {
		if (rw->svc[0] != '\0') {
			option_label(in->svc, rw->svc, "th", s->svc_th, sizeof(s->svc_th));
			option_label(in->svc, rw->svc, "en", s->svc_en, sizeof(s->svc_en));
		}
	} else {
		bk_strlcpy(s->svc_th, s->process_th, sizeof(s->svc_th));
		bk_strlcpy(s->svc_en, s->process_en, sizeof(s->svc_en));
	}
	if (in != NULL && in->sys != NULL && rw->sys[0] != '\0') {
		if (strcmp(rw->sys, "other") == 0 && rw->sys_other[0] != '\0') {
			bk_strlcpy(s->sys_th, rw->sys_other, sizeof(s->sys_th));
			bk_strlcpy(s->sys_en, rw->sys_other, sizeof(s->sys_en));
		} else {
			option_label(in->sys, rw->sys, "th", s->sys_th, sizeof(s->sys_th));
			option_label(in->sys, rw->sys, "en", s->sys_en, sizeof(s->sys_en));
		}
	}
	s->within = in != NULL && in->limit >= 0 ?
	    bk_within_limit(rw->created, rw->closed, in->limit, f->today, &f->hol) : -1;
}

/* Reads the filters; 0, or the status to answer (400) for one that is no filter. */
static int
filters_read(struct bk_req *r, struct filters *f)
{
	const char *v;
	time_t now = time(NULL);

	memset(f, 0, sizeof(*f));
	f->current = bk_fiscal_year(now);
	bk_thai_date(now, f->today);
	f->year = f->current;
	f->page = 1;
	f->status = "";
	if ((v = bk_req_param(r, "year")) != NULL && v[0] != '\0' &&
	    bk_parse_long(v, 2500, 2700, &f->year) != BK_OK)
		return 400;
	if ((v = bk_req_param(r, "process")) != NULL && v[0] != '\0' &&
	    (f->process = bk_catalogue_find(v)) == NULL)
		return 400;
	if ((v = bk_req_param(r, "status")) != NULL && v[0] != '\0') {
		if (!one_of(v, statuses))
			return 400;
		f->status = v;
	}
	if ((v = bk_req_param(r, "page")) != NULL && v[0] != '\0' &&
	    bk_parse_long(v, 1, 100000, &f->page) != BK_OK)
		return 400;
	return 0;
}

static void
bind_filters(struct bk_q *q, const struct filters *f, const char *start, const char *end)
{
	bk_q_str(q, start);
	bk_q_str(q, end);
	if (f->process != NULL)
		bk_q_str(q, f->process->code);
	bk_q_str(q, f->status);
	bk_q_str(q, f->status);
}

/* The number of requests the filters select, or -1 on a database error. */
static long long
count(const struct filters *f, const char *start, const char *end)
{
	struct bk_q q;
	long long n = -1;

	bk_q_init(&q, f->process != NULL ? STMT_LOG_COUNT_PROC : STMT_LOG_COUNT);
	bind_filters(&q, f, start, end);
	bk_q_exec(&q);
	bk_q_out_int(&q, &n);
	if (bk_q_fetch(&q) != 1)
		n = -1;
	bk_q_done(&q);
	return n;
}

/* Starts the page query: binds, executes and binds the row's outputs. */
static void
rows_open(struct bk_q *q, const struct filters *f, const char *start, const char *end,
    long long limit, long long offset, struct row *rw)
{
	bk_q_init(q, f->process != NULL ? STMT_LOG_PAGE_PROC : STMT_LOG_PAGE);
	bind_filters(q, f, start, end);
	bk_q_int(q, limit);
	bk_q_int(q, offset);
	bk_q_exec(q);
	bk_q_out_str(q, rw->number, sizeof(rw->number));
	bk_q_out_str(q, rw->process, sizeof(rw->process));
	bk_q_out_str(q, rw->requester, sizeof(rw->requester));
	bk_q_out_str(q, rw->svc, sizeof(rw->svc));
	bk_q_out_str(q, rw->sys, sizeof(rw->sys));
	bk_q_out_str(q, rw->sys_other, sizeof(rw->sys_other));
	bk_q_out_str(q, rw->memo_in, sizeof(rw->memo_in));
	bk_q_out_str(q, rw->memo_out, sizeof(rw->memo_out));
	bk_q_out_str(q, rw->created, sizeof(rw->created));
	bk_q_out_str(q, rw->closed, sizeof(rw->closed));
	bk_q_out_str(q, rw->status, sizeof(rw->status));
	bk_q_out_int(q, &rw->satisfaction);
}

/* Staff only; the filters read. False when the request was answered. */
static bool
guard(struct bk_req *r, struct filters *f)
{
	int st;

	if (!is_staff(r)) {
		bk_req_error(r, 403);
		return false;
	}
	if ((st = filters_read(r, f)) != 0) {
		bk_req_error(r, st);
		return false;
	}
	return true;
}

static void
prop(xmlNodePtr n, const char *name, const char *value)
{
	xmlNewProp(n, BAD_CAST name, BAD_CAST value);
}

static void
propi(xmlNodePtr n, const char *name, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	xmlNewProp(n, BAD_CAST name, BAD_CAST buf);
}

/* One <name> child per line of list. */
static void
lines(xmlNodePtr parent, const char *name, char *list)
{
	for (char *save = NULL, *t = strtok_r(list, "\n", &save); t != NULL;
	    t = strtok_r(NULL, "\n", &save))
		xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST t);
}

/*
 * GET /log: one page of the service log.
 *   <log year current-year process status page pages total per-page csv>
 *     <session …/> <years><y>2570</y>*</years> <processes><p code th en/>*</processes>
 *     <rows><row number process-th process-en service-th service-en system-th system-en
 *           requester status created closed within="yes|no"? satisfaction>
 *       <in>memo number</in>* <out>memo number</out>*</row>*</rows>
 *   </log>
 */
static void
log_page(struct bk_req *r, const struct filters *fp)
{
	struct filters f = *fp;		/* borrowed: the caller owns the holidays */
	struct proc_info *cache = NULL;
	size_t ncache = 0;
	struct row rw;
	struct shown s;
	struct bk_q q;
	xmlNodePtr root, n, rows;
	xmlDocPtr doc = NULL;
	char start[20], end[20], csv[256];
	long long total;
	int got;

	bk_fiscal_bounds((int)f.year, start, end);
	if ((total = count(&f, start, end)) < 0) {
		bk_req_error(r, 503);
		return;
	}
	if ((doc = bk_page_new("log", &root)) == NULL ||
	    (cache = calloc(bk_catalogue_count() + 1, sizeof(*cache))) == NULL)
		goto fail500;
	bk_page_session(r, root);
	propi(root, "year", f.year);
	propi(root, "current-year", f.current);
	prop(root, "process", f.process != NULL ? f.process->code : "");
	prop(root, "status", f.status);
	propi(root, "page", f.page);
	propi(root, "pages", total == 0 ? 1 : (total + PER_PAGE - 1) / PER_PAGE);
	propi(root, "total", total);
	propi(root, "per-page", PER_PAGE);
	snprintf(csv, sizeof(csv), "/log.csv?year=%ld%s%s%s%s", f.year,
	    f.process != NULL ? "&process=" : "", f.process != NULL ? f.process->code : "",
	    f.status[0] != '\0' ? "&status=" : "", f.status);
	prop(root, "csv", csv);
	n = xmlNewTextChild(root, NULL, BAD_CAST "years", NULL);
	for (long y = f.current; y >= f.current - YEARS_BACK; y--) {
		char ys[8];
		snprintf(ys, sizeof(ys), "%ld", y);
		xmlNewTextChild(n, NULL, BAD_CAST "y", BAD_CAST ys);
	}
	n = xmlNewTextChild(root, NULL, BAD_CAST "processes", NULL);
	for (size_t i = 0; i < bk_catalogue_count(); i++) {
		const struct proc_info *in = info_of(cache, &ncache, bk_catalogue_at(i)->code);
		xmlNodePtr p;
		if (in == NULL)
			continue;
		p = xmlNewTextChild(n, NULL, BAD_CAST "p", NULL);
		prop(p, "code", in->p->code);
		prop(p, "th", in->title_th);
		prop(p, "en", in->title_en);
	}
	rows = xmlNewTextChild(root, NULL, BAD_CAST "rows", NULL);
	rows_open(&q, &f, start, end, PER_PAGE, (f.page - 1) * PER_PAGE, &rw);
	while ((got = bk_q_fetch(&q)) == 1) {
		xmlNodePtr x = xmlNewTextChild(rows, NULL, BAD_CAST "row", NULL);

		resolve(&rw, info_of(cache, &ncache, rw.process), &f, &s);
		prop(x, "number", rw.number);
		prop(x, "process", rw.process);
		prop(x, "process-th", s.process_th);
		prop(x, "process-en", s.process_en);
		prop(x, "service-th", s.svc_th);
		prop(x, "service-en", s.svc_en);
		prop(x, "system-th", s.sys_th);
		prop(x, "system-en", s.sys_en);
		prop(x, "requester", rw.requester);
		prop(x, "status", rw.status);
		prop(x, "created", rw.created);
		prop(x, "closed", rw.closed);
		if (s.within >= 0)
			prop(x, "within", s.within ? "yes" : "no");
		propi(x, "satisfaction", rw.satisfaction);
		lines(x, "in", rw.memo_in);
		lines(x, "out", rw.memo_out);
	}
	bk_q_done(&q);
	if (got < 0) {
		bk_log(BK_LOG_ERR, "req %s: service log: %s", r->id, bk_strerror(q.err));
		free(cache);
		xmlFreeDoc(doc);
		bk_req_error(r, 503);
		return;
	}
	free(cache);
	r->cache = "no-store";
	bk_req_page(r, 200, SHEET_LOG, doc);
	xmlFreeDoc(doc);
	return;
fail500:
	free(cache);
	if (doc != NULL)
		xmlFreeDoc(doc);
	bk_req_error(r, 500);
}

/* "22/11/2569" of an ISO date-time, "" for "". */
static void
be_date(const char *iso, char *out, size_t size)
{
	int y, m, d;

	out[0] = '\0';
	if (sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		snprintf(out, size, "%02d/%02d/%04d", d % 100, m % 100, (y + 543) % 10000);
}

static const char *
status_th(const char *status)
{
	if (strcmp(status, "open") == 0)
		return "กำลังดำเนินการ";
	if (strcmp(status, "returned") == 0)
		return "ส่งกลับให้ผู้ขอแก้ไข";
	if (strcmp(status, "done") == 0)
		return "เสร็จสิ้น";
	if (strcmp(status, "rejected") == 0)
		return "ไม่อนุมัติ/ดำเนินการไม่ได้";
	return status;
}

/* Memo numbers one per line in the database, "; " between them in a cell. */
static void
joined(char *list, size_t size)
{
	char *p;

	while ((p = strchr(list, '\n')) != NULL) {
		size_t rest = strlen(p + 1);
		if (strlen(list) + 2 >= size) {
			*p = ' ';
			continue;
		}
		memmove(p + 2, p + 1, rest + 1);
		p[0] = ';';
		p[1] = ' ';
	}
}

static enum bk_err
csv_row(struct bk_buf *b, const char *const *cells, size_t n)
{
	enum bk_err e = BK_OK;

	for (size_t i = 0; i < n && e == BK_OK; i++)
		e = bk_csv_cell(b, cells[i], i == 0);
	return e == BK_OK ? bk_csv_row_end(b) : e;
}

static enum bk_err
flush(struct bk_req *r, struct bk_buf *b, bool force)
{
	enum bk_err e = BK_OK;

	if (b->len > 0 && (force || b->len >= CSV_FLUSH)) {
		e = bk_req_stream(r, b->data, b->len);
		b->len = 0;
		b->data[0] = '\0';
	}
	return e;
}

/*
 * GET /log.csv: the service log of the filters as CSV for Excel: a UTF-8 byte order mark,
 * a header row in Thai (English), CRLF, RFC 4180 quoting, formulas neutralised (csv.c).
 * Streamed in pieces of CSV_FLUSH bytes; at most CSV_MAX_ROWS rows, and a last line says
 * so when the year holds more.
 */
static void
log_csv(struct bk_req *r, const struct filters *fp)
{
	struct filters f = *fp;		/* borrowed: the caller owns the holidays */
	static const char *const header[] = {
		"เลขที่คำขอ (Request number)", "กระบวนงาน (Process)", "ระบบ (System)",
		"ประเภทการให้บริการ (Service type)", "ผู้ขอรับบริการ (Requester)",
		"เลขบันทึกข้อความเข้า (Incoming memo)", "เลขบันทึกข้อความออก (Outgoing memo)",
		"วันที่ยื่น (Filed)", "วันที่ปิด (Closed)", "สถานะ (Status)",
		"ภายในระยะเวลา (Within the time limit)", "คะแนนความพึงพอใจ (Satisfaction)",
	};
	struct proc_info *cache = NULL;
	size_t ncache = 0;
	struct row rw;
	struct shown s;
	struct bk_q q;
	struct bk_buf b;
	char start[20], end[20], filed[16], closed[16], score[8], note[200];
	long long total, rows = 0;
	enum bk_err e = BK_OK;
	int got = 0;

	bk_fiscal_bounds((int)f.year, start, end);
	if ((total = count(&f, start, end)) < 0) {
		bk_req_error(r, 503);
		return;
	}
	if ((cache = calloc(bk_catalogue_count() + 1, sizeof(*cache))) == NULL) {
		bk_req_error(r, 500);
		return;
	}
	r->ctype = "text/csv; charset=utf-8";
	r->cache = "no-store";
	bk_req_header(r, "Content-Disposition: attachment; filename=\"service-log-%ld%s%s.csv\"",
	    f.year, f.process != NULL ? "-" : "", f.process != NULL ? f.process->code : "");
	if (total > CSV_MAX_ROWS)
		bk_req_header(r, "X-Borikan-Truncated: %d of %lld rows", CSV_MAX_ROWS, total);
	bk_req_stream_head(r, 200);
	bk_buf_init(&b, CSV_CAP);
	e = bk_buf_add(&b, "\xef\xbb\xbf", 3);
	if (e == BK_OK)
		e = csv_row(&b, header, sizeof(header) / sizeof(header[0]));
	rows_open(&q, &f, start, end, CSV_MAX_ROWS, 0, &rw);
	while (e == BK_OK && (got = bk_q_fetch(&q)) == 1) {
		const char *cells[12];

		resolve(&rw, info_of(cache, &ncache, rw.process), &f, &s);
		be_date(rw.created, filed, sizeof(filed));
		be_date(rw.closed, closed, sizeof(closed));
		joined(rw.memo_in, sizeof(rw.memo_in));
		joined(rw.memo_out, sizeof(rw.memo_out));
		snprintf(score, sizeof(score), "%lld", rw.satisfaction);
		cells[0] = rw.number;
		cells[1] = s.process_th;
		cells[2] = s.sys_th;
		cells[3] = s.svc_th;
		cells[4] = rw.requester;
		cells[5] = rw.memo_in;
		cells[6] = rw.memo_out;
		cells[7] = filed;
		cells[8] = closed;
		cells[9] = status_th(rw.status);
		cells[10] = s.within == 1 ? "ภายในเวลา (yes)" : s.within == 0 ? "เกินเวลา (no)" : "";
		cells[11] = rw.satisfaction > 0 ? score : "";
		if ((e = csv_row(&b, cells, 12)) == BK_OK)
			e = flush(r, &b, false);
		rows++;
	}
	if (e == BK_OK && got < 0)
		e = q.err;
	bk_q_done(&q);
	if (e == BK_OK && total > rows) {
		snprintf(note, sizeof(note), "# ตัดที่ %lld แถวแรกจาก %lld แถว "
		    "(cut at the first %lld of %lld rows)", rows, total, rows, total);
		e = bk_csv_cell(&b, note, true);
		if (e == BK_OK)
			e = bk_csv_row_end(&b);
	} else if (e != BK_OK && e != BK_EIO) {
		/* The headers are out: say in the file itself that it is incomplete. */
		bk_log(BK_LOG_ERR, "req %s: service log CSV cut after %lld rows: %s", r->id, rows,
		    bk_strerror(e));
		b.len = 0;
		(void)bk_buf_adds(&b, "# ไม่ครบ: ระบบขัดข้อง (incomplete: internal error)\r\n");
	}
	if (e != BK_EIO)
		(void)flush(r, &b, true);
	bk_buf_free(&b);
	free(cache);
}

/*
 * Reads the filters and the holidays the "within the limit" column counts through (one
 * query), runs page, and frees them: the page and the CSV share it.
 */
static void
with_filters(struct bk_req *r, void (*page)(struct bk_req *, const struct filters *))
{
	struct filters f;
	char start[20], end[20], day[11];
	bk_day from;

	if (!guard(r, &f))
		return;
	bk_fiscal_bounds((int)f.year, start, end);
	bk_strlcpy(day, start, sizeof(day));
	if (bk_day_parse(day, &from) != BK_OK ||
	    bk_holidays_load(&f.hol, from - 1, bk_day_of(time(NULL)) + 1) != BK_OK) {
		bk_req_error(r, 503);
		return;
	}
	page(r, &f);
	bk_holidays_free(&f.hol);
}

void
h_log(struct bk_req *r)
{
	with_filters(r, log_page);
}

void
h_log_csv(struct bk_req *r)
{
	with_filters(r, log_csv);
}
