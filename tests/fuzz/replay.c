/* Replays a fuzz corpus without libFuzzer, so ctest runs every committed input under the normal
 * (ASan+UBSan) build, as SQLite's test/fuzzcheck.c replays its fuzzer finds. Usage:
 * NAME_fuzz_replay DIR. Every regular file in DIR whose name does not start with '.' is one
 * input, run in name order; exits 0 after "replayed N inputs", 1 if DIR cannot be read or has no
 * inputs. A failed invariant aborts inside the target. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);

    if (q == NULL) {
        fputs("replay: out of memory\n", stderr);
        abort(); /* docs/code-style.md: out of memory aborts */
    }
    return q;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the whole regular file `name` in directory dir_fd into a buffer of exactly its size, so
 * ASan sees any read past the input's end. 0 on success. */
static int read_input(int dir_fd, const char *name, uint8_t **out, size_t *out_len)
{
    struct stat st;
    uint8_t *buf = NULL;
    size_t len = 0;
    int rc = -1;
    int fd = openat(dir_fd, name, O_RDONLY);

    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0 || st.st_size < 0)
        goto out;
    len = (size_t)st.st_size;
    buf = xrealloc(NULL, len);
    for (size_t done = 0; done < len;) {
        ssize_t n = read(fd, buf + done, len - done);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto out;
        done += (size_t)n;
    }
    *out = buf;
    *out_len = len;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    close(fd);
    return rc;
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *ent;
    char **names = NULL;
    size_t count = 0;
    int status = 1;

    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    dir = opendir(argv[1]);
    if (dir == NULL) {
        fprintf(stderr, "replay: cannot open %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    while ((ent = readdir(dir)) != NULL) {
        struct stat st;

        if (ent->d_name[0] == '.') /* ".", "..", and .gitkeep-style placeholders */
            continue;
        if (fstatat(dirfd(dir), ent->d_name, &st, 0) != 0 || !S_ISREG(st.st_mode))
            continue;
        names = xrealloc(names, (count + 1) * sizeof *names);
        names[count] = xrealloc(NULL, strlen(ent->d_name) + 1);
        memcpy(names[count], ent->d_name, strlen(ent->d_name) + 1);
        count++;
    }
    if (count == 0) {
        fprintf(stderr, "replay: no inputs in %s\n", argv[1]);
        goto out;
    }
    qsort(names, count, sizeof *names, by_name);
    for (size_t i = 0; i < count; i++) {
        uint8_t *data = NULL;
        size_t len = 0;

        if (read_input(dirfd(dir), names[i], &data, &len) != 0) {
            fprintf(stderr, "replay: cannot read %s/%s\n", argv[1], names[i]);
            goto out;
        }
        LLVMFuzzerTestOneInput(data, len);
        free(data);
    }
    printf("replayed %zu inputs\n", count);
    status = 0;
out:
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
    closedir(dir);
    return status;
}
