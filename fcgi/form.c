/*
 * form.c: a submitted form checked against the fields of its definition.
 *
 * The same rules run for the web form and (later) the API: required, length in
 * characters, number ranges, choices from the options, dates, e-mail, phone, URL and a
 * field's own pattern. Every field's cleaned value is kept, valid or not, so a form
 * shown again with its errors keeps what the person typed.
 */
#include "config.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "borikan.h"

/* Characters, not bytes: Thai letters are three bytes each. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* A copy of s without leading and trailing white space and with CRLF made LF. */
static char *
clean(const char *s)
{
	size_t n;
	char *out, *o;

	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	o = out;
	for (size_t i = 0; i < n; i++)
		if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
			*o++ = s[i];
	*o = '\0';
	return out;
}

static bool
full_match(const char *s, const char *pattern)
{
	char re[256];
	regex_t rx;
	bool ok;

	if ((size_t)snprintf(re, sizeof(re), "^(%s)$", pattern) >= sizeof(re))
		return false;
	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return false;
	ok = regexec(&rx, s, 0, NULL, 0) == 0;
	regfree(&rx);
	return ok;
}

static bool
date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	char tail;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	if (y < 1900 || y > 2700 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static bool
has_option(xmlNodePtr field, const char *value)
{
	for (xmlNodePtr o = field->children; o != NULL; o = o->next)
		if (o->type == XML_ELEMENT_NODE && xmlStrcmp(o->name, BAD_CAST "option") == 0 &&
		    bk_def_attr_is(o, "value", value))
			return true;
	return false;
}

static void
add_error(struct bk_field_error *errs, size_t max, size_t *n, const char *field,
    const char *key, const char *arg)
{
	if (*n >= max)
		return;
	bk_strlcpy(errs[*n].field, field, sizeof(errs[*n].field));
	bk_strlcpy(errs[*n].key, key, sizeof(errs[*n].key));
	bk_strlcpy(errs[*n].arg, arg != NULL ? arg : "", sizeof(errs[*n].arg));
	(*n)++;
}

/* Checks one text-like value; returns the message key of the first problem, or NULL. */
static const char *
check_value(xmlNodePtr f, const char *type, const char *v, char *arg, size_t argsz)
{
	char a[48];
	long n, lim;

	if (strcmp(type, "select") == 0 || strcmp(type, "radio") == 0)
		return has_option(f, v) ? NULL : "field.option";
	if (bk_def_attr(f, "max-length", a, sizeof(a))[0] != '\0' &&
	    bk_parse_long(a, 1, 1000000, &lim) == BK_OK && (long)utf8_chars(v) > lim) {
		snprintf(arg, argsz, "%ld", lim);
		return "field.too-long";
	}
	if (bk_def_attr(f, "min-length", a, sizeof(a))[0] != '\0' &&
	    bk_parse_long(a, 0, 1000000, &lim) == BK_OK && (long)utf8_chars(v) < lim) {
		snprintf(arg, argsz, "%ld", lim);
		return "field.too-short";
	}
	if (strcmp(type, "email") == 0 && (strlen(v) > 254 ||
	    !full_match(v, "[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+")))
		return "field.email";
	if (strcmp(type, "tel") == 0 && bk_def_attr(f, "pattern", a, sizeof(a))[0] == '\0' &&
	    !full_match(v, "[0-9+ ()-]{6,20}"))
		return "field.tel";
	if (strcmp(type, "url") == 0 && !full_match(v, "https?://[^[:space:]]{3,500}"))
		return "field.url";
	if (strcmp(type, "date") == 0 && !date_ok(v))
		return "field.date";
	if (strcmp(type, "number") == 0) {
		long min = -1000000000L, max = 1000000000L;
		if (bk_def_attr(f, "min", a, sizeof(a))[0] != '\0')
			(void)bk_parse_long(a, -1000000000L, 1000000000L, &min);
		if (bk_def_attr(f, "max", a, sizeof(a))[0] != '\0')
			(void)bk_parse_long(a, -1000000000L, 1000000000L, &max);
		if (bk_parse_long(v, -1000000000L, 1000000000L, &n) != BK_OK)
			return "field.number";
		if (n < min || n > max) {
			snprintf(arg, argsz, "%ld–%ld", min, max);
			return "field.range";
		}
	}
	if (bk_def_attr(f, "pattern", a, sizeof(a))[0] != '\0' && !full_match(v, a))
		return strcmp(type, "tel") == 0 ? "field.tel" : "field.pattern";
	return NULL;
}

/*
 * Validates the posted fields of form. *values becomes a JSON object of every field's
 * cleaned value (the caller owns it); errs gets one entry per invalid field. Returns the
 * number of errors, or (size_t)-1 when out of memory.
 */
size_t
bk_form_validate(xmlNodePtr form, const struct bk_req *r, json_t **values,
    struct bk_field_error *errs, size_t maxerr)
{
	json_t *obj = json_object();
	size_t nerr = 0;

	*values = NULL;
	if (obj == NULL)
		return (size_t)-1;
	for (xmlNodePtr f = form != NULL ? form->children : NULL; f != NULL; f = f->next) {
		char name[48], type[16], arg[48] = "";
		const char *raw, *bad = NULL;
		bool required;
		char *v;

		if (f->type != XML_ELEMENT_NODE || xmlStrcmp(f->name, BAD_CAST "field") != 0)
			continue;
		bk_def_attr(f, "name", name, sizeof(name));
		bk_def_attr(f, "type", type, sizeof(type));
		required = bk_def_attr_is(f, "required", "true");
		if (strcmp(type, "file") == 0)
			continue;	/* attachments are added on the request's page */
		if (strcmp(type, "checkbox") == 0 && bk_def_attr_is(f, "multiple", "true")) {
			json_t *arr = json_array();
			for (xmlNodePtr o = f->children; o != NULL && arr != NULL; o = o->next) {
				char opt[48], key[100];
				if (o->type != XML_ELEMENT_NODE || xmlStrcmp(o->name, BAD_CAST "option") != 0)
					continue;
				snprintf(key, sizeof(key), "%s.%s", name,
				    bk_def_attr(o, "value", opt, sizeof(opt)));
				if (bk_req_form(r, key) != NULL)
					json_array_append_new(arr, json_string(opt));
			}
			if (arr == NULL)
				goto nomem;
			if (required && json_array_size(arr) == 0)
				add_error(errs, maxerr, &nerr, name, "field.required", NULL);
			json_object_set_new(obj, name, arr);
			continue;
		}
		raw = bk_req_form(r, name);
		if ((v = clean(raw != NULL ? raw : "")) == NULL)
			goto nomem;
		if (strcmp(type, "checkbox") == 0 && v[0] != '\0') {
			free(v);
			if ((v = strdup("yes")) == NULL)
				goto nomem;
		}
		if (v[0] == '\0')
			bad = required ? "field.required" : NULL;
		else
			bad = check_value(f, type, v, arg, sizeof(arg));
		if (bad != NULL)
			add_error(errs, maxerr, &nerr, name, bad, arg);
		if (json_object_set_new(obj, name, json_string(v)) != 0) {
			free(v);
			goto nomem;
		}
		free(v);
	}
	*values = obj;
	return nerr;
nomem:
	json_decref(obj);
	return (size_t)-1;
}
