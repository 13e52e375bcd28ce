/*
 * csv.c: cells of a CSV file (RFC 4180) that a spreadsheet shows and never runs.
 *
 * A cell that starts with = + - @, a tab or a carriage return is a formula to Excel and
 * LibreOffice (CWE-1236): it gets a leading apostrophe, which both show as text. A cell
 * holding a comma, a quote, a line break or that apostrophe is quoted, quotes doubled.
 */
#include "config.h"

#include <string.h>

#include "borikan.h"

/*
 * Appends value as one cell to b, after a comma unless first. NULL is an empty cell.
 * BK_ETOOBIG when b would pass its cap (b then holds a partial cell: drop the row).
 */
enum bk_err
bk_csv_cell(struct bk_buf *b, const char *value, bool first)
{
	const char *v = value != NULL ? value : "";
	bool formula = strchr("=+-@\t\r", v[0]) != NULL && v[0] != '\0';
	bool quote = formula || strpbrk(v, ",\"\r\n") != NULL;
	enum bk_err e = BK_OK;

	if (!first && (e = bk_buf_add(b, ",", 1)) != BK_OK)
		return e;
	if (quote && (e = bk_buf_add(b, "\"", 1)) != BK_OK)
		return e;
	if (formula && (e = bk_buf_add(b, "'", 1)) != BK_OK)
		return e;
	for (const char *p = v; *p != '\0' && e == BK_OK; ) {
		size_t n = strcspn(p, "\"");
		if (n > 0)
			e = bk_buf_add(b, p, n);
		p += n;
		if (*p == '"' && e == BK_OK) {
			e = bk_buf_add(b, "\"\"", 2);
			p++;
		}
	}
	if (e == BK_OK && quote)
		e = bk_buf_add(b, "\"", 1);
	return e;
}

/* Ends a row: CRLF, as RFC 4180 and Excel want. */
enum bk_err
bk_csv_row_end(struct bk_buf *b)
{
	return bk_buf_add(b, "\r\n", 2);
}
