/*
 * buf.c — growable buffers, allocation wrappers and small string helpers.
 * Out-of-memory is fatal (see buf.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>

#include "nis5g/buf.h"

static void oom(size_t n)
{
    fprintf(stderr, "nis5g: out of memory (allocating %zu bytes)\n", n);
    abort();
}

void *nis5g_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *nis5g_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *nis5g_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

void *nis5g_xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        oom(SIZE_MAX);
    return nis5g_xrealloc(p, n * size);
}

char *nis5g_xstrdup(const char *s)
{
    return nis5g_xstrndup(s, strlen(s));
}

char *nis5g_xstrndup(const char *s, size_t n)
{
    char *p = nis5g_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static char empty_buf[1];

void nis5g_buf_init(struct nis5g_buf *b)
{
    b->data = empty_buf;
    b->len = b->cap = 0;
}

void nis5g_buf_release(struct nis5g_buf *b)
{
    if (b->cap)
        free(b->data);
    nis5g_buf_init(b);
}

void nis5g_buf_grow(struct nis5g_buf *b, size_t n)
{
    if (!b->data)
        nis5g_buf_init(b);
    if (b->len + n + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1)
        cap *= 2;
    if (b->cap) {
        b->data = nis5g_xrealloc(b->data, cap);
    } else {
        char *p = nis5g_xmalloc(cap);
        memcpy(p, b->data, b->len);
        b->data = p;
    }
    b->cap = cap;
    b->data[b->len] = 0;
}

void nis5g_buf_add(struct nis5g_buf *b, const void *p, size_t n)
{
    nis5g_buf_grow(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void nis5g_buf_adds(struct nis5g_buf *b, const char *s)
{
    nis5g_buf_add(b, s, strlen(s));
}

void nis5g_buf_addch(struct nis5g_buf *b, char c)
{
    nis5g_buf_add(b, &c, 1);
}

void nis5g_buf_vaddf(struct nis5g_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    va_copy(cp, ap);
    nis5g_buf_grow(b, 64);
    int n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp);
    va_end(cp);
    if (n < 0)
        return;
    if ((size_t)n >= b->cap - b->len) {
        nis5g_buf_grow(b, (size_t)n);
        vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
    }
    b->len += (size_t)n;
}

void nis5g_buf_addf(struct nis5g_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis5g_buf_vaddf(b, fmt, ap);
    va_end(ap);
}

void nis5g_buf_reset(struct nis5g_buf *b)
{
    if (!b->data)
        nis5g_buf_init(b);
    b->len = 0;
    if (b->cap)
        b->data[0] = 0;
}

char *nis5g_buf_detach(struct nis5g_buf *b, size_t *len)
{
    char *p;
    if (!b->data || !b->cap)
        p = nis5g_xstrndup("", 0);
    else
        p = b->data;
    if (len)
        *len = b->len;
    nis5g_buf_init(b);
    return p;
}

int nis5g_str_eq(struct nis5g_str a, const char *s)
{
    size_t n = strlen(s);
    return a.n == n && memcmp(a.p, s, n) == 0;
}

int nis5g_read_file(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EISDIR;
        return -1;
    }
    size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096, n = 0;
    char *p = nis5g_xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            p = nis5g_xrealloc(p, cap);
        }
        ssize_t r = read(fd, p + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            free(p);
            close(fd);
            errno = e;
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    p[n] = 0;
    *data = p;
    *len = n;
    return 0;
}

void nis5g_advise_huge(void *p, size_t n)
{
    /* Large random-access arrays (hash slots, columns) miss the TLB on
     * every probe with 4 KiB pages, worse under virtualisation; ask for
     * transparent huge pages on the whole pages inside [p, p+n). */
    if (n < (4u << 20))
        return;
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, e = ((uintptr_t)p + n) & ~(uintptr_t)4095;
    if (e > a)
        madvise((void *)a, e - a, MADV_HUGEPAGE);
}
