/*
 * render.c: the worker's compiled stylesheets and the one transform of a page.
 *
 * Stylesheets are compiled once per worker; a reload starts new workers, which compile
 * afresh. The security preferences forbid every file write and all network access
 * during a transform; reading is allowed only while the stylesheets themselves load.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>
#include <libxslt/security.h>
#include <libxslt/variables.h>
#include <libexslt/exslt.h>

#include "borikan.h"

static const char *const sheet_files[SHEET__COUNT] = {
	[SHEET_HOME] = "home.xsl",
	[SHEET_CATALOGUE] = "catalogue.xsl",
	[SHEET_MANUAL] = "manual.xsl",
	[SHEET_ERROR] = "error.xsl",
	[SHEET_LOGIN] = "login.xsl",
	[SHEET_ACCOUNT] = "account.xsl",
	[SHEET_REQUEST_FORM] = "request-form.xsl",
	[SHEET_REQUEST] = "request.xsl",
	[SHEET_QUEUE] = "queue.xsl",
	[SHEET_LOG] = "log.xsl",
	[SHEET_MAIL] = "mail.xsl",
	[SHEET_JOBS] = "jobs.xsl",
	[SHEET_HOLIDAYS] = "holidays.xsl",
	[SHEET_PUBLIC] = "public.xsl",
};

static xsltStylesheetPtr sheets[SHEET__COUNT];
static xsltSecurityPrefsPtr prefs;

static int
deny(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	bk_log(BK_LOG_WARN, "xslt: refused access to %s", value != NULL ? value : "?");
	return 0;
}

/* Compiles every page stylesheet in xslt_dir. Start-up only: failures are fatal. */
enum bk_err
bk_render_init(const char *xslt_dir)
{
	char path[1024];

	exsltRegisterAll();
	xmlSubstituteEntitiesDefault(0);
	xmlLoadExtDtdDefaultValue = 0;
	for (size_t i = 0; i < SHEET__COUNT; i++) {
		xmlDocPtr doc;

		if ((size_t)snprintf(path, sizeof(path), "%s/%s", xslt_dir, sheet_files[i]) >=
		    sizeof(path))
			return BK_ETOOBIG;
		doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
		if (doc == NULL) {
			bk_log(BK_LOG_ERR, "%s: cannot read stylesheet", path);
			return BK_EXML;
		}
		if ((sheets[i] = xsltParseStylesheetDoc(doc)) == NULL) {
			xmlFreeDoc(doc);
			bk_log(BK_LOG_ERR, "%s: stylesheet does not compile", path);
			return BK_EXML;
		}
	}
	if ((prefs = xsltNewSecurityPrefs()) == NULL)
		return BK_ENOMEM;
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, deny);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE, deny);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY, deny);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK, deny);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK, deny);
	return BK_OK;
}

void
bk_render_free(void)
{
	for (size_t i = 0; i < SHEET__COUNT; i++) {
		if (sheets[i] != NULL)
			xsltFreeStylesheet(sheets[i]);
		sheets[i] = NULL;
	}
	if (prefs != NULL)
		xsltFreeSecurityPrefs(prefs);
	prefs = NULL;
}

/*
 * Transforms doc with the stylesheet which, passing lang. On BK_OK *res is the result
 * tree, which the caller frees with xmlFreeDoc.
 */
enum bk_err
bk_render_doc(enum bk_sheet which, xmlDocPtr doc, const char *lang, xmlDocPtr *res)
{
	xsltTransformContextPtr tc;
	enum bk_err rc = BK_EXML;

	*res = NULL;
	if ((tc = xsltNewTransformContext(sheets[which], doc)) == NULL)
		return BK_ENOMEM;
	xsltSetCtxtSecurityPrefs(prefs, tc);
	if (xsltQuoteOneUserParam(tc, BAD_CAST "lang", BAD_CAST lang) != 0)
		goto out;
	*res = xsltApplyStylesheetUser(sheets[which], doc, NULL, NULL, NULL, tc);
	if (*res == NULL || tc->state != XSLT_STATE_OK) {
		bk_log(BK_LOG_ERR, "xslt: %s failed", sheet_files[which]);
		if (*res != NULL)
			xmlFreeDoc(*res);
		*res = NULL;
		goto out;
	}
	rc = BK_OK;
out:
	xsltFreeTransformContext(tc);
	return rc;
}

/*
 * Transforms doc with the page stylesheet, passing lang and path as string parameters.
 * On BK_OK *out is a malloc'd buffer of *outlen bytes that the caller frees.
 */
enum bk_err
bk_render(enum bk_sheet which, xmlDocPtr doc, const char *lang, const char *path,
    char **out, size_t *outlen)
{
	xsltTransformContextPtr tc = NULL;
	xmlDocPtr res = NULL;
	xmlChar *bytes = NULL;
	int len = 0;
	enum bk_err rc = BK_EXML;
	double t0 = bk_now();

	*out = NULL;
	*outlen = 0;
	if ((tc = xsltNewTransformContext(sheets[which], doc)) == NULL)
		return BK_ENOMEM;
	xsltSetCtxtSecurityPrefs(prefs, tc);
	/* xsltQuoteOneUserParam quotes the value: no XPath injection. */
	if (xsltQuoteOneUserParam(tc, BAD_CAST "lang", BAD_CAST lang) != 0 ||
	    xsltQuoteOneUserParam(tc, BAD_CAST "path", BAD_CAST path) != 0)
		goto out;
	res = xsltApplyStylesheetUser(sheets[which], doc, NULL, NULL, NULL, tc);
	if (res == NULL || tc->state != XSLT_STATE_OK) {
		bk_log(BK_LOG_ERR, "xslt: %s failed", sheet_files[which]);
		goto out;
	}
	if (xsltSaveResultToString(&bytes, &len, res, sheets[which]) != 0 || bytes == NULL) {
		bk_log(BK_LOG_ERR, "xslt: %s: cannot serialise", sheet_files[which]);
		goto out;
	}
	/* libxml2 allocates with malloc by default; the caller frees with free(). */
	*out = (char *)bytes;
	*outlen = (size_t)len;
	bytes = NULL;
	rc = BK_OK;
out:
	xmlFree(bytes);
	if (res != NULL)
		xmlFreeDoc(res);
	xsltFreeTransformContext(tc);
	bk_metrics_render(bk_now() - t0);
	return rc;
}
