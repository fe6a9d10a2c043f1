/* The only door to libsodium (STYLE.md: sodium.h only in src/base/crypto.c). */
#ifndef SP_BASE_CRYPTO_H
#define SP_BASE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>

/* Initialise libsodium once at start-up; false if it cannot (then nothing else may be called). */
bool sp_crypto_init(void);

/* Fill `hex` with 2*bytes lowercase hex characters of fresh randomness and a NUL. */
void sp_crypto_random_hex(char *hex, size_t bytes);

/* BLAKE2b-256 of data as 64 hex characters and a NUL (e.g. to tell an idempotent retry from a
 * reused key without storing the body twice). */
void sp_crypto_hash_hex(const void *data, size_t len, char hex[65]);

#define SP_PASSWORD_HASH_MAX 128

/* argon2id with libsodium's interactive limits; out holds the self-describing hash string.
 * false only if the system is out of memory for the hash. */
bool sp_crypto_password_hash(const char *password, char out[SP_PASSWORD_HASH_MAX]);

/* true when password matches a hash made by sp_crypto_password_hash. */
bool sp_crypto_password_verify(const char *hash, const char *password);

#endif
