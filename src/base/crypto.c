#include "base/crypto.h"

#include <sodium.h>
#include <string.h>

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
