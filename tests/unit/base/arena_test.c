/* base/mem: the per-request arena (alignment, zeroing, distinct memory, cleanups) and the x*
 * allocators' copies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* Sizes straddle every power of two up to the arena's 4 KiB block (mem.c) and exceed it, so
 * allocations land in fresh blocks, at a block's end and in oversized blocks. */
static const size_t sizes[] = {
    1,    2,    3,    7,    8,    9,    15,   16,   17,   31,   32,   33,    63,    64,
    65,   100,  127,  128,  129,  255,  256,  257,  511,  512,  513,  1000,  1023,  1024,
    1025, 2047, 2048, 2049, 4000, 4095, 4096, 4097, 8191, 8192, 8193, 10000, 65536,
};

#define ALLOC_ROUNDS 25
#define SIZE_COUNT (sizeof sizes / sizeof sizes[0])
#define ALLOC_COUNT (ALLOC_ROUNDS * SIZE_COUNT)

struct span {
    uintptr_t start;
    size_t size;
    unsigned char fill;
};

static int span_cmp(const void *a, const void *b)
{
    const struct span *x = a;
    const struct span *y = b;

    return (x->start > y->start) - (x->start < y->start);
}

/* Every allocation is aligned to _Alignof(max_align_t) (C11 §7.19: "an object type whose
 * alignment is as great as is supported by the implementation in all contexts", which mem.h's
 * "aligned for any type" promises), arrives zeroed, and overlaps no other: each is filled with its
 * own byte and all are checked again at the end. */
static void allocations_are_aligned_zeroed_distinct(void **state)
{
    struct sp_arena *arena = sp_arena_new();
    struct span *spans = calloc(ALLOC_COUNT, sizeof *spans);
    const size_t align = _Alignof(max_align_t);
    size_t n = 0;

    (void)state;
    assert_non_null(spans);
    for (size_t round = 0; round < ALLOC_ROUNDS; round++) {
        for (size_t k = 0; k < SIZE_COUNT; k++) {
            /* Rotate the order each round so that every size follows many others. */
            size_t size = sizes[(k * 7 + round) % SIZE_COUNT];
            unsigned char *p = sp_arena_alloc(arena, size);

            if (p == NULL)
                fail_msg("alloc %zu (%zu bytes): NULL", n, size);
            if ((uintptr_t)p % align != 0)
                fail_msg("alloc %zu (%zu bytes): %p not aligned to %zu", n, size, (void *)p, align);
            for (size_t b = 0; b < size; b++) {
                if (p[b] != 0)
                    fail_msg("alloc %zu (%zu bytes): byte %zu is %u", n, size, b, p[b]);
            }
            spans[n].start = (uintptr_t)p;
            spans[n].size = size;
            spans[n].fill = (unsigned char)(n % 251 + 1);
            memset(p, spans[n].fill, size);
            n++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const unsigned char *p = (const unsigned char *)spans[i].start;

        for (size_t b = 0; b < spans[i].size; b++) {
            if (p[b] != spans[i].fill)
                fail_msg("alloc %zu: byte %zu overwritten by a later allocation", i, b);
        }
    }
    qsort(spans, n, sizeof *spans, span_cmp);
    for (size_t i = 1; i < n; i++) {
        if (spans[i - 1].start + spans[i - 1].size > spans[i].start)
            fail_msg("allocations at %#lx (%zu bytes) and %#lx overlap",
                     (unsigned long)spans[i - 1].start, spans[i - 1].size,
                     (unsigned long)spans[i].start);
    }
    free(spans);
    sp_arena_free(arena);
}

/* Rows: bytes and a length; the copy is those len bytes and a NUL (a cut inside a UTF-8
 * sequence is copied as given: the arena knows bytes, not characters). */
static const struct {
    const char *s;
    size_t len;
} strndup_rows[] = {
    {"", 0},
    {"abc", 3},
    {"abcdef", 3},
    {"\xc3\x86r\xc3\xb8", 4}, /* "Ærø" cut after the first byte of ø */
};

static void strndup_copies_and_terminates(void **state)
{
    struct sp_arena *arena = sp_arena_new();

    (void)state;
    for (size_t i = 0; i < sizeof strndup_rows / sizeof strndup_rows[0]; i++) {
        char *copy = sp_arena_strndup(arena, strndup_rows[i].s, strndup_rows[i].len);

        if (copy == strndup_rows[i].s ||
            memcmp(copy, strndup_rows[i].s, strndup_rows[i].len) != 0 ||
            copy[strndup_rows[i].len] != '\0')
            fail_msg("row %zu: not a terminated copy", i);
    }
    sp_arena_free(arena);
}

/* Cleanups record the order they run in. */
#define CLEANUP_COUNT 300

struct order_log {
    int ran[CLEANUP_COUNT];
    size_t count;
};

struct cleanup_arg {
    struct order_log *log;
    int index;
};

static void record_cleanup(void *data)
{
    struct cleanup_arg *arg = data;

    if (arg->log->count < CLEANUP_COUNT)
        arg->log->ran[arg->log->count] = arg->index;
    arg->log->count++;
}

/* mem.h: "Cleanups run in reverse order at free", as nginx runs a pool's cleanup handlers
 * (ngx_destroy_pool walks the list it pushes onto). Allocations in between push the cleanups
 * across several blocks; each cleanup's argument lives in the arena itself, so the cleanups must
 * run before the blocks are freed (ASan would report a use after free). */
static void cleanups_run_in_reverse_order(void **state)
{
    struct sp_arena *arena = sp_arena_new();
    struct order_log log = {{0}, 0};

    (void)state;
    for (int i = 0; i < CLEANUP_COUNT; i++) {
        struct cleanup_arg *arg = sp_arena_alloc(arena, sizeof *arg);

        arg->log = &log;
        arg->index = i;
        sp_arena_on_free(arena, record_cleanup, arg);
        (void)sp_arena_alloc(arena, sizes[(size_t)i % SIZE_COUNT]);
    }
    assert_int_equal(log.count, 0);
    sp_arena_free(arena);
    assert_int_equal(log.count, CLEANUP_COUNT);
    for (size_t k = 0; k < CLEANUP_COUNT; k++) {
        if (log.ran[k] != CLEANUP_COUNT - 1 - (int)k)
            fail_msg("position %zu: cleanup %d ran, expected %d", k, log.ran[k],
                     CLEANUP_COUNT - 1 - (int)k);
    }
}

static void free_null_and_empty_are_fine(void **state)
{
    (void)state;
    sp_arena_free(NULL);
    sp_arena_free(sp_arena_new()); /* no block, no cleanup */
}

/* The x* allocators: copies of exactly len bytes, NUL-terminated, never NULL. */
static void xstrndup_copies(void **state)
{
    char *a = sp_xstrdup("Morsø");
    char *b = sp_xstrndup("Thisted", 4);
    char *c = sp_xcalloc(0, 0); /* "never returns NULL", even for zero bytes */

    (void)state;
    assert_string_equal(a, "Morsø");
    assert_string_equal(b, "This");
    assert_non_null(c);
    free(a);
    free(b);
    free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocations_are_aligned_zeroed_distinct),
        cmocka_unit_test(strndup_copies_and_terminates),
        cmocka_unit_test(cleanups_run_in_reverse_order),
        cmocka_unit_test(free_null_and_empty_are_fine),
        cmocka_unit_test(xstrndup_copies),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
