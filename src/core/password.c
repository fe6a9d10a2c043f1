#include "core/password.h"

#include <string.h>
#include <strings.h>

#include "core/text.h"

/* Common passwords of 12 or more characters: the long entries near the top of public
 * breach-frequency lists (SecLists, Passwords/Common-Credentials/10-million-password-list-top-
 * 10000.txt), plus Danish and product-specific ones an attacker tries first. Shorter common
 * passwords are already refused by the length rule. Compared case-insensitively. */
static const char *const common_passwords[] = {
    "123456789012",   "1234567890123",  "12345678901234",   "123456789123", "1q2w3e4r5t6y",
    "1qaz2wsx3edc",   "qwertyuiop123",  "qwertyuiopasdfgh", "qwerty123456", "password1234",
    "password12345",  "password123456", "passwordpassword", "iloveyou1234", "abcdefghijkl",
    "abc123456789",   "aaaaaaaaaaaa",   "111111111111",     "000000000000", "987654321098",
    "football1234",   "baseball1234",   "letmein12345",     "welcome12345", "sommer2024!!",
    "sommer2025!!",   "sommer2026!!",   "vinter2025!!",     "vinter2026!!", "adgangskode1",
    "adgangskode12",  "adgangskode123", "kodeord12345",     "hemmelig1234", "danmark12345",
    "samspor-demo",   "samspor12345",   "samsporsamspor",   "changeme1234", "administrator",
    "administrator1", "jobcenter1234",  "kommune12345",     "region123456",
};

bool core_username_valid(const char *username)
{
    size_t len = strlen(username);

    return len >= 3 && len <= 100 &&
           strspn(username, "abcdefghijklmnopqrstuvwxyz0123456789.-_") == len;
}

enum sp_code core_password_acceptable(const char *password, const char *username,
                                      struct sp_err *err)
{
    if (core_text_length(password) < PASSWORD_MIN_CHARS) {
        sp_err_invalid(err, "/password", SP_R_PASSWORD_TOO_SHORT,
                       "A password needs at least %d characters.", PASSWORD_MIN_CHARS);
        return sp_err_min(err, PASSWORD_MIN_CHARS);
    }
    if (username != NULL && strcasecmp(password, username) == 0)
        return sp_err_invalid(err, "/password", SP_R_PASSWORD_IS_USERNAME,
                              "The password must not be the username.");
    for (size_t i = 0; i < sizeof common_passwords / sizeof common_passwords[0]; i++)
        if (strcasecmp(password, common_passwords[i]) == 0)
            return sp_err_invalid(err, "/password", SP_R_PASSWORD_COMMON,
                                  "This password is on the list of common passwords. Choose "
                                  "another.");
    return SP_OK;
}
