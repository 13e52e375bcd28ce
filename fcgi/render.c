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
#include <libxml/hash.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>

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
	[SHEET_ADMIN] = "admin.xsl",
	[SHEET_PUBLIC] = "public.xsl",
	[SHEET_LMS] = "lms.xsl",
};

static xsltStylesheetPtr sheets[SHEET__COUNT];
static xsltSecurityPrefsPtr prefs;

static int
deny(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	bk_log(BK_LOG_WARN, "xslt: refused access to %s", value != NULL ? value : "?");
	return 0;
}

/*
 * The message catalogue (xslt/i18n.xsl), read once per worker into one hash table per
 * language, and the XPath function bki:msg(lang, key) the stylesheets call: a look-up
 * instead of building the catalogue as a tree in every transform (it was most of the
 * cost of a small page).
 */
#define I18N_NS "urn:borikan:i18n"
static xmlHashTablePtr msgs[2];		/* th, en */

static void
msg_dealloc(void *payload, const xmlChar *name)
{
	(void)name;
	xmlFree(payload);
}

static void
i18n_free(void)
{
	for (int i = 0; i < 2; i++) {
		if (msgs[i] != NULL)
			xmlHashFree(msgs[i], msg_dealloc);
		msgs[i] = NULL;
	}
}

/* Adds every <m k="…"> under block to table. */
static enum bk_err
i18n_block(xmlNodePtr block, xmlHashTablePtr table)
{
	for (xmlNodePtr m = block->children; m != NULL; m = m->next) {
		xmlChar *k, *v;
		if (m->type != XML_ELEMENT_NODE || xmlStrcmp(m->name, BAD_CAST "m") != 0)
			continue;
		k = xmlGetProp(m, BAD_CAST "k");
		v = xmlNodeGetContent(m);
		if (k == NULL || v == NULL || xmlHashAddEntry(table, k, v) != 0) {
			xmlFree(k);
			xmlFree(v);
			return BK_EXML;	/* a duplicate key is a mistake in the catalogue */
		}
		xmlFree(k);
	}
	return BK_OK;
}

static enum bk_err
i18n_load(const char *path)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNodePtr when = NULL, otherwise = NULL;	/* the Thai and English blocks */
	enum bk_err e = BK_EXML;

	if (doc == NULL)
		return BK_EXML;
	/* bki:catalogue/bki:block[@lang='th'] and [@lang='en'], at the top of the stylesheet. */
	for (xmlNodePtr c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, BAD_CAST "catalogue") != 0)
			continue;
		for (xmlNodePtr b = c->children; b != NULL; b = b->next) {
			xmlChar *lang;
			if (b->type != XML_ELEMENT_NODE || xmlStrcmp(b->name, BAD_CAST "block") != 0)
				continue;
			lang = xmlGetProp(b, BAD_CAST "lang");
			if (lang != NULL && xmlStrcmp(lang, BAD_CAST "th") == 0)
				when = b;
			else if (lang != NULL && xmlStrcmp(lang, BAD_CAST "en") == 0)
				otherwise = b;
			xmlFree(lang);
		}
	}
	if (when != NULL && otherwise != NULL && (msgs[0] = xmlHashCreate(512)) != NULL &&
	    (msgs[1] = xmlHashCreate(512)) != NULL && i18n_block(when, msgs[0]) == BK_OK &&
	    i18n_block(otherwise, msgs[1]) == BK_OK)
		e = BK_OK;
	xmlFreeDoc(doc);
	if (e != BK_OK) {
		bk_log(BK_LOG_ERR, "%s: cannot read the message catalogue", path);
		i18n_free();
	}
	return e;
}

/* bki:msg(lang, key): the text of key in lang ('en', else Thai); the key itself if none. */
static void
i18n_msg(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *key, *lang;
	const xmlChar *hit;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	key = xmlXPathPopString(ctxt);
	lang = xmlXPathPopString(ctxt);
	hit = key != NULL ? xmlHashLookup(msgs[lang != NULL &&
	    xmlStrcmp(lang, BAD_CAST "en") == 0 ? 1 : 0], key) : NULL;
	valuePush(ctxt, xmlXPathNewString(hit != NULL ? hit : key != NULL ? key : BAD_CAST ""));
	xmlFree(key);
	xmlFree(lang);
}

/* Compiles every page stylesheet in xslt_dir. Start-up only: failures are fatal. */
enum bk_err
bk_render_init(const char *xslt_dir)
{
	char path[1024];

	exsltRegisterAll();
	if ((size_t)snprintf(path, sizeof(path), "%s/i18n.xsl", xslt_dir) >= sizeof(path) ||
	    i18n_load(path) != BK_OK)
		return BK_EXML;
	xsltRegisterExtModuleFunction(BAD_CAST "msg", BAD_CAST I18N_NS, i18n_msg);
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
	xsltUnregisterExtModuleFunction(BAD_CAST "msg", BAD_CAST I18N_NS);
	i18n_free();
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
