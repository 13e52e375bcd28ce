/*
 * Unit tests of qr.c: the SVG of a QR code holds exactly the dark modules libqrencode
 * gives (level M), in module units, behind a quiet zone; and of token.c's token shape.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "borikan.h"

#define MAXW 177

static xmlNodePtr
child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, BAD_CAST name) == 0)
			return c;
	return NULL;
}

/* Reads "M{x} {y}h{n}v1h-{n}z"* into grid (side w + 2 margins); false when malformed. */
static bool
paint(const char *d, unsigned char *grid, int side)
{
	while (*d != '\0') {
		int x, y, n, m, used = 0;
		if (sscanf(d, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &m, &used) != 4 || used == 0 ||
		    n != m || n < 1 || x < 0 || y < 0 || x + n > side || y >= side)
			return false;
		for (int i = 0; i < n; i++) {
			if (grid[y * side + x + i])
				return false;	/* painted twice: runs overlap */
			grid[y * side + x + i] = 1;
		}
		d += used;
	}
	return true;
}

static void
check_text(const char *text)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL), svg, path, rect;
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	unsigned char *grid;
	xmlChar *d, *box, *w;
	char want[48];
	int side;

	xmlDocSetRootElement(doc, root);
	ck_assert_ptr_nonnull(qr);
	svg = bk_qr_svg(root, text, "QR");
	ck_assert_ptr_nonnull(svg);
	ck_assert_str_eq((const char *)svg->name, "svg");
	ck_assert_ptr_nonnull(svg->ns);
	ck_assert_str_eq((const char *)svg->ns->href, "http://www.w3.org/2000/svg");
	ck_assert_ptr_eq(svg->parent, root);
	side = qr->width + 2 * BK_QR_MARGIN;
	snprintf(want, sizeof(want), "0 0 %d %d", side, side);
	box = xmlGetProp(svg, BAD_CAST "viewBox");
	ck_assert_str_eq((const char *)box, want);
	rect = child(svg, "rect");
	ck_assert_ptr_nonnull(rect);
	w = xmlGetProp(rect, BAD_CAST "fill");
	ck_assert_str_eq((const char *)w, "#fff");
	xmlFree(w);
	path = child(svg, "path");
	ck_assert_ptr_nonnull(path);
	d = xmlGetProp(path, BAD_CAST "d");
	ck_assert_ptr_nonnull(d);
	grid = calloc((size_t)side * side, 1);
	ck_assert(paint((const char *)d, grid, side));
	for (int y = 0; y < side; y++)
		for (int x = 0; x < side; x++) {
			int qx = x - BK_QR_MARGIN, qy = y - BK_QR_MARGIN, dark = 0;
			if (qx >= 0 && qy >= 0 && qx < qr->width && qy < qr->width)
				dark = qr->data[qy * qr->width + qx] & 1;
			ck_assert_msg(grid[y * side + x] == dark, "module (%d, %d) of %s", qx, qy, text);
		}
	/* The finder pattern's corner is dark, the quiet zone light. */
	ck_assert_int_eq(grid[BK_QR_MARGIN * side + BK_QR_MARGIN], 1);
	ck_assert_int_eq(grid[0], 0);
	free(grid);
	xmlFree(d);
	xmlFree(box);
	QRcode_free(qr);
	xmlFreeDoc(doc);
}

START_TEST(svg_matches_the_symbol)
{
	check_text("https://borikan.example/survey/abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst");
	check_text("x");
	check_text("ทดสอบภาษาไทย <&\"'>");
}
END_TEST

START_TEST(too_long_text_adds_nothing)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "page", NULL);
	char *big = malloc(8000);

	xmlDocSetRootElement(doc, root);
	memset(big, 'a', 7999);
	big[7999] = '\0';
	ck_assert_ptr_null(bk_qr_svg(root, big, "QR"));
	ck_assert_ptr_null(root->children);
	free(big);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(token_shape)
{
	unsigned char h[32];

	ck_assert(bk_token_hash("abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst", h));
	ck_assert(!bk_token_hash("abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrs", h));
	ck_assert(!bk_token_hash("abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstu", h));
	ck_assert(!bk_token_hash("Abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst", h));
	ck_assert(!bk_token_hash("abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrs1", h));
	ck_assert(!bk_token_hash("", h));
	ck_assert(!bk_token_hash(NULL, h));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("qr");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, svg_matches_the_symbol);
	tcase_add_test(tc, too_long_text_adds_nothing);
	tcase_add_test(tc, token_shape);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
