/* Account rules (docs/security-model.md): passwords of at least 12 characters (counted in
 * characters, not bytes), not the username, not on the committed list of common passwords
 * (compared without regard to case); usernames in the alphabet that sign-in keeps. Every
 * refusal names /password and never quotes the password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "core/password.h"

static const struct {
    const char *password;
    const char *username;
    bool ok;
} password_rows[] = {
    {"elleve-tegn", "u.one", false}, /* 11 characters */
    {"tolv-tegn-ok", "u.one", true}, /* 12 */
    {"æøåæøåæøåæø", "u.one", false}, /* 11 characters, 22 bytes */
    {"æøåæøåæøåæøå", "u.one", true}, /* 12 characters */
    {"caseworker.herning", "caseworker.herning", false},
    {"CASEWORKER.HERNING", "caseworker.herning", false},
    {"password1234", "u.one", false},  /* on the list */
    {"PassWord1234", "u.one", false},  /* the list ignores case */
    {"samspor-demo", "u.one", false},  /* the demo password is never a real one */
    {"password12345x", "u.one", true}, /* near the list, not on it */
};

static void passwords_follow_the_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof password_rows / sizeof password_rows[0]; i++) {
        struct sp_err err = {0};
        enum sp_code rc =
            core_password_acceptable(password_rows[i].password, password_rows[i].username, &err);

        if ((rc == SP_OK) != password_rows[i].ok)
            fail_msg("row %zu: %s", i, rc == SP_OK ? "accepted" : err.detail);
        if (rc != SP_OK && (strcmp(err.field, "/password") != 0 ||
                            strstr(err.detail, password_rows[i].password) != NULL))
            fail_msg("row %zu: field %s, detail quotes the password or is misplaced", i, err.field);
    }
}

static const struct {
    const char *username;
    bool ok;
} username_rows[] = {
    {"caremanager.herning", true},
    {"a-b_c.9", true},
    {"ab", false},
    {"abc", true},
    {"Caremanager", false},
    {"navn med mellemrum", false},
    {"søren", false},
    {"", false},
};

static void usernames_are_lower_case_ascii(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof username_rows / sizeof username_rows[0]; i++)
        if (core_username_valid(username_rows[i].username) != username_rows[i].ok)
            fail_msg("row %zu (%s): expected %s", i, username_rows[i].username,
                     username_rows[i].ok ? "valid" : "invalid");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passwords_follow_the_rules),
        cmocka_unit_test(usernames_are_lower_case_ascii),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
