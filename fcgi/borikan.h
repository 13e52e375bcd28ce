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

#include <libxml/tree.h>

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

/* ---- metrics.c: counters in memory shared by the master and its workers ----------- */
enum bk_err bk_metrics_create(void);
void	bk_metrics_request(int route, int status, double seconds);
void	bk_metrics_render(double seconds);
void	bk_metrics_worker_restart(void);
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
	STMT_PROCESS_SHA,
	STMT__COUNT
};
enum bk_err bk_db_open(const struct bk_db_config *);
void	bk_db_close(void);
enum bk_err bk_db_ping(void);
struct st_mysql_stmt *bk_db_stmt(enum bk_stmt);
enum bk_err bk_db_begin(void);
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

/* ---- render.c: compiled stylesheets, one transform per page ------------------------ */
enum bk_sheet { SHEET_HOME, SHEET_CATALOGUE, SHEET_MANUAL, SHEET_ERROR, SHEET__COUNT };
enum bk_err bk_render_init(const char *xslt_dir);
void	bk_render_free(void);
/* Transforms doc; *out is malloc'd (caller frees), *outlen its length. */
enum bk_err bk_render(enum bk_sheet, xmlDocPtr doc, const char *lang, const char *path,
    char **out, size_t *outlen);

/* ---- req.c: one request, its validated input and its response --------------------- */
#define BK_MAX_QUERY_KEYS 16
struct bk_param {
	const char *key;
	char	*value;		/* decoded, valid UTF-8, no NUL */
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
	char	 capture[64];	/* the {code} of the matched route */
	int	 route;
	/* response */
	int	 status;
	const char *ctype;
	const char *cache;	/* Cache-Control */
	char	 etag[24];
	char	 extra[512];	/* further header lines, each ending in \r\n */
	size_t	 extralen;
	char	*body;		/* owned by the request unless body_static */
	size_t	 bodylen;
	bool	 body_static;
};
enum bk_err bk_req_parse(struct bk_req *, struct FCGX_Request *);
void	bk_req_free(struct bk_req *);
const char *bk_req_param(const struct bk_req *, const char *key);
void	bk_req_header(struct bk_req *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void	bk_req_send(struct bk_req *);
void	bk_req_error(struct bk_req *, int status);
void	bk_req_page(struct bk_req *, int status, enum bk_sheet, xmlDocPtr);

/* ---- router.c ------------------------------------------------------------------------ */
#define BK_GET	0x1
#define BK_POST	0x2
typedef void bk_handler(struct bk_req *);
struct bk_route {
	const char *name;	/* metrics label */
	unsigned methods;
	const char *pattern;	/* literal, with at most one {code} segment */
	const char *const *keys; /* accepted query keys; NULL-terminated */
	bk_handler *fn;
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
void	bk_page_cache_clear(void);

/* ---- worker.c ------------------------------------------------------------------------ */
struct bk_config {
	char	 root[512];	/* where xslt/ lives */
	char	 socket[256];	/* FastCGI socket path */
	int	 workers;
	char	 user[64];	/* drop to this user when started as root */
	char	 group[64];	/* nginx's group: may connect to the socket */
	struct bk_db_config db;
	int	 verbose;
};
int	bk_worker_run(const struct bk_config *, int listen_fd);

#endif
