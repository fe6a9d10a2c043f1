#include "base/crypto.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"
#include "base/utf8.h"

bool sp_crypto_init(void)
{
    return sodium_init() >= 0;
}

void sp_crypto_random_hex(char *hex, size_t bytes)
{
    unsigned char buf[64];

    if (bytes > sizeof buf)
        bytes = sizeof buf;
    randombytes_buf(buf, bytes);
    sodium_bin2hex(hex, bytes * 2 + 1, buf, bytes);
}

uint32_t sp_crypto_random_below(uint32_t upper)
{
    return upper == 0 ? 0 : randombytes_uniform(upper);
}

void sp_crypto_hash_hex(const void *data, size_t len, char hex[65])
{
    unsigned char digest[32];

    crypto_generichash(digest, sizeof digest, data, len, NULL, 0);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
}

bool sp_crypto_password_hash(const char *password, char out[SP_PASSWORD_HASH_MAX])
{
    _Static_assert(SP_PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
    return crypto_pwhash_str_alg(
               out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
               crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

bool sp_crypto_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* Subkeys from the master key with libsodium's KDF (BLAKE2b), one id per purpose. */
static void derive_keys(const unsigned char master[crypto_kdf_KEYBYTES], struct sp_keys *out)
{
    _Static_assert(crypto_secretbox_KEYBYTES == 32, "secretbox key size");
    crypto_kdf_derive_from_key(out->seal, sizeof out->seal, 1, "samspor_", master);
    crypto_kdf_derive_from_key(out->index, sizeof out->index, 2, "samspor_", master);
    crypto_kdf_derive_from_key(out->audit, sizeof out->audit, 3, "samspor_", master);
}

bool sp_keys_create_file(const char *path, char *why, size_t cap)
{
    unsigned char master[crypto_kdf_KEYBYTES];
    char hex[crypto_kdf_KEYBYTES * 2 + 2];
    size_t len;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok;

    if (fd < 0) {
        sp_utf8_format(why, cap, "cannot create the key file %s: %s", path, strerror(errno));
        return false;
    }
    crypto_kdf_keygen(master);
    sodium_bin2hex(hex, sizeof hex, master, sizeof master);
    sodium_memzero(master, sizeof master);
    len = strlen(hex);
    hex[len++] = '\n';
    ok = write(fd, hex, len) == (ssize_t)len && fsync(fd) == 0;
    sodium_memzero(hex, sizeof hex);
    if (close(fd) != 0 || !ok) {
        sp_utf8_format(why, cap, "cannot write the key file %s", path);
        return false;
    }
    return true;
}

bool sp_keys_load_file(const char *path, struct sp_keys *out, char *why, size_t cap)
{
    unsigned char master[crypto_kdf_KEYBYTES];
    char hex[crypto_kdf_KEYBYTES * 2 + 8];
    size_t bin_len = 0;
    struct stat sb;
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        sp_utf8_format(why, cap, "cannot open the key file %s: %s", path, strerror(errno));
        return false;
    }
    if (fstat(fd, &sb) != 0 || (sb.st_mode & 077) != 0) {
        close(fd);
        sp_utf8_format(why, cap,
                       "the key file %s may be read by others (mode %03o); run chmod 600 on it",
                       path, (unsigned)(sb.st_mode & 0777));
        return false;
    }
    n = read(fd, hex, sizeof hex - 1);
    close(fd);
    if (n < crypto_kdf_KEYBYTES * 2) {
        sp_utf8_format(why, cap, "the key file %s does not hold a key", path);
        return false;
    }
    hex[n] = '\0';
    if (sodium_hex2bin(master, sizeof master, hex, (size_t)n, "\n", &bin_len, NULL) != 0 ||
        bin_len != sizeof master) {
        sodium_memzero(hex, sizeof hex);
        sp_utf8_format(why, cap, "the key file %s does not hold exactly one key", path);
        return false;
    }
    sodium_memzero(hex, sizeof hex);
    derive_keys(master, out);
    sodium_memzero(master, sizeof master);
    return true;
}

char *sp_crypto_seal(const struct sp_keys *keys, const void *data, size_t len)
{
    size_t box_len = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *box = sp_xmalloc(box_len);
    char *hex = sp_xmalloc(box_len * 2 + 1);

    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, data, len, box, keys->seal);
    sodium_bin2hex(hex, box_len * 2 + 1, box, box_len);
    free(box);
    return hex;
}

bool sp_crypto_open(const struct sp_keys *keys, const char *sealed, char *out, size_t cap)
{
    unsigned char box[256];
    size_t box_len = 0;
    size_t plain_len;

    if (sodium_hex2bin(box, sizeof box, sealed, strlen(sealed), NULL, &box_len, NULL) != 0 ||
        box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return false;
    plain_len = box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    if (plain_len + 1 > cap)
        return false;
    if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
                                   box_len - crypto_secretbox_NONCEBYTES, box, keys->seal) != 0)
        return false;
    out[plain_len] = '\0';
    return true;
}

char *sp_crypto_open_alloc(const struct sp_keys *keys, const char *sealed, size_t *len)
{
    size_t hex_len = strlen(sealed);
    size_t cap = hex_len / 2;
    unsigned char *box;
    char *out;
    size_t box_len = 0;
    size_t plain_len;

    if (cap < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return NULL;
    box = sp_xmalloc(cap);
    if (sodium_hex2bin(box, cap, sealed, hex_len, NULL, &box_len, NULL) != 0 ||
        box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
        free(box);
        return NULL;
    }
    plain_len = box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    out = sp_xmalloc(plain_len + 1);
    if (crypto_secretbox_open_easy((unsigned char *)out, box + crypto_secretbox_NONCEBYTES,
                                   box_len - crypto_secretbox_NONCEBYTES, box, keys->seal) != 0) {
        free(box);
        free(out);
        return NULL;
    }
    free(box);
    out[plain_len] = '\0';
    if (len != NULL)
        *len = plain_len;
    return out;
}

void sp_crypto_blind_index(const struct sp_keys *keys, const void *data, size_t len, char hex[65])
{
    unsigned char digest[32];

    crypto_generichash(digest, sizeof digest, data, len, keys->index, sizeof keys->index);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
}

void sp_crypto_audit_hash(const struct sp_keys *keys, const void *data, size_t len, char hex[65])
{
    unsigned char digest[32];

    crypto_generichash(digest, sizeof digest, data, len, keys->audit, sizeof keys->audit);
    sodium_bin2hex(hex, 65, digest, sizeof digest);
}

void sp_crypto_token(char hex[65])
{
    unsigned char secret[32];

    randombytes_buf(secret, sizeof secret);
    sodium_bin2hex(hex, 65, secret, sizeof secret);
    sodium_memzero(secret, sizeof secret);
}

bool sp_crypto_equal(const char *a, const char *b)
{
    size_t len = strlen(a);

    return len == strlen(b) && sodium_memcmp(a, b, len) == 0;
}
