/* Password rules for staff accounts (docs/security-model.md), pure. */
#ifndef SP_CORE_PASSWORD_H
#define SP_CORE_PASSWORD_H

#include "base/err.h"

#include <stdbool.h>

#define PASSWORD_MIN_CHARS 12

/* Usernames are 3 to 100 of a-z, 0-9, '.', '-' and '_': sign-in lower-cases what is typed, so
 * an account with capitals could never sign in. */
bool core_username_valid(const char *username);

/* SP_OK when password has at least PASSWORD_MIN_CHARS characters, is not the username, and is
 * not in the committed list of common passwords (compared case-insensitively); otherwise
 * SP_INVALID with field "/password" and a detail that never quotes the password. */
enum sp_code core_password_acceptable(const char *password, const char *username,
                                      struct sp_err *err);

#endif
