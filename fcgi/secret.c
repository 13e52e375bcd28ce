/*
 * secret.c: secrets at rest (an LMS web-service token, a roster client secret).
 *
 * A secret is sealed with crypto_secretbox_easy (XSalsa20-Poly1305) under the server's
 * secret key, a file the master reads or makes at start (BORIKAN_SECRET_KEY_FILE,
 * default <var>/secret.key, mode 0600), before the workers fork. The database holds
 * "v1:" and the base64 of nonce || box: a copy of the database alone opens nothing, and
 * a box that was altered does not open.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "borikan.h"
#include "lms.h"

#define PREFIX "v1:"

static unsigned char key[crypto_secretbox_KEYBYTES];
static bool have_key;

/*
 * Reads the secret key from path, or makes it (32 random bytes, mode 0600) when the file
 * does not exist. BK_OK, or BK_EIO when it can be neither read nor made.
 */
enum bk_err
bk_secret_key_init(const char *path)
{
	if (bk_key_file(path, key, sizeof(key)) != BK_OK)
		return BK_EIO;
	have_key = true;
	return BK_OK;
}

/*
 * Seals plain (at most BK_SECRET_MAX bytes) into out as "v1:<base64>". BK_OK;
 * BK_ETOOBIG when plain or the result does not fit; BK_EINVAL without a key.
 */
enum bk_err
bk_secret_seal(const char *plain, char *out, size_t size)
{
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    BK_SECRET_MAX];
	size_t n = strlen(plain), boxlen = crypto_secretbox_NONCEBYTES +
	    crypto_secretbox_MACBYTES + n;

	if (!have_key)
		return BK_EINVAL;
	if (n > BK_SECRET_MAX || size < sizeof(PREFIX) ||
	    sodium_base64_ENCODED_LEN(boxlen, sodium_base64_VARIANT_ORIGINAL) >
	    size - (sizeof(PREFIX) - 1))
		return BK_ETOOBIG;
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain,
	    n, box, key);
	memcpy(out, PREFIX, sizeof(PREFIX) - 1);
	sodium_bin2base64(out + sizeof(PREFIX) - 1, size - (sizeof(PREFIX) - 1), box, boxlen,
	    sodium_base64_VARIANT_ORIGINAL);
	return BK_OK;
}

/*
 * Opens a sealed secret into out (NUL-terminated; the caller wipes it with
 * sodium_memzero when done). "" opens to "" (no secret set). BK_OK; BK_EINVAL when it is
 * not ours, was altered or there is no key; BK_ETOOBIG when out is too small.
 */
enum bk_err
bk_secret_open(const char *sealed, char *out, size_t size)
{
	unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
	    BK_SECRET_MAX];
	size_t boxlen = 0, n;

	if (size == 0)
		return BK_ETOOBIG;
	out[0] = '\0';
	if (sealed[0] == '\0')
		return BK_OK;
	if (!have_key || strncmp(sealed, PREFIX, sizeof(PREFIX) - 1) != 0)
		return BK_EINVAL;
	sealed += sizeof(PREFIX) - 1;
	if (sodium_base642bin(box, sizeof(box), sealed, strlen(sealed), NULL, &boxlen, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    boxlen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return BK_EINVAL;
	n = boxlen - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	if (n + 1 > size)
		return BK_ETOOBIG;
	if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
	    boxlen - crypto_secretbox_NONCEBYTES, box, key) != 0) {
		out[0] = '\0';
		return BK_EINVAL;
	}
	out[n] = '\0';
	if (memchr(out, '\0', n) != NULL) {
		sodium_memzero(out, n);
		return BK_EINVAL;
	}
	return BK_OK;
}
