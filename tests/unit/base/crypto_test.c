/* base/crypto.c, the one door to libsodium: sealing identifiers (round trip; a changed byte or
 * another key opens nothing), the blind index (same input, same index; another key, another
 * index), tokens (64 hex characters, fresh each time), argon2id passwords, the audit hash and
 * the key file (made 0600, refused when others may read it or when it holds no single key). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/crypto.h"

static const struct sp_keys keys_a = {{1}, {2}, {3}};
static const struct sp_keys keys_b = {{9}, {8}, {7}};

static int init(void **state)
{
    (void)state;
    return sp_crypto_init() ? 0 : -1;
}

static void seal_opens_only_unchanged_with_its_key(void **state)
{
    char out[32];
    char *sealed = sp_crypto_seal(&keys_a, "6703014002", 10);
    char *twice = sp_crypto_seal(&keys_a, "6703014002", 10);

    (void)state;
    assert_null(strstr(sealed, "6703014002"));
    assert_string_not_equal(sealed, twice); /* a fresh nonce each time */
    assert_true(sp_crypto_open(&keys_a, sealed, out, sizeof out));
    assert_string_equal(out, "6703014002");
    assert_false(sp_crypto_open(&keys_b, sealed, out, sizeof out));
    assert_false(sp_crypto_open(&keys_a, sealed, out, 5)); /* does not fit */
    sealed[strlen(sealed) - 1] = sealed[strlen(sealed) - 1] == '0' ? '1' : '0';
    assert_false(sp_crypto_open(&keys_a, sealed, out, sizeof out));
    assert_false(sp_crypto_open(&keys_a, "zz", out, sizeof out));
    free(sealed);
    free(twice);
}

/* A stored answer (several kB) seals and opens whole; altered, short or foreign: NULL. */
static void large_seal_opens_whole_with_its_key(void **state)
{
    char text[5000];
    size_t len = 0;
    char *sealed;
    char *opened;

    (void)state;
    for (size_t i = 0; i < sizeof text - 1; i++)
        text[i] = (char)('a' + i % 26);
    text[sizeof text - 1] = '\0';
    memcpy(text + 100, "6703014002", 10);
    sealed = sp_crypto_seal(&keys_a, text, strlen(text));
    assert_null(strstr(sealed, "6703014002"));
    opened = sp_crypto_open_alloc(&keys_a, sealed, &len);
    assert_non_null(opened);
    assert_int_equal(len, strlen(text));
    assert_string_equal(opened, text);
    free(opened);
    assert_null(sp_crypto_open_alloc(&keys_b, sealed, NULL));
    sealed[200] = sealed[200] == '0' ? '1' : '0';
    assert_null(sp_crypto_open_alloc(&keys_a, sealed, NULL));
    assert_null(sp_crypto_open_alloc(&keys_a, "zz", NULL));
    assert_null(sp_crypto_open_alloc(&keys_a, "", NULL));
    free(sealed);
    /* Empty plaintext is a valid seal. */
    sealed = sp_crypto_seal(&keys_a, "", 0);
    opened = sp_crypto_open_alloc(&keys_a, sealed, &len);
    assert_non_null(opened);
    assert_int_equal(len, 0);
    free(opened);
    free(sealed);
}

static void blind_index_is_stable_and_keyed(void **state)
{
    char a1[65];
    char a2[65];
    char b[65];
    char other[65];

    (void)state;
    sp_crypto_blind_index(&keys_a, "6703014002", 10, a1);
    sp_crypto_blind_index(&keys_a, "6703014002", 10, a2);
    sp_crypto_blind_index(&keys_b, "6703014002", 10, b);
    sp_crypto_blind_index(&keys_a, "6703014003", 10, other);
    assert_int_equal(strlen(a1), 64);
    assert_string_equal(a1, a2);
    assert_string_not_equal(a1, b);
    assert_string_not_equal(a1, other);
}

static void tokens_are_fresh_hex(void **state)
{
    char t1[65];
    char t2[65];

    (void)state;
    sp_crypto_token(t1);
    sp_crypto_token(t2);
    assert_int_equal(strlen(t1), 64);
    assert_int_equal(strspn(t1, "0123456789abcdef"), 64);
    assert_string_not_equal(t1, t2);
    assert_true(sp_crypto_equal(t1, t1));
    assert_false(sp_crypto_equal(t1, t2));
    assert_false(sp_crypto_equal("abc", "abcd"));
}

static void passwords_hash_with_argon2id(void **state)
{
    char hash[SP_PASSWORD_HASH_MAX];

    (void)state;
    assert_true(sp_crypto_password_hash("a long unusual passphrase", hash));
    assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
    assert_null(strstr(hash, "passphrase"));
    assert_true(sp_crypto_password_verify(hash, "a long unusual passphrase"));
    assert_false(sp_crypto_password_verify(hash, "a long unusual passphrasE"));
}

static void audit_hash_needs_the_key(void **state)
{
    char a[65];
    char b[65];

    (void)state;
    sp_crypto_audit_hash(&keys_a, "event", 5, a);
    sp_crypto_audit_hash(&keys_b, "event", 5, b);
    assert_string_not_equal(a, b);
    sp_crypto_hash_hex("event", 5, b); /* unkeyed: anyone could recompute it */
    assert_string_not_equal(a, b);
}

static void key_file_is_private_and_single(void **state)
{
    char dir[] = "/tmp/samspor-crypto-test-XXXXXX";
    char path[64];
    char why[256];
    struct sp_keys k1;
    struct sp_keys k2;
    struct stat sb;
    int fd;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/k", dir);
    assert_true(sp_keys_create_file(path, why, sizeof why));
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    assert_false(sp_keys_create_file(path, why, sizeof why)); /* never overwritten */
    assert_true(sp_keys_load_file(path, &k1, why, sizeof why));
    assert_true(sp_keys_load_file(path, &k2, why, sizeof why));
    assert_memory_equal(&k1, &k2, sizeof k1);
    assert_memory_not_equal(k1.seal, k1.index, sizeof k1.seal); /* distinct subkeys */
    assert_int_equal(chmod(path, 0640), 0);
    assert_false(sp_keys_load_file(path, &k1, why, sizeof why));
    assert_non_null(strstr(why, "may be read by others"));
    assert_int_equal(unlink(path), 0);
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "not a key\n", 10), 10);
    close(fd);
    assert_false(sp_keys_load_file(path, &k1, why, sizeof why));
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seal_opens_only_unchanged_with_its_key),
        cmocka_unit_test(large_seal_opens_whole_with_its_key),
        cmocka_unit_test(blind_index_is_stable_and_keyed),
        cmocka_unit_test(tokens_are_fresh_hex),
        cmocka_unit_test(passwords_hash_with_argon2id),
        cmocka_unit_test(audit_hash_needs_the_key),
        cmocka_unit_test(key_file_is_private_and_single),
    };

    return cmocka_run_group_tests(tests, init, NULL);
}
