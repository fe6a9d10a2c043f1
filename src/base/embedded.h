/* Files compiled into the binary by cmake/embed.cmake. All data is static and NUL-terminated
 * one byte past `len` (so SQL and JSON can be used as C strings); never freed. */
#ifndef SP_BASE_EMBEDDED_H
#define SP_BASE_EMBEDDED_H

#include <stddef.h>

struct sp_embedded_file {
    const char *name; /* e.g. "0001_schema.sql" */
    const char *data;
    size_t len;
};

struct sp_embedded_asset {
    const char *path;         /* URL path, e.g. "/index.html", "/assets/index-abc.js" */
    const char *content_type; /* from the extension */
    const char *data;
    size_t len;
};

/* Migrations sorted by name; the number before '_' is the schema version. */
extern const struct sp_embedded_file sp_migrations[];
extern const size_t sp_migrations_count;

/* Questionnaire texts, "<instrument>.<language>.json" sorted by name (data/instruments/). */
extern const struct sp_embedded_file sp_instrument_texts[];
extern const size_t sp_instrument_texts_count;

extern const char *const sp_openapi_json;
extern const size_t sp_openapi_json_len;

extern const struct sp_embedded_asset sp_ui_assets[];
extern const size_t sp_ui_assets_count;

#endif
