/*
 * qr.c: a QR code (libqrencode, error correction M) as an inline SVG element, built with
 * the XML tree API: no external image service, no script, no style attribute (CSP).
 *
 * <svg xmlns viewBox="0 0 W W" class="qr" role="img" aria-label="…">
 *   <rect width="W" height="W" fill="#fff"/>
 *   <path fill="#000" d="M{x} {y}h{n}v1h-{n}z…"/>
 * </svg>
 * One subpath per horizontal run of dark modules, in module units, with a quiet zone of
 * BK_QR_MARGIN modules: (x - margin, y - margin) is the module's place in the symbol.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <qrencode.h>

#include "borikan.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define MAX_PATH (64 * 1024)	/* a version-40 symbol stays far below this */

/*
 * Appends the QR code of text (UTF-8, 8-bit mode) under parent as <svg>, labelled label
 * for screen readers. Returns the new element (owned by parent's document), or NULL when
 * the text cannot be encoded (too long) or memory runs out; parent is then unchanged.
 */
xmlNodePtr
bk_qr_svg(xmlNodePtr parent, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	struct bk_buf d;
	xmlNodePtr svg = NULL, n;
	xmlNsPtr ns;
	char box[48], side[16];
	int w;

	if (qr == NULL)
		return NULL;
	bk_buf_init(&d, MAX_PATH);
	w = qr->width;
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w; ) {
			int run = 0;
			while (x + run < w && (qr->data[y * w + x + run] & 1))
				run++;
			if (run == 0) {
				x++;
				continue;
			}
			if (bk_buf_printf(&d, "M%d %dh%dv1h-%dz", x + BK_QR_MARGIN, y + BK_QR_MARGIN,
			    run, run) != BK_OK)
				goto out;
			x += run;
		}
	}
	snprintf(side, sizeof(side), "%d", w + 2 * BK_QR_MARGIN);
	snprintf(box, sizeof(box), "0 0 %s %s", side, side);
	if ((svg = xmlNewNode(NULL, BAD_CAST "svg")) == NULL)
		goto out;
	ns = xmlNewNs(svg, BAD_CAST SVG_NS, NULL);
	xmlSetNs(svg, ns);
	xmlNewProp(svg, BAD_CAST "viewBox", BAD_CAST box);
	xmlNewProp(svg, BAD_CAST "class", BAD_CAST "qr");
	xmlNewProp(svg, BAD_CAST "role", BAD_CAST "img");
	xmlNewProp(svg, BAD_CAST "aria-label", BAD_CAST label);
	n = xmlNewChild(svg, ns, BAD_CAST "rect", NULL);
	xmlNewProp(n, BAD_CAST "width", BAD_CAST side);
	xmlNewProp(n, BAD_CAST "height", BAD_CAST side);
	xmlNewProp(n, BAD_CAST "fill", BAD_CAST "#fff");
	n = xmlNewChild(svg, ns, BAD_CAST "path", NULL);
	xmlNewProp(n, BAD_CAST "fill", BAD_CAST "#000");
	xmlNewProp(n, BAD_CAST "d", BAD_CAST(d.data != NULL ? d.data : ""));
	if (xmlAddChild(parent, svg) == NULL) {
		xmlFreeNode(svg);
		svg = NULL;
	}
out:
	bk_buf_free(&d);
	QRcode_free(qr);
	return svg;
}
