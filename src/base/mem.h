/* Memory: allocation that never returns NULL (out of memory aborts: a server restarts, and
 * untested OOM branches are worse — docs/code-style.md), and a per-request arena. */
#ifndef SP_BASE_MEM_H
#define SP_BASE_MEM_H

#include <stddef.h>

/* malloc/calloc/realloc/strdup that abort with a message on failure; free with free(). */
void *sp_xmalloc(size_t size);
void *sp_xcalloc(size_t count, size_t size);
void *sp_xrealloc(void *ptr, size_t size);
char *sp_xstrdup(const char *s);
char *sp_xstrndup(const char *s, size_t len);

/* An arena: many small allocations freed together. Cleanups run in reverse order at free. */
struct sp_arena;

struct sp_arena *sp_arena_new(void);
/* Free every allocation and run every cleanup; NULL-safe. */
void sp_arena_free(struct sp_arena *arena);
/* size bytes, aligned for any type, zeroed; lives until sp_arena_free. */
void *sp_arena_alloc(struct sp_arena *arena, size_t size);
char *sp_arena_strndup(struct sp_arena *arena, const char *s, size_t len);
/* Append `more_count` items of `size` bytes from `more` to the arena array `items` holding
 * *count of them in room for *cap (0 with items NULL: none yet), growing it to twice what is
 * needed when full. Returns the array (perhaps moved); *count and *cap are updated. For lists a
 * store reads page by page and answers whole. */
void *sp_arena_append(struct sp_arena *arena, void *items, size_t *count, size_t *cap,
                      const void *more, size_t more_count, size_t size);
/* Run fn(data) when the arena is freed (e.g. json_decref for a body parsed into it). */
void sp_arena_on_free(struct sp_arena *arena, void (*fn)(void *), void *data);

#endif
