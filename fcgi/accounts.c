/*
 * accounts.c: the checks of units and people, shared by the administration pages
 * (h_admin_units.c, h_admin_people.c) and borikan-admin (admin_accounts.c), so that a
 * value one accepts the other accepts too.
 */
#include "config.h"

#include <string.h>

#include "borikan.h"

const char *const bk_unit_kinds[] = { "office", "group", "school", "faculty", "data-owner",
	"other", NULL };
const char *const bk_roles[] = { "requester", "ict-officer", "ict-head", "department-head",
	"director", "records-office", "data-owner", "procurement", "committee", "administrator",
	NULL };

/* True when s is one of the NULL-terminated list. */
bool
bk_one_of(const char *s, const char *const *list)
{
	if (s == NULL)
		return false;
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

/* Characters (not bytes) of a valid UTF-8 string. */
size_t
bk_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* [a-z0-9] then [a-z0-9._-], min to max bytes in all. */
static bool
code_like(const char *s, size_t min, size_t max)
{
	size_t n;

	if (s == NULL || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '.' || s[n] == '_' || s[n] == '-'))
			return false;
	return n >= min && n <= max;
}

/* A unit code: 2-40 of a-z 0-9 . _ -, starting with a letter or digit. */
bool
bk_unit_code_ok(const char *s)
{
	return code_like(s, 2, 40);
}

/* A username: 2-64 of a-z 0-9 . _ -, starting with a letter or digit. */
bool
bk_username_ok(const char *s)
{
	return code_like(s, 2, 64);
}

/* An e-mail address: at most 254 bytes, local@domain.tld, no spaces or controls. */
bool
bk_email_ok(const char *s)
{
	const char *at, *dot;
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 254 || !bk_utf8_valid(s, n))
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return false;
	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@') != NULL)
		return false;
	dot = strrchr(at + 1, '.');
	return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/* A person's or a unit's name: 1-200 characters of valid UTF-8, not only spaces, no
 * control characters. */
bool
bk_person_name_ok(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || !bk_utf8_valid(s, n))
		return false;
	if (s[strspn(s, " ")] == '\0')
		return false;
	for (const char *p = s; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			return false;
	return bk_utf8_chars(s) <= 200;
}
