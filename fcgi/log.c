/*
 * log.c: one line per event on stderr; the master's stderr is the operator's log.
 * libxml2 and libxslt errors are routed here too, so nothing reaches a client.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlerror.h>
#include <libxslt/xsltutils.h>

#include "borikan.h"

static const char *log_prog = "borikan";
static int log_verbose;

void
bk_log_init(const char *prog, int verbose)
{
	log_prog = prog;
	log_verbose = verbose;
}

void
bk_vlog(enum bk_level level, const char *fmt, va_list ap)
{
	static const char *names[] = { "error", "warn", "info", "debug" };
	char line[2048], stamp[32];
	struct timespec ts;
	struct tm tm;
	int n;

	if (level == BK_LOG_DEBUG && !log_verbose)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	n = snprintf(line, sizeof(line), "%s.%03ldZ %s[%d] %s: ", stamp,
	    ts.tv_nsec / 1000000, log_prog, (int)getpid(), names[level]);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	/* One event, one line: fold any newline a library put in its message. */
	for (char *p = line; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "%s\n", line);
}

void
bk_log(enum bk_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bk_vlog(level, fmt, ap);
	va_end(ap);
}

/* libxml2 hands us messages in pieces; collect until the newline. */
static void
xml_generic_error(void *ctx, const char *fmt, ...)
{
	static char pending[1024];
	static size_t plen;
	va_list ap;
	int n;

	(void)ctx;
	va_start(ap, fmt);
	n = vsnprintf(pending + plen, sizeof(pending) - plen, fmt, ap);
	va_end(ap);
	if (n > 0)
		plen += (size_t)n < sizeof(pending) - plen ? (size_t)n : sizeof(pending) - plen - 1;
	if (plen > 0 && (pending[plen - 1] == '\n' || plen >= sizeof(pending) - 1)) {
		while (plen > 0 && pending[plen - 1] == '\n')
			pending[--plen] = '\0';
		if (plen > 0)
			bk_log(BK_LOG_WARN, "libxml: %s", pending);
		plen = 0;
		pending[0] = '\0';
	}
}

void
bk_log_route_xml_errors(void)
{
	xmlSetGenericErrorFunc(NULL, xml_generic_error);
	xsltSetGenericErrorFunc(NULL, xml_generic_error);
}

const char *
bk_strerror(enum bk_err e)
{
	switch (e) {
	case BK_OK: return "ok";
	case BK_ENOMEM: return "out of memory";
	case BK_EINVAL: return "invalid input";
	case BK_ETOOBIG: return "too big";
	case BK_ENOTFOUND: return "not found";
	case BK_EDB: return "database error";
	case BK_EXML: return "XML error";
	case BK_EIO: return "I/O error";
	case BK_ERETRY: return "transaction to be retried";
	}
	return "unknown error";
}
