/*
 * token.c: the one-time links of a request (/confirm/{token}, /survey/{token}).
 *
 * A token is 256 bits written in lowercase base32 (52 characters of [a-z2-7], which a
 * route's {code} segment takes). The database keeps only its SHA-256, an expiry and the
 * moment it was used. A confirmation token is plain random bits. A survey token is the
 * keyed BLAKE2b of a random nonce under the server's token key (a file the master reads
 * at start, BORIKAN_TOKEN_KEY_FILE): the nonce is stored, so the requester's page can
 * show the same link again as a QR code, while a copy of the database alone opens nothing.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "borikan.h"

static unsigned char key[crypto_generichash_KEYBYTES];
static bool have_key;

/*
 * Reads the token key from path, or makes it (32 random bytes, mode 0600) when the file
 * does not exist. BK_OK, or BK_EIO when it can be neither read nor made (start-up is fatal).
 */
enum bk_err
bk_token_key_init(const char *path)
{
	if (bk_key_file(path, key, sizeof(key)) != BK_OK)
		return BK_EIO;
	have_key = true;
	return BK_OK;
}

/* 32 bytes as 52 characters of lowercase base32 (RFC 4648 alphabet, no padding). */
static void
base32(const unsigned char in[32], char out[BK_TOKEN_CHARS + 1])
{
	static const char abc[] = "abcdefghijklmnopqrstuvwxyz234567";
	unsigned bits = 0, acc = 0;
	size_t o = 0;

	for (size_t i = 0; i < 32; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = abc[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = abc[(acc << (5 - bits)) & 31];
	out[o] = '\0';
}

/* Is s the shape of a token? If so, *hash is its SHA-256. */
bool
bk_token_hash(const char *s, unsigned char hash[32])
{
	size_t n = 0;

	if (s == NULL)
		return false;
	for (; s[n] != '\0'; n++)
		if (n >= BK_TOKEN_CHARS || !((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '2' && s[n] <= '7')))
			return false;
	if (n != BK_TOKEN_CHARS)
		return false;
	crypto_hash_sha256(hash, (const unsigned char *)s, n);
	return true;
}

static void
survey_token(const unsigned char nonce[32], char out[BK_TOKEN_CHARS + 1])
{
	unsigned char mac[32];

	crypto_generichash(mac, sizeof(mac), nonce, 32, key, sizeof(key));
	base32(mac, out);
	sodium_memzero(mac, sizeof(mac));
}

/*
 * A new token of purpose ("confirm" or "survey") for request_id, valid ttl seconds,
 * written to out (the caller's buffer; wipe it after use). Runs in the caller's
 * transaction. BK_OK, BK_EINVAL for a survey token without a key, or a database error.
 */
enum bk_err
bk_token_new(long long request_id, const char *purpose, long ttl, char out[BK_TOKEN_CHARS + 1])
{
	unsigned char raw[32], hash[32];
	bool keyed = strcmp(purpose, "survey") == 0;
	struct bk_q q;
	enum bk_err e;

	if (keyed && !have_key)
		return BK_EINVAL;
	randombytes_buf(raw, sizeof(raw));
	if (keyed)
		survey_token(raw, out);
	else
		base32(raw, out);
	crypto_hash_sha256(hash, (const unsigned char *)out, BK_TOKEN_CHARS);
	bk_q_init(&q, STMT_TOKEN_INSERT);
	bk_q_bin(&q, hash, sizeof(hash));
	bk_q_int(&q, request_id);
	bk_q_str(&q, purpose);
	if (keyed)
		bk_q_bin(&q, raw, sizeof(raw));
	else
		bk_q_str(&q, NULL);
	bk_q_int(&q, ttl);
	e = bk_q_exec(&q);
	bk_q_done(&q);
	sodium_memzero(raw, sizeof(raw));
	return e;
}

/*
 * Looks up the token whose SHA-256 is hash, locking its row when lock is set (inside the
 * caller's transaction). BK_ENOTFOUND when there is none.
 */
enum bk_err
bk_token_find(const unsigned char hash[32], bool lock, struct bk_token *t)
{
	struct bk_q q;
	int row;

	memset(t, 0, sizeof(*t));
	bk_q_init(&q, lock ? STMT_TOKEN_LOCK : STMT_TOKEN_GET);
	bk_q_bin(&q, hash, 32);
	bk_q_exec(&q);
	bk_q_out_int(&q, &t->id);
	bk_q_out_int(&q, &t->request_id);
	bk_q_out_str(&q, t->purpose, sizeof(t->purpose));
	bk_q_out_int(&q, &t->expired);
	bk_q_out_int(&q, &t->used);
	bk_q_out_str(&q, t->number, sizeof(t->number));
	bk_q_out_str(&q, t->status, sizeof(t->status));
	bk_q_out_str(&q, t->step, sizeof(t->step));
	bk_q_out_str(&q, t->process, sizeof(t->process));
	row = bk_q_fetch(&q);
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	return row == 1 ? BK_OK : BK_ENOTFOUND;
}

/* Marks token id used. BK_OK; BK_EINVAL when it was used meanwhile; a database error. */
enum bk_err
bk_token_use(long long id)
{
	struct bk_q q;
	enum bk_err e;

	bk_q_init(&q, STMT_TOKEN_USE);
	bk_q_int(&q, id);
	e = bk_q_exec(&q);
	if (e == BK_OK && bk_q_affected(&q) != 1)
		e = BK_EINVAL;
	bk_q_done(&q);
	return e;
}

/*
 * The open survey token of request_id (the newest unused, unexpired one), derived again
 * from its nonce, in out. BK_OK; BK_ENOTFOUND when there is none (or no key); a
 * database error.
 */
enum bk_err
bk_token_survey(long long request_id, char out[BK_TOKEN_CHARS + 1])
{
	unsigned char nonce[33];
	struct bk_q q;
	int row;

	out[0] = '\0';
	if (!have_key)
		return BK_ENOTFOUND;
	bk_q_init(&q, STMT_TOKEN_SURVEY_NONCE);
	bk_q_int(&q, request_id);
	bk_q_exec(&q);
	bk_q_out_str(&q, (char *)nonce, sizeof(nonce));
	row = bk_q_fetch(&q);
	if (row == 1 && q.outlen[0] != 32)
		row = 0;
	bk_q_done(&q);
	if (row < 0)
		return q.err;
	if (row == 0)
		return BK_ENOTFOUND;
	survey_token(nonce, out);
	return BK_OK;
}
