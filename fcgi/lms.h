/*
 * lms.h: the header of the LMS area: the careful HTTP client (http_client.c), the
 * encrypted secrets (secret.c), the connection settings of an LMS site (lms_site.c),
 * Moodle's REST web services (lms_moodle.c) and OneRoster 1.1 (roster_oneroster.c).
 *
 * Include it after borikan.h (enum bk_err, struct bk_buf); it includes nothing itself.
 * Ownership rule as in borikan.h: a function that returns a pointer says who frees it.
 */
#ifndef BORIKAN_LMS_H
#define BORIKAN_LMS_H

/* ---- http_client.c: one libcurl handle per process, https only ----------------------- */

/*
 * What an outside HTTP call came to: one enum for every failure, so the job code can
 * classify (INTEGRATIONS.md E.3) with bk_http_class(). Never shown raw to a user: the
 * pages show bk_http_errname()'s key through the catalogue.
 */
enum bk_http_err {
	BK_HTTP_OK = 0,
	BK_HTTP_URL,		/* the URL is malformed or not allowed (scheme, host, user) */
	BK_HTTP_DNS,		/* the host name does not resolve */
	BK_HTTP_CONNECT,	/* connection refused or the host unreachable */
	BK_HTTP_TIMEOUT,	/* connect, total or low-speed time limit passed */
	BK_HTTP_TLS,		/* TLS handshake or certificate verification failed */
	BK_HTTP_RESET,		/* the connection broke: reset, empty reply, partial body */
	BK_HTTP_TOO_BIG,	/* the response passed its size cap */
	BK_HTTP_REDIRECT,	/* a 3xx: never followed; the Location host is reported */
	BK_HTTP_STATUS_4XX,	/* the server answered 4xx */
	BK_HTTP_STATUS_5XX,	/* the server answered 5xx */
	BK_HTTP_NOT_JSON,	/* the body is not the JSON the protocol promises */
	BK_HTTP_REMOTE,		/* the service answered its error object: see code */
	BK_HTTP_NOMEM,		/* an allocation failed here */
	BK_HTTP_OTHER,		/* any other libcurl failure */
};

/* What the job code does about a failure (E.3). */
enum bk_http_class {
	BK_HTTP_DONE,		/* no failure */
	BK_HTTP_TRANSIENT,	/* back off and try again (re-read before redoing a create) */
	BK_HTTP_PERMANENT,	/* this call will fail the same way: report it, no retry */
	BK_HTTP_CONFIG,		/* the connection settings are wrong: abort the run, alert */
};

/* The outcome of one call, with what the page and the job code need to say why. */
struct bk_http_result {
	enum bk_http_err err;
	long	 status;	/* the HTTP status, 0 when none came */
	char	 code[64];	/* the service's error code (Moodle errorcode, OneRoster
				   codeMinor), [A-Za-z0-9_.-] only; "" when none */
	char	 host[256];	/* BK_HTTP_REDIRECT: the Location's host */
	long	 retry_after;	/* seconds of a Retry-After header, 0 when none */
	bool	 auth;		/* OneRoster: the failure came from the OAuth token endpoint */
};

#define BK_HTTP_MAX_BODY (8 * 1024 * 1024)	/* default cap of a response body */
#define BK_HTTP_MAX_URL 2000

/* One request. Strings are borrowed for the duration of the call. */
struct bk_http_call {
	const char *method;		/* "GET" or "POST" */
	struct Curl_URL *url;		/* from bk_url_base(); borrowed */
	const char *ctype;		/* the body's Content-Type (POST) */
	const char *body;		/* POST body, or NULL */
	size_t	 bodylen;
	const char *authorization;	/* the value of an Authorization header, or NULL */
	size_t	 max_body;		/* 0: BK_HTTP_MAX_BODY */
	long	 connect_ms;		/* 0: 5,000 */
	long	 total_ms;		/* 0: 30,000 */
};
struct bk_http_response {
	long	 status;
	struct bk_buf body;		/* capped; free with bk_http_response_free */
	long long total_count;		/* X-Total-Count, -1 when absent */
	bool	 has_link;		/* a Link header came */
	bool	 link_next;		/* ... with rel="next" */
	long	 retry_after;
};

bool	bk_http_loopback_allowed(void);	/* BORIKAN_ALLOW_HTTP_LOOPBACK=1 */
bool	bk_http_host_is_loopback(const char *host);
enum bk_http_err bk_url_base(const char *base, bool allow_http_loopback,
	    struct Curl_URL **out);
enum bk_http_err bk_url_path(struct Curl_URL *, const char *path);
enum bk_http_err bk_url_segment(struct Curl_URL *, const char *raw);
enum bk_http_err bk_url_query(struct Curl_URL *, const char *key, const char *value);
void	bk_url_free(struct Curl_URL *);
char	*bk_url_string(struct Curl_URL *);
enum bk_err bk_form_add(struct bk_buf *, const char *key, const char *value);
void	bk_buf_wipe(struct bk_buf *);
enum bk_http_err bk_http_from_curl(int curlcode, bool too_big);
enum bk_http_err bk_http_from_status(long status);
enum bk_http_class bk_http_class(enum bk_http_err, long status);
const char *bk_http_errname(enum bk_http_err);
enum bk_http_err bk_http_perform(const struct bk_http_call *, struct bk_http_response *,
	    struct bk_http_result *);
void	bk_http_response_free(struct bk_http_response *);
void	bk_http_cleanup(void);

/* ---- secret.c: secrets at rest, sealed with the server's secret key ------------------ */
#define BK_SECRET_MAX 512	/* bytes of a secret in the clear */
#define BK_SECRET_SEALED_MAX 800	/* characters of its sealed, base64 form */
enum bk_err bk_secret_key_init(const char *path);
enum bk_err bk_secret_seal(const char *plain, char *out, size_t size);
enum bk_err bk_secret_open(const char *sealed, char *out, size_t size);

/* ---- lms_site.c: the connection settings of an LMS site ------------------------------ */
#define BK_LMS_URL_MAX 500
#define BK_LMS_DEFAULT_SCOPE "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly"
struct bk_lms_site {
	long long id;
	char	 name[401];
	char	 moodle_url[BK_LMS_URL_MAX + 1];
	char	 moodle_token[BK_SECRET_MAX + 1];	/* in the clear: bk_lms_site_wipe */
	char	 roster_base_url[BK_LMS_URL_MAX + 1];
	char	 roster_token_url[BK_LMS_URL_MAX + 1];
	char	 roster_client_id[801];
	char	 roster_secret[BK_SECRET_MAX + 1];	/* in the clear: bk_lms_site_wipe */
	char	 roster_scope[BK_LMS_URL_MAX + 1];
};
enum bk_err bk_lms_site_load(long long id, struct bk_lms_site *);
void	bk_lms_site_wipe(struct bk_lms_site *);

/* ---- lms_moodle.c: Moodle's REST web services --------------------------------------- */
/* Adds a function's parameters to a form body (bk_form_add); BK_OK or the failure. */
typedef enum bk_err bk_moodle_params(struct bk_buf *body, void *arg);
#define BK_MOODLE_MAX_MISSING 16
struct bk_moodle_info {
	char	 sitename[256];
	char	 release[64];
	char	 username[101];
	long long userid;
	int	 nmissing;	/* needed functions the token's service lacks */
	char	 missing[BK_MOODLE_MAX_MISSING][48];
};
extern const char *const bk_moodle_needed[];	/* NULL-terminated (E.2) */
enum bk_http_err bk_moodle_call(const struct bk_lms_site *, const char *function,
	    bk_moodle_params *, void *arg, long total_ms, struct json_t **out,
	    struct bk_http_result *);
enum bk_http_err bk_moodle_error_of(struct json_t *, struct bk_http_result *);
enum bk_http_err bk_moodle_site_info(const struct bk_lms_site *, long total_ms,
	    struct bk_moodle_info *, struct bk_http_result *);

/* ---- roster_oneroster.c: OneRoster 1.1 REST with OAuth 2 client credentials --------- */
#define BK_ROSTER_PREFIX "ims/oneroster/v1p1"
enum bk_http_err bk_roster_get(const struct bk_lms_site *, const char *path,
	    const char *const *query, long total_ms, struct json_t **out,
	    struct bk_http_response *, struct bk_http_result *);
enum bk_http_err bk_roster_terms(const struct bk_lms_site *, long total_ms, long *count,
	    struct bk_http_result *);
void	bk_roster_forget_token(void);
enum bk_err bk_roster_basic(const char *id, const char *secret, char *out, size_t size);

/* ---- lms_course.c: the job kind "lms-course" (find or create category and course) -- */
struct bk_lms_course_keys {
	char	 cat_idnumber[64];
	char	 cat_name[64];
	char	 idnumber[64];
	char	 shortname[64];
	char	 fullname[255];
	long long startdate;	/* Unix time */
	char	 why[300];	/* BK_EINVAL: what is wrong, Thai / English */
};
enum bk_err bk_lms_course_keys(const char *code, const char *term, const char *faculty,
	    const char *title, struct bk_lms_course_keys *);
enum bk_job_result bk_lms_course_run(const struct bk_job *, char *err, size_t errsz);
enum bk_err bk_lms_course_done(const struct bk_job *);

#endif
