/*
 * borikan.h: the one internal header of the Borikan FastCGI server and its tools.
 *
 * Ownership rule: a function that returns a pointer says in its comment who frees it.
 * Fallible functions return enum bk_err; BK_OK is zero.
 */
#ifndef BORIKAN_H
#define BORIKAN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include <libxml/tree.h>
#include <sodium.h>

struct bk_req;
struct FCGX_Request;
struct curl_slist;

/* Project-wide error codes. */
enum bk_err {
	BK_OK = 0,
	BK_ENOMEM,	/* an allocation failed */
	BK_EINVAL,	/* the caller's input is malformed */
	BK_ETOOBIG,	/* a capped buffer or input would pass its cap */
	BK_ENOTFOUND,	/* no such object */
	BK_EDB,		/* the database refused or is unreachable */
	BK_EXML,	/* XML parse, validation or transform failed */
	BK_EIO,		/* a system call failed */
	BK_ERETRY,	/* a deadlock or lock timeout: run the transaction again */
};
const char *bk_strerror(enum bk_err);

/* ---- log.c: one line per event, to stderr ---------------------------------------- */
enum bk_level { BK_LOG_ERR, BK_LOG_WARN, BK_LOG_INFO, BK_LOG_DEBUG };
void bk_log(enum bk_level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bk_vlog(enum bk_level, const char *fmt, va_list) __attribute__((format(printf, 2, 0)));
void bk_log_init(const char *prog, int verbose);
void bk_log_route_xml_errors(void);

/* ---- util.c ------------------------------------------------------------------------ */
/* A growable byte buffer with a hard cap; data is always NUL-terminated. */
struct bk_buf {
	char	*data;
	size_t	 len;
	size_t	 size;
	size_t	 cap;
};
void	bk_buf_init(struct bk_buf *, size_t cap);
void	bk_buf_free(struct bk_buf *);
enum bk_err bk_buf_add(struct bk_buf *, const void *, size_t);
enum bk_err bk_buf_adds(struct bk_buf *, const char *);
enum bk_err bk_buf_printf(struct bk_buf *, const char *, ...) __attribute__((format(printf, 2, 3)));

bool	bk_utf8_valid(const char *, size_t);
size_t	bk_strlcpy(char *dst, const char *src, size_t size);
enum bk_err bk_url_decode(const char *in, size_t inlen, char *out, size_t outsz, size_t *outlen);
void	bk_hex(const unsigned char *in, size_t len, char *out);
double	bk_now(void);
enum bk_err bk_parse_long(const char *, long min, long max, long *out);
enum bk_err bk_key_file(const char *path, unsigned char *key, size_t len);

/* ---- metrics.c: counters in memory shared by the master and its workers ----------- */
enum bk_err bk_metrics_create(void);
void	bk_metrics_request(int route, int status, double seconds);
void	bk_metrics_render(double seconds);
void	bk_metrics_worker_restart(void);
void	bk_metrics_runner_restart(void);
void	bk_metrics_job(int kind, double seconds);	/* kind: bk_job_kind_name's index */
enum bk_err bk_metrics_write(struct bk_buf *);

/* ---- db.c: one connection per process, a fixed table of prepared statements ------- */
struct bk_db_config {
	char	socket[256];
	char	name[64];
	char	user[64];
	char	password[128];
};
enum bk_stmt {
	STMT_PING,
	STMT_PROCESS_ALL,
	STMT_PROCESS_UPSERT,
	STMT_PROCESS_RETIRE_ALL,
	STMT_UNIT_INSERT,
	STMT_UNIT_ID,
	STMT_PERSON_INSERT,
	STMT_PERSON_LOGIN,
	STMT_PERSON_SET_PASSWORD,
	STMT_PERSON_ID,
	STMT_ROLE_GRANT,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_OTHERS,
	STMT_THROTTLE_GET,
	STMT_THROTTLE_FAIL,
	STMT_THROTTLE_CLEAR,
	STMT_STEP_ACTOR_CLEAR,
	STMT_STEP_ACTOR_ADD,
	STMT_COUNTER_NEXT,
	STMT_COUNTER_GET,
	STMT_REQUEST_INSERT,
	STMT_REQUEST_BY_SUBMISSION,
	STMT_REQUEST_GET,
	STMT_REQUEST_LOCK,
	STMT_REQUEST_UPDATE,
	STMT_EVENT_INSERT,
	STMT_EVENTS_OF,
	STMT_QUEUE_ROLES,
	STMT_REQUESTS_OF,
	STMT_PERSON_CONTACT,
	STMT_UNIT_SET_MEMO_FORMAT,
	STMT_MEMO_COUNTER_NEXT,
	STMT_MEMO_COUNTER_GET,
	STMT_MEMO_INSERT,
	STMT_MEMOS_OF,
	STMT_LOG_COUNT,
	STMT_LOG_COUNT_PROC,
	STMT_LOG_PAGE,
	STMT_LOG_PAGE_PROC,
	STMT_JOB_INSERT,
	STMT_OUTBOX_INSERT,
	STMT_JOB_CLAIM,
	STMT_JOB_TAKE,
	STMT_JOB_DONE,
	STMT_JOB_FAILED,
	STMT_JOB_REQUEUE_STALE,
	STMT_OUTBOX_OF_JOB,
	STMT_OUTBOX_SENT,
	STMT_PEOPLE_WITH_ROLE,
	STMT_JOBS_DEAD,
	STMT_JOB_RETRY_DEAD,
	STMT_HOLIDAY_RANGE,
	STMT_HOLIDAY_YEAR,
	STMT_HOLIDAY_INSERT,
	STMT_HOLIDAY_DELETE,
	STMT_CLOCK_GET,
	STMT_CLOCK_START,
	STMT_CLOCK_PAUSE,
	STMT_CLOCK_RESUME,
	STMT_SLA_CANDIDATES,
	STMT_SLA_LOCK,
	STMT_SLA_WARNED,
	STMT_SLA_OVERDUE,
	STMT_QUEUE_OVERDUE,
	STMT_ATTACHMENT_COUNT,
	STMT_ATTACHMENT_INSERT,
	STMT_ATTACHMENTS_OF,
	STMT_ATTACHMENT_GET,
	STMT_UNITS_ALL,
	STMT_UNIT_PARENT,
	STMT_UNIT_UPDATE,
	STMT_PEOPLE_COUNT,
	STMT_PEOPLE_PAGE,
	STMT_PERSON_GET,
	STMT_PERSON_SET_ACTIVE,
	STMT_SESSION_DELETE_PERSON,
	STMT_ROLE_REVOKE,
	STMT_SUBSTITUTE_INSERT,
	STMT_SUBSTITUTE_DELETE,
	STMT_SUBSTITUTES_LIST,
	STMT_SUBSTITUTE_FOR,
	STMT_PERSON_HOLDS,
	STMT_ROLE_HOLDERS,
	STMT_EVENT_INSERT_FULL,
	STMT_QUEUE_ASSIGNED,
	STMT_VOTE_INSERT,
	STMT_VOTES_OF,
	STMT_VOTES_CLEAR,
	STMT_PERSON_NAMES,
	STMT_SCHEDULE_CLAIM,
	STMT_SCHEDULE_ADVANCE,
	STMT_SLA_NUMBER,
	STMT_REQUEST_INSERT_PUBLIC,
	STMT_REQUEST_LOCK_ID,
	STMT_REQUEST_CONFIRM,
	STMT_REQUEST_SURVEY_COMMENT,
	STMT_TOKEN_INSERT,
	STMT_TOKEN_LOCK,
	STMT_TOKEN_GET,
	STMT_TOKEN_USE,
	STMT_TOKEN_SURVEY_NONCE,
	STMT_TRACK,
	STMT_PURGE_UNCONFIRMED,
	STMT_LMS_SITES,
	STMT_LMS_SITE_GET,
	STMT_LMS_SITE_INSERT,
	STMT_LMS_SITE_UPDATE,
	STMT_LMS_SITE_TESTED,
	STMT_LMS_LEDGER_GET,
	STMT_LMS_LEDGER_PUT,
	STMT__COUNT
};
enum bk_err bk_db_open(const struct bk_db_config *);
void	bk_db_close(void);
enum bk_err bk_db_ping(void);
struct st_mysql_stmt *bk_db_stmt(enum bk_stmt);
enum bk_err bk_db_begin(void);

/*
 * One execution of a prepared statement: bind inputs in order, execute, bind outputs in
 * order, fetch rows. Strings are bound by pointer: they must outlive bk_q_exec (inputs)
 * or the last bk_q_fetch (outputs). Every call after a failure is a no-op that keeps the
 * first error, so a sequence can be checked once at the end.
 */
#define BK_Q_MAX 32
struct bk_q {
	struct st_mysql_stmt *st;
	enum bk_err err;
	int	 nin, nout, bound;
	struct st_mysql_bind *in, *out;
	unsigned long inlen[BK_Q_MAX], outlen[BK_Q_MAX];
	char	 outnull[BK_Q_MAX];
	size_t	 outsize[BK_Q_MAX];
	long long inint[BK_Q_MAX];
};
void	bk_q_init(struct bk_q *, enum bk_stmt);
void	bk_q_str(struct bk_q *, const char *);		/* NULL binds SQL NULL */
void	bk_q_bin(struct bk_q *, const void *, size_t);
void	bk_q_int(struct bk_q *, long long);
enum bk_err bk_q_exec(struct bk_q *);
void	bk_q_out_str(struct bk_q *, char *buf, size_t size);	/* NUL-terminated, "" for NULL */
void	bk_q_out_int(struct bk_q *, long long *);
/* 1: a row; 0: no more rows; -1: error (q->err set). A too long string is BK_ETOOBIG. */
int	bk_q_fetch(struct bk_q *);
unsigned long long bk_q_affected(struct bk_q *);
unsigned long long bk_q_insert_id(struct bk_q *);
void	bk_q_done(struct bk_q *);
enum bk_err bk_db_commit(void);
void	bk_db_rollback(void);

/* ---- process_check.c: schema and the rules the schema cannot say ------------------- */
/*
 * Parses and checks one definition. On success *out is the document (caller frees with
 * xmlFreeDoc). On failure a message naming file and line is written to err.
 */
enum bk_err bk_process_parse(const char *path, const char *buf, size_t len,
    xmlDocPtr *out, char *err, size_t errsz);
enum bk_err bk_process_schema_load(const char *rng_path);
void	bk_process_schema_free(void);

/* ---- catalogue.c: the process definitions a worker serves -------------------------- */
struct bk_process {
	char	 code[48];
	char	 group[16];
	char	 updated[11];	/* YYYY-MM-DD, the definition's last change */
	char	*xml;		/* the definition as stored */
	size_t	 xml_len;
	xmlDocPtr doc;
};
enum bk_err bk_catalogue_load(void);
void	bk_catalogue_free(void);
size_t	bk_catalogue_count(void);
const struct bk_process *bk_catalogue_at(size_t);
const struct bk_process *bk_catalogue_find(const char *code);
const char *bk_catalogue_updated(void);

/* ---- process_model.c: reading a definition ------------------------------------------- */
xmlNodePtr bk_def_child(xmlNodePtr parent, const char *name);
const char *bk_def_attr(xmlNodePtr, const char *name, char *buf, size_t size);
bool	bk_def_attr_is(xmlNodePtr, const char *name, const char *value);
xmlNodePtr bk_def_step(const struct bk_process *, const char *id);
xmlNodePtr bk_def_first_step(const struct bk_process *);
xmlNodePtr bk_def_form_of(const struct bk_process *, const char *step_id);
bool	bk_def_is_public(const struct bk_process *);
long	bk_def_version(const struct bk_process *);

/* ---- form.c: a submitted form against its definition ------------------------------------ */
struct json_t;
struct bk_field_error {
	char	field[48];
	char	key[40];	/* message key, e.g. field.required */
	char	arg[48];	/* fills the message's {0} */
};
#define BK_MAX_FIELD_ERRORS 64
size_t	bk_form_validate(xmlNodePtr form, const struct bk_req *, struct json_t **values,
	    struct bk_field_error *, size_t maxerr);

/* ---- engine.c: requests moving through their process ----------------------------------- */
struct bk_request {
	long long id;
	char	 number[64];
	char	 process[48];
	long long requester_id;
	char	 requester_name[201];
	char	 requester_email[255];
	char	 status[12];	/* open, returned, done, rejected */
	char	 step[48];
	long long assignee_id;
	char	*form;		/* the JSON object of the request form's values */
	long long version;
	long long satisfaction;
	char	 created[20];
	char	 updated[20];
	char	 error[32];	/* after a 422 from the engine: the message key to show */
};
#define BK_MAX_BRANCHES 8
struct bk_allowed {
	bool	 complete, approve, reject, ret, resubmit, rate, comment;
	int	 nbranch;
	char	 branch[BK_MAX_BRANCHES][48];
	bool	 assign;	/* may assign the request (a task or decision step) */
	bool	 assign_any;	/* to anyone eligible (ict-head); else only to oneself */
	long long on_behalf;	/* acting for this absent approver (substitute), or 0 */
	bool	 voted;		/* a committee step: the person's approval is already counted */
};
enum bk_err bk_request_load(const char *number, bool lock, struct bk_request *);
void	bk_request_free(struct bk_request *);
bool	bk_request_may_view(const struct bk_request *, const struct bk_req *);
void	bk_engine_allowed(const struct bk_process *, const struct bk_request *,
	    const struct bk_req *, struct bk_allowed *);
enum bk_err bk_engine_start(const struct bk_process *, struct bk_request *, long long person);
enum bk_err bk_engine_act(const struct bk_process *, struct bk_request *,
	    const struct bk_req *, const char *action, const char *arg, const char *note);
/* The approvers of a committee step (mode="all"): their ids, at most max; -1 on error. */
int	bk_engine_committee(const struct bk_request *, xmlNodePtr step, long long *ids, int max);
bool	bk_engine_is_committee(xmlNodePtr step);
bool	bk_engine_assignable(xmlNodePtr step);

/* ---- accounts.c: the checks of units and people (pages and borikan-admin) ---------------- */
extern const char *const bk_unit_kinds[];	/* NULL-terminated */
extern const char *const bk_roles[];		/* NULL-terminated */
bool	bk_one_of(const char *, const char *const *list);
size_t	bk_utf8_chars(const char *);
bool	bk_unit_code_ok(const char *);
bool	bk_username_ok(const char *);
bool	bk_email_ok(const char *);
bool	bk_person_name_ok(const char *);

/* ---- queue_scope.c: the unit a step's approver is named for, a person's queue pairs --- */
struct bk_role_unit {
	char	 role[24];
	char	 unit[41];	/* "" for the role held anywhere */
};
void	bk_step_actor_unit(xmlNodePtr step, const char *form, char *out, size_t size);
size_t	bk_queue_pairs(const char *roles, struct bk_role_unit *, size_t max);
enum bk_err bk_engine_rate(const struct bk_process *, struct bk_request *, long score,
	    const char *comment);
bool	bk_engine_at_survey(const struct bk_process *, const struct bk_request *);

/* ---- calendar.c: working days over a holiday set (Thailand, UTC+7) ----------------------- */
typedef int32_t bk_day;		/* days since 1970-01-01 */
struct bk_holidays {
	bk_day	 from, to;	/* the range the set covers */
	size_t	 n, cap;
	bk_day	*days;		/* sorted, each once */
};
bk_day	bk_day_from_ymd(int y, int m, int d);
void	bk_day_to_ymd(bk_day, int *y, int *m, int *d);
int	bk_day_weekday(bk_day);	/* 0 Sunday .. 6 Saturday */
enum bk_err bk_day_parse(const char *iso, bk_day *);
void	bk_day_format(bk_day, char *buf, size_t size);
bk_day	bk_day_of(time_t);
void	bk_holidays_init(struct bk_holidays *, bk_day from, bk_day to);
enum bk_err bk_holidays_add(struct bk_holidays *, bk_day);
enum bk_err bk_holidays_add_recurring(struct bk_holidays *, bk_day first);
enum bk_err bk_holidays_load(struct bk_holidays *, bk_day from, bk_day to);
bool	bk_holidays_has(const struct bk_holidays *, bk_day);
void	bk_holidays_free(struct bk_holidays *);
bool	bk_is_workday(const struct bk_holidays *, bk_day);
bk_day	bk_workdays_add(const struct bk_holidays *, bk_day, int n);
int	bk_workdays_between(const struct bk_holidays *, bk_day a, bk_day b);
bk_day	bk_receipt_day(const struct bk_holidays *, time_t filed);

/* ---- sla.c: the clock of a request, the 75 % warning and the overdue notice ------------- */
struct bk_clock {
	char	 due[11];	/* YYYY-MM-DD, "" when the request has no clock */
	long long sla_days;
	long long paused_since;	/* Unix time the clock stopped, 0 when it runs */
	long long paused_days;
	bool	 warned, overdue;
};
enum bk_err bk_clock_load(long long request_id, struct bk_clock *);
enum bk_err bk_clock_start(const struct bk_process *, const struct bk_request *, time_t now);
enum bk_err bk_clock_pause(const struct bk_request *);
enum bk_err bk_clock_resume(const struct bk_request *, time_t now);
enum bk_err bk_clock_left(const char *due, time_t now, int *left, bool *overdue);
enum bk_err bk_sla_check(time_t now, int *warned, int *overdue);

/* ---- render.c: compiled stylesheets, one transform per page ------------------------ */
enum bk_sheet {
	SHEET_HOME, SHEET_CATALOGUE, SHEET_MANUAL, SHEET_ERROR, SHEET_LOGIN, SHEET_ACCOUNT,
	SHEET_REQUEST_FORM, SHEET_REQUEST, SHEET_QUEUE, SHEET_LOG, SHEET_MAIL, SHEET_JOBS,
	SHEET_HOLIDAYS, SHEET_ADMIN, SHEET_PUBLIC, SHEET_LMS,
	SHEET__COUNT
};
enum bk_err bk_render_init(const char *xslt_dir);
void	bk_render_free(void);
/* Transforms doc; *out is malloc'd (caller frees), *outlen its length. */
enum bk_err bk_render(enum bk_sheet, xmlDocPtr doc, const char *lang, const char *path,
    char **out, size_t *outlen);

/* Transforms doc; *res is the result tree (caller frees with xmlFreeDoc). */
enum bk_err bk_render_doc(enum bk_sheet, xmlDocPtr doc, const char *lang, xmlDocPtr *res);

/* ---- jobs.c: the durable job queue in MariaDB ------------------------------------- */
struct bk_job {
	long long id;
	char	 kind[41];
	char	*payload;	/* JSON, owned by the job (bk_job_free) */
	long long attempts;	/* including the one now running */
	long long max_attempts;
};
/* What a job's run came to. */
enum bk_job_result {
	BK_JOB_DONE,		/* finished: never run again */
	BK_JOB_RETRY,		/* a transient failure: run again after a back-off */
	BK_JOB_FAIL,		/* a permanent failure: dead at once */
};
struct bk_job_tuning {
	double	 backoff;	/* seconds before the 2nd attempt; doubles each time */
	double	 backoff_max;	/* cap of one back-off */
	long	 lease;		/* seconds a claim lasts before another runner may take it */
};
void	bk_job_tuning_read(struct bk_job_tuning *);
double	bk_job_backoff(const struct bk_job_tuning *, long long attempts, uint32_t random);
enum bk_err bk_job_enqueue(const char *kind, const char *idem_key, const char *payload,
	    int max_attempts, long long *id);
enum bk_err bk_job_claim(const char *kinds, const char *runner, struct bk_job *);
enum bk_err bk_job_finish(const struct bk_job *, const char *runner, enum bk_job_result,
	    double delay, const char *error, enum bk_err (*in_tx)(const struct bk_job *));
enum bk_err bk_job_requeue_stale(long lease, unsigned long long *count);
void	bk_job_free(struct bk_job *);

/* ---- mail.c: messages and SMTP through libcurl -------------------------------------- */
struct bk_mail_config {
	char	 url[512];	/* BORIKAN_SMTP_URL; "" when mail is not configured */
	char	 from[255];	/* BORIKAN_MAIL_FROM */
	char	 from_name[128];
	char	 base_url[256];	/* BORIKAN_BASE_URL, for links; no trailing slash */
	int	 use_ssl;	/* CURLUSESSL_*, from BORIKAN_SMTP_TLS: none, try, control, all */
	long	 timeout;	/* seconds for the whole exchange, BORIKAN_SMTP_TIMEOUT */
};
struct bk_outmail {
	long long id;
	char	 to[255];
	char	 to_name[801];
	char	 subject[4000];
	char	*text;
	char	*html;
	char	 message_id[191];
	char	 sent_at[27];
};
void	bk_mail_config_read(struct bk_mail_config *);
enum bk_err bk_mail_encode_word(const char *utf8, struct bk_buf *out);
bool	bk_mail_addr_ok(const char *);
void	bk_mail_message_id(const char *idem_key, const char *from, char *out, size_t size);
enum bk_err bk_mail_headers(const struct bk_mail_config *, const struct bk_outmail *,
	    time_t date, struct curl_slist **out);
enum bk_err bk_mail_send(void *curl, const struct bk_mail_config *, const struct bk_outmail *,
	    bool *permanent, char *err, size_t errsz);
enum bk_err bk_mail_queue(const struct bk_mail_config *, const char *idem_key,
	    const char *request, struct bk_outmail *);

/* ---- notify.c: the mails the engine sends, rendered by mail.xsl, queued -------------- */
enum bk_err bk_notify_step(const struct bk_process *, const struct bk_request *,
	    xmlNodePtr step, const char *prev_actor, long long event, const char *note);
enum bk_err bk_notify_requester(const struct bk_process *, const struct bk_request *,
	    const char *kind, long long event, const char *note);
enum bk_err bk_notify_sla(const struct bk_process *, const struct bk_request *,
	    const char *kind, long long event, const char *due, int days);
enum bk_err bk_notify_public(const struct bk_process *, const struct bk_request *,
	    const char *kind, const char *link, const char *code);

/* ---- token.c: the one-time links of a request (confirmation, survey) ------------------ */
#define BK_TOKEN_CHARS 52	/* 256 bits in lowercase base32 */
#define BK_CONFIRM_TTL (48 * 3600)
#define BK_SURVEY_TTL (30 * 24 * 3600)
struct bk_token {
	long long id;
	long long request_id;
	char	 purpose[8];
	long long expired;	/* 1 when past its expiry */
	long long used;		/* 1 when used */
	char	 number[64];	/* of the request, "" while unconfirmed */
	char	 status[12];
	char	 step[48];
	char	 process[48];
};
enum bk_err bk_token_key_init(const char *path);
bool	bk_token_hash(const char *token, unsigned char hash[32]);
enum bk_err bk_token_new(long long request_id, const char *purpose, long ttl,
	    char out[BK_TOKEN_CHARS + 1]);
enum bk_err bk_token_find(const unsigned char hash[32], bool lock, struct bk_token *);
enum bk_err bk_token_use(long long id);
enum bk_err bk_token_survey(long long request_id, char out[BK_TOKEN_CHARS + 1]);

/* ---- qr.c: a QR code as inline SVG ------------------------------------------------------ */
#define BK_QR_MARGIN 4		/* modules of quiet zone around the symbol */
xmlNodePtr bk_qr_svg(xmlNodePtr parent, const char *text, const char *label);

/* ---- runner.c: the job-runner process ---------------------------------------------- */
struct bk_config;
int	bk_runner_run(const struct bk_config *);
const char *bk_job_kind_name(size_t i);	/* the i-th kind runners know; NULL past the end */

/* ---- schedule.c: periodic jobs, each interval's queued once by whichever runner looks -- */
long	bk_sla_interval(void);
long long bk_schedule_slot(long long now, long interval);
void	bk_schedule_key(const char *task, long long slot, char *out, size_t size);
enum bk_err bk_schedule_tick(const char *task, const char *kind, long interval,
	    const char *runner, bool *queued);

/* ---- req.c: one request, its validated input and its response --------------------- */
#define BK_MAX_QUERY_KEYS 16
#define BK_MAX_FORM_KEYS 64
#define BK_MAX_FORM_BODY (64 * 1024)
struct bk_param {
	const char *key;
	char	*value;		/* decoded, valid UTF-8, no NUL */
};
/* The signed-in person of a request, from the session cookie (session.c). */
struct bk_session {
	bool	 valid;
	long long person_id;
	char	 username[65];
	char	 name_th[201];
	char	 name_en[201];
	char	 unit[41];
	char	 csrf[65];
	char	 roles[1024];	/* "role@unit role@unit ..." */
	unsigned char id_hash[32];
};
struct bk_req {
	struct FCGX_Request *fcgx;
	char	 id[17];	/* request id for logs */
	const char *method;
	char	 path[512];
	const char *query;
	const char *cookie;
	const char *accept_language;
	const char *if_none_match;
	bool	 head;
	char	 lang[3];
	bool	 lang_set;	/* ?lang= was given: remember it in a cookie */
	bool	 lang_bad;	/* ?lang= was given with a value that is no language */
	struct bk_param params[BK_MAX_QUERY_KEYS];
	size_t	 nparams;
	struct bk_param form[BK_MAX_FORM_KEYS];
	size_t	 nform;
	const char *remote_addr;
	bool	 https;
	struct bk_session sess;
	char	 capture[64];	/* the {code} of the matched route */
	char	 capture_id[20];	/* the {id} of the matched route (digits) */
	struct bk_upload *upload;	/* a multipart body (BK_F_MULTIPART routes); owned */
	int	 route;
	unsigned route_methods;	/* of a path that matched with another method (405) */
	/* response */
	int	 status;
	const char *ctype;
	const char *cache;	/* Cache-Control */
	char	 etag[24];
	char	 extra[4096];	/* further header lines, each ending in \r\n */
	size_t	 extralen;
	char	*body;		/* owned by the request unless body_static */
	size_t	 bodylen;
	bool	 body_static;
	bool	 streamed;	/* the handler wrote the response itself (bk_req_stream_head) */
};
enum bk_err bk_req_parse(struct bk_req *, struct FCGX_Request *);
void	bk_req_free(struct bk_req *);
const char *bk_req_param(const struct bk_req *, const char *key);
const char *bk_req_form(const struct bk_req *, const char *key);
/* Reads an urlencoded body: 0 on success, else the status to answer (400, 411, 413, 415). */
int	bk_req_read_form(struct bk_req *);
void	bk_req_redirect(struct bk_req *, const char *location);
void	bk_req_header(struct bk_req *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	bk_req_send(struct bk_req *);
void	bk_req_error(struct bk_req *, int status);
void	bk_req_page(struct bk_req *, int status, enum bk_sheet, xmlDocPtr);
void	bk_req_stream_head(struct bk_req *, int status);
enum bk_err bk_req_stream(struct bk_req *, const char *, size_t);

/* ---- multipart.c: a multipart/form-data body, streamed ---------------------------------- */
/* The body cap is nginx's client_max_body_size (nginx/borikan.conf.in): keep them equal. */
#define BK_MP_MAX_BODY (10 * 1024 * 1024)
#define BK_MP_MAX_FILE (10 * 1024 * 1024)
#define BK_MP_MAX_BOUNDARY 70	/* RFC 2046 */
#define BK_MP_MAX_PARTS 8
#define BK_MP_MAX_FIELD 8192	/* bytes of one text field: a note of 2,000 Thai characters */
#define BK_MP_MAX_NAME 31
#define BK_MP_MAX_FILENAME 1023	/* bytes, as sent; attach.c allows 200 characters */
#define BK_MP_MAX_HEADERS 4096	/* bytes of one part's headers */
#define BK_MP_CHUNK (64 * 1024)
enum bk_mp_err {
	BK_MP_OK = 0,
	BK_MP_NOT_MULTIPART,	/* 415 */
	BK_MP_NO_BOUNDARY,	/* 400 */
	BK_MP_BAD_BOUNDARY,	/* 400 */
	BK_MP_BOUNDARY_TOO_LONG, /* 400 */
	BK_MP_NO_NAME,		/* 400 */
	BK_MP_TOO_MANY_PARTS,	/* 400 */
	BK_MP_FIELD_TOO_LONG,	/* 413 */
	BK_MP_HEADER_TOO_LONG,	/* 400 */
	BK_MP_TOO_BIG,		/* 413: the body or the file past its cap */
	BK_MP_TRUNCATED,	/* 400: the body ended before the closing delimiter */
	BK_MP_MALFORMED,	/* 400 */
	BK_MP_TWO_FILES,	/* 400 */
	BK_MP_DUPLICATE,	/* 400: a text field given twice */
	BK_MP_NO_LENGTH,	/* 411 */
	BK_MP_IO,		/* 500 */
	BK_MP_NOMEM,		/* 500 */
};
struct bk_upload {
	/* the text fields (csrf, version, note...), each valid UTF-8 without NUL */
	struct bk_param fields[BK_MP_MAX_PARTS];
	size_t	 nfields;
	/* the file part, if one was sent; an empty filename means no file was chosen */
	bool	 has_file;
	bool	 file_done;
	char	 file_field[BK_MP_MAX_NAME + 1];
	char	 filename[BK_MP_MAX_FILENAME + 1];	/* as sent: attach.c validates it */
	char	 tmppath[600];	/* the temporary file ("" when none); removed by bk_mp_free */
	size_t	 size;
	unsigned char sha256[32];
	unsigned char head[64];	/* the first bytes, for the type check */
	size_t	 headlen;
	bool	 utf8;		/* the whole content is valid UTF-8 without NUL */
	/* parser state */
	const char *tmpdir;
	size_t	 max_body, total;
	int	 state, fd;
	enum bk_mp_err err;
	bool	 complete;
	char	 delim[BK_MP_MAX_BOUNDARY + 5];
	size_t	 dlen, m;
	size_t	 nparts;
	char	 part_name[BK_MP_MAX_NAME + 1];
	bool	 part_seen_disposition;
	char	 part_kind;	/* 'v' text field, 'f' file, 'x' an empty file input */
	char	 hbuf[2048];
	size_t	 hlen, htotal, vlen;
	unsigned u8need;
	unsigned char u8lo, u8hi;
	unsigned char obuf[BK_MP_CHUNK];
	size_t	 olen;
	crypto_hash_sha256_state hash;
};
enum bk_mp_err bk_mp_begin(struct bk_upload *, const char *content_type, const char *tmpdir);
enum bk_mp_err bk_mp_feed(struct bk_upload *, const void *, size_t);
enum bk_mp_err bk_mp_finish(struct bk_upload *);
void	bk_mp_free(struct bk_upload *);
int	bk_mp_status(enum bk_mp_err);
const char *bk_mp_reason(enum bk_mp_err);
int	bk_req_read_multipart(struct bk_req *, const char *tmpdir);

/* ---- attach.c: the attachment store and the checks of a file ------------------------------ */
#define BK_ATTACH_MAX_PER_REQUEST 20
#define BK_ATTACH_MAX_NAME_CHARS 200
enum bk_err bk_attach_init(const char *dir);
const char *bk_attach_dir(void);
const char *bk_attach_tmpdir(void);
const char *bk_attach_type(const unsigned char *head, size_t headlen, size_t size, bool utf8,
	    const char *filename);
const char *bk_attach_known_type(const char *type);
bool	bk_attach_name_ok(const char *filename);
enum bk_err bk_attach_store(const char *tmppath, const unsigned char sha256[32]);
enum bk_err bk_content_disposition(const char *filename, char *out, size_t size);

/* ---- session.c ------------------------------------------------------------------------ */
#define BK_SESSION_IDLE (2 * 3600)
#define BK_SESSION_MAX (12 * 3600)
enum bk_err bk_session_load(struct bk_req *);
enum bk_err bk_session_create(struct bk_req *, long long person_id);
void	bk_session_destroy(struct bk_req *);
bool	bk_session_has_role(const struct bk_req *, const char *role);
bool	bk_csrf_ok(const struct bk_req *);
bool	bk_precsrf_ok(const struct bk_req *);
void	bk_precsrf_issue(struct bk_req *, char *token, size_t size);

/* ---- router.c ------------------------------------------------------------------------ */
#define BK_GET	0x1
#define BK_POST	0x2
/* Route flags: what the router checks before the handler runs. */
#define BK_F_SESSION	0x01	/* read the session cookie */
#define BK_F_LOGIN	0x02	/* a signed-in person only; others go to /login */
#define BK_F_CSRF	0x04	/* a POST's csrf field must match the session's */
#define BK_F_PRECSRF	0x08	/* a POST before sign-in: csrf field matches its cookie */
#define BK_F_MULTIPART	0x10	/* a POST's body is multipart/form-data, read after sign-in */
#define BK_F_ANYCSRF	0x20	/* a POST's csrf field: the session's if signed in, else the
				   pre-sign-in cookie's (routes open to visitors; with BK_F_SESSION) */
typedef void bk_handler(struct bk_req *);
struct bk_route {
	const char *name;	/* metrics label */
	unsigned methods;
	const char *pattern;	/* literal, with at most one {code} and one {id} segment */
	const char *const *keys; /* accepted query keys; NULL-terminated */
	bk_handler *fn;
	unsigned flags;
	const char *role;	/* a role the person must hold, or NULL */
};
extern const struct bk_route bk_routes[];
extern const size_t bk_nroutes;
#define BK_ROUTE_NONE ((int)bk_nroutes)
void	bk_route(struct bk_req *);

/* ---- handlers ------------------------------------------------------------------------ */
void	h_home(struct bk_req *);
void	h_catalogue(struct bk_req *);
void	h_manual(struct bk_req *);
void	h_definition(struct bk_req *);
void	h_healthz(struct bk_req *);
void	h_metrics(struct bk_req *);
void	h_login_form(struct bk_req *);
void	h_login(struct bk_req *);
void	h_logout(struct bk_req *);
void	h_account(struct bk_req *);
void	h_password(struct bk_req *);
void	h_request_form(struct bk_req *);
void	h_request_submit(struct bk_req *);
void	h_request_view(struct bk_req *);
void	h_request_act(struct bk_req *);
void	h_queue(struct bk_req *);
void	h_log(struct bk_req *);
void	h_log_csv(struct bk_req *);
void	h_jobs(struct bk_req *);
void	h_job_retry(struct bk_req *);
void	h_holidays(struct bk_req *);
void	h_holidays_post(struct bk_req *);
void	h_attachment_upload(struct bk_req *);
void	h_admin_index(struct bk_req *);
void	h_admin_units(struct bk_req *);
void	h_admin_units_post(struct bk_req *);
void	h_admin_people(struct bk_req *);
void	h_admin_people_post(struct bk_req *);
void	h_attachment_get(struct bk_req *);
void	h_public_form(struct bk_req *, const struct bk_process *);
void	h_public_submit(struct bk_req *, const struct bk_process *);
void	h_confirm(struct bk_req *);
void	h_track(struct bk_req *);
void	h_survey(struct bk_req *);
void	h_survey_post(struct bk_req *);
void	h_lms(struct bk_req *);
void	h_lms_post(struct bk_req *);
void	h_lms_test(struct bk_req *);
void	bk_survey_xml(xmlNodePtr parent, const struct bk_process *, const struct bk_request *);
void	bk_request_form_page(struct bk_req *, int status, const struct bk_process *,
	    struct json_t *values, const struct bk_field_error *, size_t nerr,
	    const char *submission, const char *const requester[3]);
xmlNodePtr bk_request_form_of(const struct bk_process *);
enum bk_err bk_request_next_number(const struct bk_process *, char *number, size_t size);
void	bk_tracking_code(char *code, size_t size, unsigned char hash[32]);
void	bk_attachments_xml(xmlNodePtr parent, const struct bk_request *, const struct bk_req *);
void	bk_request_page(struct bk_req *, int status, const struct bk_process *,
	    const struct bk_request *, const char *error);
xmlDocPtr bk_page_new(const char *name, xmlNodePtr *root);
void	bk_page_session(struct bk_req *, xmlNodePtr root);
void	bk_page_cache_clear(void);

/* ---- worker.c ------------------------------------------------------------------------ */
struct bk_config {
	char	 root[512];	/* where xslt/ lives */
	char	 socket[256];	/* FastCGI socket path */
	int	 workers;
	int	 runners;	/* job-runner processes */
	char	 user[64];	/* drop to this user when started as root */
	char	 group[64];	/* nginx's group: may connect to the socket */
	char	 files[512];	/* the attachment store (BORIKAN_FILES) */
	struct bk_db_config db;
	int	 verbose;
};
int	bk_worker_run(const struct bk_config *, int listen_fd);

/* ---- fiscal.c: Thai dates, the fiscal year, working days ------------------------------ */
#define BK_THAI_UTC_OFFSET (7 * 3600)	/* Thailand: UTC+7 all year */
int	bk_fiscal_year(time_t);
int	bk_fiscal_year_of(const char *ymd);
void	bk_thai_date(time_t, char out[11]);
void	bk_fiscal_bounds(int fiscal_year, char start[20], char end[20]);
/* Counts working days through h (the calendar's holidays; NULL: weekends only). */
int	bk_within_limit(const char *filed, const char *closed, long working_days,
	    const char *today, const struct bk_holidays *h);

/* ---- csv.c: RFC 4180 cells that spreadsheets do not run ------------------------------- */
enum bk_err bk_csv_cell(struct bk_buf *, const char *value, bool first);
enum bk_err bk_csv_row_end(struct bk_buf *);

/* ---- memo.c: the memo registers of the records office --------------------------------- */
#define BK_MEMO_NUMBER_MAX_CHARS 60
#define BK_MEMO_FORMAT_MAX 100
bool	bk_memo_format_ok(const char *format);
enum bk_err bk_memo_format_apply(const char *format, long long seq, int fiscal_year,
	    char *out, size_t size);
bool	bk_memo_number_ok(const char *number);
enum bk_err bk_memo_incoming(const struct bk_request *, long long person, const char *number);
enum bk_err bk_memo_outgoing(const struct bk_request *, long long person, char *number,
	    size_t size);
void	bk_memo_xml(xmlNodePtr parent, long long request_id);

#endif
