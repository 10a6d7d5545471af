/*
 * buf.h — owned growable byte buffers and non-owning string slices.
 *
 * struct nis5g_buf is always NUL-terminated once initialised (data is never
 * NULL after _init). Allocation failure aborts the process with a message:
 * the library treats out-of-memory as fatal everywhere, like git's xmalloc,
 * so that no caller has to thread ENOMEM through string building.
 */
#ifndef NIS5G_BUF_H
#define NIS5G_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct nis5g_buf {
    char *data;
    size_t len, cap;
};

/* Non-owning slice: p points into someone else's memory; not NUL-terminated. */
struct nis5g_str {
    const char *p;
    size_t n;
};

#define NIS5G_BUF_INIT { NULL, 0, 0 }

void nis5g_buf_init(struct nis5g_buf *b);
void nis5g_buf_release(struct nis5g_buf *b);
/* Make room for n more bytes (plus the NUL). */
void nis5g_buf_grow(struct nis5g_buf *b, size_t n);
void nis5g_buf_add(struct nis5g_buf *b, const void *p, size_t n);
void nis5g_buf_adds(struct nis5g_buf *b, const char *s);
void nis5g_buf_addch(struct nis5g_buf *b, char c);
void nis5g_buf_addf(struct nis5g_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nis5g_buf_vaddf(struct nis5g_buf *b, const char *fmt, va_list ap);
void nis5g_buf_reset(struct nis5g_buf *b); /* len = 0, keeps the memory */
/* Hand the data to the caller (free() it); the buffer is re-initialised. */
char *nis5g_buf_detach(struct nis5g_buf *b, size_t *len);

/* Allocation wrappers: abort with a message on failure. A test can make the
 * Nth allocation fail through nis5g_alloc_fail_after (returns NULL then,
 * instead of aborting, for the calls that can handle it: nis5g_try_*). */
void *nis5g_xmalloc(size_t n);
void *nis5g_xcalloc(size_t n, size_t size);
void *nis5g_xrealloc(void *p, size_t n);
void *nis5g_xreallocarray(void *p, size_t n, size_t size);
char *nis5g_xstrdup(const char *s);
char *nis5g_xstrndup(const char *s, size_t n);

static inline struct nis5g_str nis5g_str_from(const char *p, size_t n)
{
    struct nis5g_str s = { p, n };
    return s;
}
/* Hint that [p, p+n) is a large array read at random: back it with huge
 * pages where the kernel allows (a no-op for small arrays). */
void nis5g_advise_huge(void *p, size_t n);
int nis5g_str_eq(struct nis5g_str a, const char *s);
/* Read a whole file into memory (NUL-terminated). Returns 0 or -1 (errno). */
int nis5g_read_file(const char *path, char **data, size_t *len);

#endif
