/*
 * Unit tests of http_client.c: base URLs refused unless https (or http to a loopback
 * address when allowed), paths joined with one slash, query values and form values
 * escaped, the error classification table; and of secret.c and the OAuth Basic value.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "borikan.h"
#include "lms.h"

/* The URL that base + path + query pairs make, or "" when refused. */
static void
url_of(const char *base, bool loopback, const char *path, const char *k, const char *v,
    char *out, size_t size)
{
	CURLU *u = NULL;
	char *s;

	out[0] = '\0';
	if (bk_url_base(base, loopback, &u) != BK_HTTP_OK)
		return;
	ck_assert_ptr_nonnull(u);
	if (path != NULL && bk_url_path(u, path) != BK_HTTP_OK)
		goto out;
	if (k != NULL && bk_url_query(u, k, v) != BK_HTTP_OK)
		goto out;
	s = bk_url_string(u);
	ck_assert_ptr_nonnull(s);
	bk_strlcpy(out, s, size);
	curl_free(s);
out:
	bk_url_free(u);
}

START_TEST(base_must_be_https)
{
	static const char *const refused[] = {
		"http://lms.example.ac.th/",		/* plain http to a real host */
		"ftp://lms.example.ac.th/",
		"file:///etc/passwd",
		"lms.example.ac.th/moodle",		/* no scheme */
		"javascript:alert(1)",
		"https://user:pw@lms.example.ac.th/",	/* credentials in the URL */
		"https://lms.example.ac.th/?x=1",	/* a query of its own */
		"https://lms.example.ac.th/#top",
		"https://lms.example.ac.th/a b",	/* a space */
		"https:///nohost",
		"",
		NULL
	};
	char out[512];
	CURLU *u = (CURLU *)1;

	for (size_t i = 0; refused[i] != NULL; i++) {
		ck_assert_msg(bk_url_base(refused[i], true, &u) == BK_HTTP_URL, "%s", refused[i]);
		ck_assert_ptr_null(u);
	}
	url_of("https://lms.example.ac.th/moodle", false, NULL, NULL, NULL, out, sizeof(out));
	ck_assert_str_eq(out, "https://lms.example.ac.th/moodle");
	url_of("HTTPS://LMS.example.ac.th:8443", false, NULL, NULL, NULL, out, sizeof(out));
	ck_assert_str_eq(out, "https://LMS.example.ac.th:8443/");
}
END_TEST

START_TEST(http_only_to_loopback_when_allowed)
{
	CURLU *u = NULL;

	ck_assert_int_eq(bk_url_base("http://127.0.0.1:18440/", false, &u), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_base("http://127.0.0.1:18440/", true, &u), BK_HTTP_OK);
	bk_url_free(u);
	ck_assert_int_eq(bk_url_base("http://127.8.9.10/", true, &u), BK_HTTP_OK);
	bk_url_free(u);
	ck_assert_int_eq(bk_url_base("http://[::1]:18440/x", true, &u), BK_HTTP_OK);
	bk_url_free(u);
	/* A name, even "localhost", resolves as a resolver says: refused. */
	ck_assert_int_eq(bk_url_base("http://localhost/", true, &u), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_base("http://10.0.0.1/", true, &u), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_base("http://128.0.0.1/", true, &u), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_base("http://127.0.0.1.evil.example/", true, &u), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_base("http://[::2]/", true, &u), BK_HTTP_URL);
	ck_assert(bk_http_host_is_loopback("127.0.0.1"));
	ck_assert(bk_http_host_is_loopback("[::1]"));
	ck_assert(!bk_http_host_is_loopback("::1"));	/* curl gives it bracketed */
	ck_assert(!bk_http_host_is_loopback("localhost"));
}
END_TEST

START_TEST(paths_join_with_one_slash)
{
	static const struct { const char *base, *path, *want; } t[] = {
		{ "https://m.example/", "webservice/rest/server.php",
		    "https://m.example/webservice/rest/server.php" },
		{ "https://m.example", "/webservice/rest/server.php",
		    "https://m.example/webservice/rest/server.php" },
		{ "https://m.example/moodle/", "/webservice/rest/server.php",
		    "https://m.example/moodle/webservice/rest/server.php" },
		{ "https://m.example/moodle//", "//webservice/rest/server.php/",
		    "https://m.example/moodle/webservice/rest/server.php" },
		{ "https://r.example/sis", "ims/oneroster/v1p1",
		    "https://r.example/sis/ims/oneroster/v1p1" },
	};
	char out[512];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		url_of(t[i].base, false, t[i].path, NULL, NULL, out, sizeof(out));
		ck_assert_str_eq(out, t[i].want);
	}
}
END_TEST

START_TEST(paths_of_ours_are_plain)
{
	CURLU *u = NULL;
	char *s;

	ck_assert_int_eq(bk_url_base("https://m.example/a/", false, &u), BK_HTTP_OK);
	ck_assert_int_eq(bk_url_path(u, "../admin"), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_path(u, "x/./y"), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_path(u, "x?wstoken=1"), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_path(u, "x%2f"), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_path(u, "x y"), BK_HTTP_URL);
	/* An outside id is one escaped segment: its '/' and '?' cannot move the URL. */
	ck_assert_int_eq(bk_url_path(u, "classes"), BK_HTTP_OK);
	ck_assert_int_eq(bk_url_segment(u, "../x?y=1#z"), BK_HTTP_OK);
	ck_assert_int_eq(bk_url_segment(u, ".."), BK_HTTP_URL);
	ck_assert_int_eq(bk_url_segment(u, ""), BK_HTTP_URL);
	s = bk_url_string(u);
	ck_assert_str_eq(s, "https://m.example/a/classes/..%2fx%3fy%3d1%23z");
	curl_free(s);
	bk_url_free(u);
}
END_TEST

START_TEST(query_values_are_escaped)
{
	char out[512];

	url_of("https://r.example/", false, "academicSessions", "filter", "type='term'",
	    out, sizeof(out));
	ck_assert_str_eq(out, "https://r.example/academicSessions?filter=type%3d%27term%27");
	/* An '&' or '#' typed into a value cannot add a parameter or cut the URL. */
	url_of("https://r.example/", false, NULL, "q", "a&wstoken=x#f", out, sizeof(out));
	ck_assert_str_eq(out, "https://r.example/?q=a%26wstoken%3dx%23f");
	url_of("https://r.example/", false, NULL, "q", "ไทย", out, sizeof(out));
	ck_assert_str_eq(out, "https://r.example/?q=%e0%b9%84%e0%b8%97%e0%b8%a2");
	/* Keys are ours: anything odd in one is refused. */
	url_of("https://r.example/", false, NULL, "a=b", "1", out, sizeof(out));
	ck_assert_str_eq(out, "");
	url_of("https://r.example/", false, NULL, "a&b", "1", out, sizeof(out));
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(form_bodies_are_escaped)
{
	struct bk_buf b;

	bk_buf_init(&b, 1024);
	ck_assert_int_eq(bk_form_add(&b, "wstoken", "ab&c=d"), BK_OK);
	ck_assert_int_eq(bk_form_add(&b, "users[0][firstname]", "สมชาย ใจดี"), BK_OK);
	ck_assert_str_eq(b.data, "wstoken=ab%26c%3Dd&users%5B0%5D%5Bfirstname%5D="
	    "%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2%20%E0%B9%83%E0%B8%88%E0%B8%94%E0%B8%B5");
	bk_buf_wipe(&b);
	ck_assert_ptr_null(b.data);
	bk_buf_init(&b, 20);
	ck_assert_int_eq(bk_form_add(&b, "k", "0123456789012345678901234"), BK_ETOOBIG);
	bk_buf_free(&b);
}
END_TEST

START_TEST(curl_codes_map_to_one_enum)
{
	ck_assert_int_eq(bk_http_from_curl(CURLE_OK, false), BK_HTTP_OK);
	ck_assert_int_eq(bk_http_from_curl(CURLE_COULDNT_CONNECT, false), BK_HTTP_CONNECT);
	ck_assert_int_eq(bk_http_from_curl(CURLE_COULDNT_RESOLVE_HOST, false), BK_HTTP_DNS);
	ck_assert_int_eq(bk_http_from_curl(CURLE_OPERATION_TIMEDOUT, false), BK_HTTP_TIMEOUT);
	ck_assert_int_eq(bk_http_from_curl(CURLE_PEER_FAILED_VERIFICATION, false), BK_HTTP_TLS);
	ck_assert_int_eq(bk_http_from_curl(CURLE_SSL_CONNECT_ERROR, false), BK_HTTP_TLS);
	ck_assert_int_eq(bk_http_from_curl(CURLE_WRITE_ERROR, true), BK_HTTP_TOO_BIG);
	ck_assert_int_eq(bk_http_from_curl(CURLE_WRITE_ERROR, false), BK_HTTP_OTHER);
	ck_assert_int_eq(bk_http_from_curl(CURLE_FILESIZE_EXCEEDED, false), BK_HTTP_TOO_BIG);
	ck_assert_int_eq(bk_http_from_curl(CURLE_GOT_NOTHING, false), BK_HTTP_RESET);
	ck_assert_int_eq(bk_http_from_curl(CURLE_RECV_ERROR, false), BK_HTTP_RESET);
	ck_assert_int_eq(bk_http_from_curl(CURLE_UNSUPPORTED_PROTOCOL, false), BK_HTTP_URL);
	ck_assert_int_eq(bk_http_from_status(200), BK_HTTP_OK);
	ck_assert_int_eq(bk_http_from_status(204), BK_HTTP_OK);
	ck_assert_int_eq(bk_http_from_status(302), BK_HTTP_REDIRECT);
	ck_assert_int_eq(bk_http_from_status(401), BK_HTTP_STATUS_4XX);
	ck_assert_int_eq(bk_http_from_status(503), BK_HTTP_STATUS_5XX);
	ck_assert_int_eq(bk_http_from_status(99), BK_HTTP_OTHER);
}
END_TEST

/* E.3: what the job code does about each failure. */
START_TEST(failures_are_classified)
{
	static const struct { enum bk_http_err e; long status; enum bk_http_class c; } t[] = {
		{ BK_HTTP_OK, 200, BK_HTTP_DONE },
		{ BK_HTTP_TIMEOUT, 0, BK_HTTP_TRANSIENT },
		{ BK_HTTP_CONNECT, 0, BK_HTTP_TRANSIENT },
		{ BK_HTTP_RESET, 0, BK_HTTP_TRANSIENT },
		{ BK_HTTP_DNS, 0, BK_HTTP_TRANSIENT },
		{ BK_HTTP_NOT_JSON, 200, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_5XX, 502, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_5XX, 503, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_5XX, 504, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_4XX, 429, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_4XX, 408, BK_HTTP_TRANSIENT },
		{ BK_HTTP_STATUS_4XX, 403, BK_HTTP_CONFIG },
		{ BK_HTTP_STATUS_4XX, 401, BK_HTTP_CONFIG },
		{ BK_HTTP_STATUS_4XX, 404, BK_HTTP_PERMANENT },
		{ BK_HTTP_STATUS_4XX, 422, BK_HTTP_PERMANENT },
		{ BK_HTTP_TLS, 0, BK_HTTP_CONFIG },
		{ BK_HTTP_REDIRECT, 302, BK_HTTP_CONFIG },
		{ BK_HTTP_URL, 0, BK_HTTP_CONFIG },
		{ BK_HTTP_TOO_BIG, 200, BK_HTTP_PERMANENT },
		{ BK_HTTP_REMOTE, 200, BK_HTTP_PERMANENT },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(bk_http_class(t[i].e, t[i].status) == t[i].c, "%s %ld",
		    bk_http_errname(t[i].e), t[i].status);
	ck_assert_str_eq(bk_http_errname(BK_HTTP_TOO_BIG), "too-big");
	ck_assert_str_eq(bk_http_errname(BK_HTTP_CONNECT), "connect");
}
END_TEST

START_TEST(secrets_seal_and_open)
{
	char path[] = "/tmp/bk-secret-XXXXXX", sealed[BK_SECRET_SEALED_MAX + 1];
	char again[BK_SECRET_SEALED_MAX + 1], plain[BK_SECRET_MAX + 1];
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	ck_assert_int_eq(bk_secret_key_init(path), BK_OK);	/* made */
	ck_assert_int_eq(bk_secret_key_init(path), BK_OK);	/* read back */
	ck_assert_int_eq(bk_secret_seal("0123456789abcdef0123456789abcdef", sealed,
	    sizeof(sealed)), BK_OK);
	ck_assert_ptr_null(strstr(sealed, "0123456789abcdef"));
	ck_assert_int_eq(strncmp(sealed, "v1:", 3), 0);
	/* A fresh nonce each time. */
	ck_assert_int_eq(bk_secret_seal("0123456789abcdef0123456789abcdef", again,
	    sizeof(again)), BK_OK);
	ck_assert_str_ne(sealed, again);
	ck_assert_int_eq(bk_secret_open(sealed, plain, sizeof(plain)), BK_OK);
	ck_assert_str_eq(plain, "0123456789abcdef0123456789abcdef");
	/* One changed character: it does not open. */
	sealed[10] = sealed[10] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(bk_secret_open(sealed, plain, sizeof(plain)), BK_EINVAL);
	ck_assert_str_eq(plain, "");
	ck_assert_int_eq(bk_secret_open("", plain, sizeof(plain)), BK_OK);
	ck_assert_int_eq(bk_secret_open("plaintext", plain, sizeof(plain)), BK_EINVAL);
	unlink(path);
}
END_TEST

START_TEST(oauth_basic_escapes_id_and_secret)
{
	char out[256], bin[128];
	size_t n = 0;

	ck_assert_int_eq(bk_roster_basic("client:1", "s3cr&t é", out, sizeof(out)), BK_OK);
	ck_assert_int_eq(strncmp(out, "Basic ", 6), 0);
	ck_assert_int_eq(sodium_base642bin((unsigned char *)bin, sizeof(bin) - 1, out + 6,
	    strlen(out + 6), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	bin[n] = '\0';
	ck_assert_str_eq(bin, "client%3A1:s3cr%26t%20%C3%A9");
	ck_assert_int_eq(bk_roster_basic("id", "secret", out, 10), BK_ETOOBIG);
}
END_TEST

static Suite *
suite(void)
{
	Suite *s = suite_create("http_client");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, base_must_be_https);
	tcase_add_test(tc, http_only_to_loopback_when_allowed);
	tcase_add_test(tc, paths_join_with_one_slash);
	tcase_add_test(tc, paths_of_ours_are_plain);
	tcase_add_test(tc, query_values_are_escaped);
	tcase_add_test(tc, form_bodies_are_escaped);
	tcase_add_test(tc, curl_codes_map_to_one_enum);
	tcase_add_test(tc, failures_are_classified);
	tcase_add_test(tc, secrets_seal_and_open);
	tcase_add_test(tc, oauth_basic_escapes_id_and_secret);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 1;
	sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
