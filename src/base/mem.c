#include "base/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(size_t size)
{
    fprintf(stderr, "samspor: out of memory allocating %zu bytes\n", size);
    abort();
}

void *sp_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (p == NULL)
        die_oom(size);
    return p;
}

void *sp_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (p == NULL)
        die_oom(count * size);
    return p;
}

void *sp_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (p == NULL)
        die_oom(size);
    return p;
}

char *sp_xstrdup(const char *s)
{
    return sp_xstrndup(s, strlen(s));
}

char *sp_xstrndup(const char *s, size_t len)
{
    char *p = sp_xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* Blocks are chained; a request typically needs one 4 KiB block. */
#define ARENA_BLOCK_SIZE 4096

struct arena_block {
    struct arena_block *next;
    size_t used;
    size_t size;
    _Alignas(max_align_t) unsigned char data[];
};

struct arena_cleanup {
    struct arena_cleanup *next;
    void (*fn)(void *);
    void *data;
};

struct sp_arena {
    struct arena_block *blocks;
    struct arena_cleanup *cleanups;
};

struct sp_arena *sp_arena_new(void)
{
    return sp_xcalloc(1, sizeof(struct sp_arena));
}

void sp_arena_free(struct sp_arena *arena)
{
    if (arena == NULL)
        return;
    for (struct arena_cleanup *c = arena->cleanups; c != NULL; c = c->next)
        c->fn(c->data);
    for (struct arena_block *b = arena->blocks, *next; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(arena);
}

void *sp_arena_alloc(struct sp_arena *arena, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size_t need;

    /* A size this large cannot be served; rounding it up would wrap around to a small one. */
    if (size > SIZE_MAX - sizeof(struct arena_block) - align)
        die_oom(size);
    need = (size + align - 1) / align * align;
    struct arena_block *b = arena->blocks;
    void *p;

    if (b == NULL || b->size - b->used < need) {
        size_t block_size = need > ARENA_BLOCK_SIZE ? need : ARENA_BLOCK_SIZE;

        b = sp_xmalloc(sizeof *b + block_size);
        b->size = block_size;
        b->used = 0;
        b->next = arena->blocks;
        arena->blocks = b;
    }
    p = b->data + b->used;
    b->used += need;
    memset(p, 0, size);
    return p;
}

char *sp_arena_strndup(struct sp_arena *arena, const char *s, size_t len)
{
    char *p = sp_arena_alloc(arena, len + 1);

    memcpy(p, s, len);
    return p;
}

void sp_arena_on_free(struct sp_arena *arena, void (*fn)(void *), void *data)
{
    struct arena_cleanup *c = sp_arena_alloc(arena, sizeof *c);

    c->fn = fn;
    c->data = data;
    c->next = arena->cleanups;
    arena->cleanups = c;
}

void *sp_arena_append(struct sp_arena *arena, void *items, size_t *count, size_t *cap,
                      const void *more, size_t more_count, size_t size)
{
    if (more_count == 0)
        return items;
    if (*count + more_count > *cap) {
        void *bigger;

        *cap = (*count + more_count) * 2;
        bigger = sp_arena_alloc(arena, size * *cap);
        if (*count > 0)
            memcpy(bigger, items, size * *count);
        items = bigger;
    }
    memcpy((char *)items + size * *count, more, size * more_count);
    *count += more_count;
    return items;
}
