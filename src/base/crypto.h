/* The only door to libsodium (docs/code-style.md: sodium.h only in src/base/crypto.c). */
#ifndef SP_BASE_CRYPTO_H
#define SP_BASE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Initialise libsodium once at start-up; false if it cannot (then nothing else may be called). */
bool sp_crypto_init(void);

/* Fill `hex` with 2*bytes lowercase hex characters of fresh randomness and a NUL. */
void sp_crypto_random_hex(char *hex, size_t bytes);

/* A uniformly random number in [0, upper) (0 when upper is 0): jitter for retries. */
uint32_t sp_crypto_random_below(uint32_t upper);

/* BLAKE2b-256 of data as 64 hex characters and a NUL (e.g. to tell an idempotent retry from a
 * reused key without storing the body twice). */
void sp_crypto_hash_hex(const void *data, size_t len, char hex[65]);

#define SP_PASSWORD_HASH_MAX 128

/* argon2id with libsodium's interactive limits; out holds the self-describing hash string.
 * false only if the system is out of memory for the hash. */
bool sp_crypto_password_hash(const char *password, char out[SP_PASSWORD_HASH_MAX]);

/* true when password matches a hash made by sp_crypto_password_hash. */
bool sp_crypto_password_verify(const char *hash, const char *password);

/* Keys for data at rest, derived from one 256-bit master key kept in a key file. */
struct sp_keys {
    unsigned char seal[32];  /* secretbox key for identifiers */
    unsigned char index[32]; /* BLAKE2b key for blind indexes */
    unsigned char audit[32]; /* BLAKE2b key of the audit chain */
};

/* Create a new key file at path with mode 0600 holding a fresh master key (64 hex characters);
 * refuses to overwrite one. false with a plain message in why (cap bytes) on failure. */
bool sp_keys_create_file(const char *path, char *why, size_t cap);

/* Load the key file at path into *out. Refuses a file that group or others may read, or that
 * does not hold exactly one master key. false with a message in why. */
bool sp_keys_load_file(const char *path, struct sp_keys *out, char *why, size_t cap);

/* Seal len bytes with the identifier key: returns a malloc'd hex string of nonce ‖ ciphertext.
 * Never NULL. */
char *sp_crypto_seal(const struct sp_keys *keys, const void *data, size_t len);

/* Open a string made by sp_crypto_seal into out (cap bytes, NUL-terminated); false when it was
 * altered or made with another key, or does not fit. */
bool sp_crypto_open(const struct sp_keys *keys, const char *sealed, char *out, size_t cap);

/* Open a string made by sp_crypto_seal of any length: a malloc'd NUL-terminated copy of the
 * plaintext (its length in *len when len is not NULL), or NULL when it was altered, made with
 * another key, or is not hex. For sealed texts larger than an identifier (stored answers). */
char *sp_crypto_open_alloc(const struct sp_keys *keys, const char *sealed, size_t *len);

/* Keyed BLAKE2b-256 of data with the index key, as 64 hex characters: the same input always
 * gives the same index, and without the key the index says nothing about the input. */
void sp_crypto_blind_index(const struct sp_keys *keys, const void *data, size_t len, char hex[65]);

/* Keyed BLAKE2b-256 with the audit key: without the key file nobody can recompute the chain. */
void sp_crypto_audit_hash(const struct sp_keys *keys, const void *data, size_t len, char hex[65]);

/* A fresh 256-bit secret as 64 hex characters (session and API tokens). */
void sp_crypto_token(char hex[65]);

/* Constant-time comparison of two NUL-terminated strings of equal expected length. */
bool sp_crypto_equal(const char *a, const char *b);

#endif
