/*
 * lms_moodle.c: Moodle 4.1's REST web services (INTEGRATIONS.md A.0-A.2).
 *
 * Every call is POST {moodle_url}/webservice/rest/server.php, form-encoded, with the
 * token in the BODY (never the URL, which access logs keep), wsfunction and
 * moodlewsrestformat=json, then the function's parameters in PHP bracket syntax. Moodle
 * answers its errors with HTTP 200 and {"exception","errorcode","message"}: we branch
 * on errorcode only (message is localised, never parsed).
 */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "borikan.h"
#include "lms.h"

#define MAX_FORM_BODY (4 * 1024 * 1024)

/* The functions the provisioning calls (E.2): the token's service must offer them all. */
const char *const bk_moodle_needed[] = {
	"core_webservice_get_site_info",
	"core_course_get_categories",
	"core_course_create_categories",
	"core_course_get_courses_by_field",
	"core_course_create_courses",
	"core_course_update_courses",
	"core_user_get_users_by_field",
	"core_user_create_users",
	"core_user_update_users",
	"enrol_manual_enrol_users",
	"core_enrol_get_enrolled_users",
	NULL
};

/* Copies an identifier-like string from outside, keeping [A-Za-z0-9_.-] only. */
static void
copy_code(char *out, size_t size, const char *in)
{
	size_t o = 0;

	for (; in != NULL && *in != '\0' && o + 1 < size; in++)
		if ((*in >= 'a' && *in <= 'z') || (*in >= 'A' && *in <= 'Z') ||
		    (*in >= '0' && *in <= '9') || *in == '_' || *in == '.' || *in == '-')
			out[o++] = *in;
	out[o] = '\0';
}

/*
 * Is j Moodle's error object? Then BK_HTTP_REMOTE with res->code = its errorcode (or
 * its exception when errorcode is missing); else BK_HTTP_OK.
 */
enum bk_http_err
bk_moodle_error_of(json_t *j, struct bk_http_result *res)
{
	json_t *code, *exc;

	if (!json_is_object(j))
		return BK_HTTP_OK;
	exc = json_object_get(j, "exception");
	code = json_object_get(j, "errorcode");
	if (!json_is_string(exc) && !json_is_string(code))
		return BK_HTTP_OK;
	copy_code(res->code, sizeof(res->code), json_is_string(code) ?
	    json_string_value(code) : json_string_value(exc));
	if (res->code[0] == '\0')
		bk_strlcpy(res->code, "unknown", sizeof(res->code));
	res->err = BK_HTTP_REMOTE;
	return res->err;
}

/*
 * Calls function on the site. params (may be NULL) adds the function's parameters.
 * On BK_HTTP_OK *out is the decoded reply (any JSON value, `null` included; the caller
 * frees it with json_decref). Otherwise *out is NULL and *res says why: a transport
 * failure, BK_HTTP_NOT_JSON, or BK_HTTP_REMOTE with Moodle's errorcode in res->code.
 * total_ms: the call's time limit (0: 30 s).
 */
enum bk_http_err
bk_moodle_call(const struct bk_lms_site *site, const char *function,
    bk_moodle_params *params, void *arg, long total_ms, json_t **out,
    struct bk_http_result *res)
{
	struct bk_http_response resp = { 0 };
	struct bk_http_call call = { 0 };
	struct bk_buf body;
	json_error_t jerr;
	CURLU *u = NULL;
	json_t *j = NULL;
	enum bk_err e;

	*out = NULL;
	memset(res, 0, sizeof(*res));
	bk_buf_init(&body, MAX_FORM_BODY);
	if ((res->err = bk_url_base(site->moodle_url, bk_http_loopback_allowed(), &u)) !=
	    BK_HTTP_OK || (res->err = bk_url_path(u, "webservice/rest/server.php")) != BK_HTTP_OK)
		goto out;
	if ((e = bk_form_add(&body, "wstoken", site->moodle_token)) != BK_OK ||
	    (e = bk_form_add(&body, "wsfunction", function)) != BK_OK ||
	    (e = bk_form_add(&body, "moodlewsrestformat", "json")) != BK_OK ||
	    (params != NULL && (e = params(&body, arg)) != BK_OK)) {
		res->err = e == BK_ETOOBIG ? BK_HTTP_TOO_BIG : BK_HTTP_NOMEM;
		goto out;
	}
	call.method = "POST";
	call.url = u;
	call.ctype = "application/x-www-form-urlencoded";
	call.body = body.data;
	call.bodylen = body.len;
	call.total_ms = total_ms;
	if (bk_http_perform(&call, &resp, res) != BK_HTTP_OK)
		goto out;
	/* A reply of `null` (enrol_manual_enrol_users) is a success: JSON_DECODE_ANY. */
	if (resp.body.len == 0 || (j = json_loadb(resp.body.data, resp.body.len,
	    JSON_DECODE_ANY, &jerr)) == NULL) {
		res->err = BK_HTTP_NOT_JSON;
		goto out;
	}
	if (bk_moodle_error_of(j, res) != BK_HTTP_OK) {
		json_decref(j);
		goto out;
	}
	*out = j;
out:
	bk_buf_wipe(&body);	/* it held the token */
	bk_http_response_free(&resp);
	bk_url_free(u);
	return res->err;
}

static void
copy_str(char *out, size_t size, json_t *j)
{
	out[0] = '\0';
	if (json_is_string(j))
		bk_strlcpy(out, json_string_value(j), size);
	/* Cut at a character boundary if bk_strlcpy cut a UTF-8 sequence. */
	if (!bk_utf8_valid(out, strlen(out))) {
		size_t n = strlen(out);
		while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
			n--;
		if (n > 0)
			n--;
		out[n] = '\0';
		if (!bk_utf8_valid(out, n))
			out[0] = '\0';
	}
}

/*
 * core_webservice_get_site_info: the pre-flight check. *info gets the site's name,
 * release, the web-service user, and the needed functions (bk_moodle_needed) that the
 * token's service lacks. Returns as bk_moodle_call; BK_HTTP_NOT_JSON for a reply that
 * is JSON but not a site-info object.
 */
enum bk_http_err
bk_moodle_site_info(const struct bk_lms_site *site, long total_ms,
    struct bk_moodle_info *info, struct bk_http_result *res)
{
	json_t *j = NULL, *fns;

	memset(info, 0, sizeof(*info));
	if (bk_moodle_call(site, "core_webservice_get_site_info", NULL, NULL, total_ms, &j,
	    res) != BK_HTTP_OK)
		return res->err;
	fns = json_object_get(j, "functions");
	if (!json_is_object(j) || !json_is_array(fns)) {
		json_decref(j);
		res->err = BK_HTTP_NOT_JSON;
		return res->err;
	}
	copy_str(info->sitename, sizeof(info->sitename), json_object_get(j, "sitename"));
	copy_str(info->release, sizeof(info->release), json_object_get(j, "release"));
	copy_str(info->username, sizeof(info->username), json_object_get(j, "username"));
	if (json_is_integer(json_object_get(j, "userid")))
		info->userid = json_integer_value(json_object_get(j, "userid"));
	for (const char *const *need = bk_moodle_needed; *need != NULL; need++) {
		bool found = false;
		size_t i;
		json_t *f;

		json_array_foreach(fns, i, f) {
			json_t *name = json_object_get(f, "name");
			if (json_is_string(name) && strcmp(json_string_value(name), *need) == 0) {
				found = true;
				break;
			}
		}
		if (!found && info->nmissing < BK_MOODLE_MAX_MISSING)
			bk_strlcpy(info->missing[info->nmissing++], *need,
			    sizeof(info->missing[0]));
	}
	json_decref(j);
	return BK_HTTP_OK;
}
