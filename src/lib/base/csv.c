/*
 * csv.c — RFC 4180 reader (see csv.h). The hot loop scans unquoted fields
 * with a byte class table. The text is left as it is in the file (error
 * messages show its lines): a quoted field with doubled quotes is unescaped
 * into chunks the reader owns.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "nis5g/buf.h"
#include "base/csv.h"

/* Position of byte offset `at` for messages. */
static void locate(const struct nis5g_csv *c, size_t at, uint32_t *line, size_t *line_at)
{
    uint32_t l = 1 + c->line_base;
    size_t la = 0;
    for (size_t i = 0; i < at && i < c->len; i++)
        if (c->data[i] == '\n') {
            l++;
            la = i + 1;
        }
    *line = l;
    *line_at = la;
}

int nis5g_csv_col(const struct nis5g_csv *c, size_t line_at, size_t at)
{
    int col = 1;
    for (size_t i = line_at; i < at && i < c->len; i++)
        if (((unsigned char)c->data[i] & 0xC0) != 0x80)
            col++;
    return col;
}

const char *nis5g_csv_line_text(const struct nis5g_csv *c, size_t line_at, size_t *len)
{
    const char *p = c->data + line_at;
    const char *nl = memchr(p, '\n', c->len - line_at);
    *len = nl ? (size_t)(nl - p) : c->len - line_at;
    return p;
}

/* Length of a valid UTF-8 sequence at p (1-4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
    unsigned char b = p[0];
    if (b < 0x80)
        return b ? 1 : 0;
    size_t n;
    uint32_t cp;
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
        cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        cp = b & 0x07;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static int bad_at(struct nis5g_csv *c, size_t at, struct nis5g_err *err, const char *what)
{
    uint32_t line;
    size_t la;
    locate(c, at, &line, &la);
    nis5g_err_set(err, NIS5G_EPARSE, "%s", what);
    err->file = c->name;
    err->line = (int)line;
    err->col = nis5g_csv_col(c, la, at);
    return NIS5G_EPARSE;
}

static int check_text(struct nis5g_csv *c, struct nis5g_err *err);

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
/* A byte of w is zero. */
#define HAS_ZERO(w) (((w) - ONES) & ~(w) & HIGHS)

#define LOWS 0x7F7F7F7F7F7F7F7Full

/* Quotes among the 8 bytes of w: exact per byte (no borrow from one byte
 * into the next, unlike HAS_ZERO, which only says whether there is one). */
static unsigned quotes8(uint64_t w)
{
    uint64_t x = w ^ (ONES * '"');
    if (!HAS_ZERO(x))
        return 0; /* the common case: no quote at all */
    uint64_t z = ~(((x & LOWS) + LOWS) | x | LOWS);
    return (unsigned)__builtin_popcountll(z);
}

/* Offset of the first byte that is not valid UTF-8 text (or a NUL), or len;
 * *quotes counts the '"' before it, in the same pass (the readers' split
 * points are found from their parity, see nis5g_csv_split). */
static size_t first_bad(const unsigned char *p, size_t len, size_t *quotes)
{
    size_t i = 0, q = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* ASCII runs 8 bytes at a time: no high bit and no zero byte */
            if (!(w & HIGHS) && !HAS_ZERO(w)) {
                q += quotes8(w);
                i += 8;
                continue;
            }
        }
        size_t n = utf8_seq(p + i, len - i);
        if (!n)
            break;
        q += p[i] == '"';
        i += n;
    }
    *quotes = q;
    return i;
}

struct scan {
    const unsigned char *p;
    size_t len, bad, quotes;
};

static void *scan_run(void *arg)
{
    struct scan *s = arg;
    s->bad = first_bad(s->p, s->len, &s->quotes);
    return NULL;
}

int nis5g_csv_open(struct nis5g_csv *c, const char *name, char *data, size_t len, struct nis5g_err *err)
{
    memset(c, 0, sizeof *c);
    c->name = name;
    c->base = data;
    c->data = data;
    c->len = len;
    return check_text(c, err);
}

int nis5g_csv_open_file(struct nis5g_csv *c, const char *path, const char *name, struct nis5g_err *err)
{
    memset(c, 0, sizeof *c);
    c->name = name;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        int e = fd < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : errno;
        if (fd >= 0)
            close(fd);
        nis5g_err_set(err, NIS5G_EIO, "cannot read: %s", strerror(e));
        err->file = name;
        return NIS5G_EIO;
    }
    if (st.st_size == 0) {
        close(fd);
        c->base = c->data = nis5g_xcalloc(1, 1);
        return check_text(c, err);
    }
    /* A private mapping: the page cache is read in place (no copy, no
     * zeroed buffer); only pages where quoted fields are unescaped get a
     * private copy. */
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (p == MAP_FAILED) {
        nis5g_err_set(err, NIS5G_EIO, "cannot read: %s", strerror(e));
        err->file = name;
        return NIS5G_EIO;
    }
    madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
    c->base = c->data = p;
    c->map_len = (size_t)st.st_size;
    c->len = (size_t)st.st_size;
    return check_text(c, err);
}

static int check_text(struct nis5g_csv *c, struct nis5g_err *err)
{
    char *data = c->data;
    size_t len = c->len;
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF) {
        data += 3;
        len -= 3;
    }
    c->data = data;
    c->len = len;
    c->line = 1;
    /* Encoding check, over two threads for a large file (the pages are
     * first touched here, so the faults are shared too). */
    const unsigned char *p = (const unsigned char *)data;
    size_t bad = len;
    if (len >= (8u << 20)) {
        size_t split = len / 2;
        while (split < len && (p[split] & 0xC0) == 0x80)
            split++;
        struct scan second = { p + split, len - split, 0, 0 };
        pthread_t t;
        int threaded = pthread_create(&t, NULL, scan_run, &second) == 0;
        size_t q1;
        bad = first_bad(p, split, &q1);
        if (threaded)
            pthread_join(t, NULL);
        else
            scan_run(&second);
        if (bad == split)
            bad = split + second.bad; /* len when both halves are clean */
        c->mark = split;
        c->mark_quotes = q1;
        c->has_quote = q1 || second.quotes;
    } else {
        bad = first_bad(p, len, &c->mark_quotes);
        c->mark = len;
        c->has_quote = c->mark_quotes != 0;
    }
    if (bad < len) {
        int rc = bad_at(c, bad, err, p[bad] ? "invalid UTF-8 (the file must be UTF-8 text)"
                                           : "NUL byte in the file (the file must be text)");
        nis5g_csv_close(c);
        return rc;
    }
    return 0;
}

struct nis5g_csv_chunk {
    struct nis5g_csv_chunk *next;
    size_t used, cap;
    char data[];
};

static void free_chunks(struct nis5g_csv *c)
{
    while (c->chunks) {
        struct nis5g_csv_chunk *k = c->chunks;
        c->chunks = k->next;
        free(k);
    }
}

/* n bytes that stay put until the reader is closed. */
static char *chunk_alloc(struct nis5g_csv *c, size_t n)
{
    struct nis5g_csv_chunk *k = c->chunks;
    if (!k || k->cap - k->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        k = nis5g_xmalloc(sizeof *k + cap);
        k->cap = cap;
        k->used = 0;
        k->next = c->chunks;
        c->chunks = k;
    }
    char *p = k->data + k->used;
    k->used += n;
    return p;
}

void nis5g_csv_close(struct nis5g_csv *c)
{
    free_chunks(c);
    if (c->map_len)
        munmap(c->base, c->map_len);
    else
        free(c->base);
    free(c->f);
    memset(c, 0, sizeof *c);
}

static struct nis5g_csv_field *push_field(struct nis5g_csv *c)
{
    if (c->nf == c->capf) {
        c->capf = c->capf ? 2 * c->capf : 16;
        c->f = nis5g_xreallocarray(c->f, c->capf, sizeof *c->f);
    }
    return &c->f[c->nf++];
}

void nis5g_csv_view(struct nis5g_csv *view, const struct nis5g_csv *c, size_t start, size_t end)
{
    memset(view, 0, sizeof *view);
    view->name = c->name;
    view->data = c->data + start;
    view->len = end - start;
    uint32_t lines = c->line_base;
    const char *p = c->data, *stop = c->data + start;
    while ((p = memchr(p, '\n', (size_t)(stop - p)))) {
        lines++;
        p++;
    }
    view->line_base = lines;
    view->line = lines + 1;
}

void nis5g_csv_view_release(struct nis5g_csv *view)
{
    free_chunks(view);
    free(view->f);
    memset(view, 0, sizeof *view);
}

void nis5g_csv_pad(struct nis5g_csv *c, size_t n)
{
    while (c->nf < n) {
        struct nis5g_csv_field *f = push_field(c);
        memset(f, 0, sizeof *f);
        f->p = "";
    }
}

/* After a syntax error: resume at the line after offset i. */
static void skip_line(struct nis5g_csv *c, size_t i)
{
    const char *nl = memchr(c->data + i, '\n', c->len - i);
    if (!nl) {
        c->pos = c->len;
        return;
    }
    c->pos = (size_t)(nl - c->data) + 1;
    c->line++;
    c->line_at = c->pos;
}

/* 1 for bytes that end an unquoted run: , \n \r " */
static const unsigned char stop[256] = { [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1 };

int nis5g_csv_next(struct nis5g_csv *c, struct nis5g_err *err)
{
    c->nf = 0;
    if (c->pos >= c->len)
        return 0;
    char *d = c->data;
    size_t i = c->pos, n = c->len;
    c->rec_line = c->line;
    for (;;) {
        struct nis5g_csv_field *f = push_field(c);
        f->line = c->line;
        f->at = i;
        f->line_at = c->line_at;
        if (i < n && d[i] == '"') {
            /* quoted: the slice between the quotes, or an unescaped copy
             * when it holds doubled quotes */
            size_t r = i + 1, dq = 0;
            for (;;) {
                if (r >= n) {
                    c->pos = n;
                    c->unclosed = 1;
                    return -bad_at(c, f->at, err, "unclosed quote (a quoted field must end with \")");
                }
                char ch = d[r];
                if (ch == '"') {
                    if (r + 1 < n && d[r + 1] == '"') {
                        dq++;
                        r += 2;
                        continue;
                    }
                    r++;
                    break;
                }
                if (ch == '\n') {
                    c->line++;
                    c->line_at = r + 1;
                }
                r++;
            }
            size_t raw = r - 1 - (i + 1);
            if (!dq) {
                f->p = d + i + 1;
            } else {
                char *w = chunk_alloc(c, raw - dq);
                f->p = w;
                for (size_t k = i + 1; k < r - 1; k++) {
                    *w++ = d[k];
                    if (d[k] == '"')
                        k++;
                }
            }
            f->n = (uint32_t)(raw - dq);
            i = r;
            if (i < n && d[i] != ',' && d[i] != '\n' && !(d[i] == '\r' && i + 1 < n && d[i + 1] == '\n') &&
                !(d[i] == '\r' && i + 1 == n)) {
                skip_line(c, i);
                return -bad_at(c, i, err, "unexpected text after a closing quote (quote the whole field, "
                                          "and double any quote inside it)");
            }
        } else {
            size_t s = i;
            while (i < n && !stop[(unsigned char)d[i]])
                i++;
            if (i < n && d[i] == '"') {
                skip_line(c, i);
                return -bad_at(c, i, err, "quote inside an unquoted field (quote the whole field, and double "
                                          "any quote inside it)");
            }
            if (i < n && d[i] == '\r' && !(i + 1 < n && d[i + 1] == '\n') && i + 1 != n) {
                skip_line(c, i);
                return -bad_at(c, i, err, "carriage return inside an unquoted field");
            }
            f->p = d + s;
            f->n = (uint32_t)(i - s);
        }
        f->end = i;
        if (i >= n) {
            c->pos = n;
            return 1;
        }
        if (d[i] == ',') {
            i++;
            continue;
        }
        if (d[i] == '\r')
            i++;
        if (i < n && d[i] == '\n') {
            i++;
            c->line++;
            c->line_at = i;
        }
        c->pos = i;
        return 1;
    }
}

/* Quote parity decides whether a newline ends a record: in RFC 4180 text
 * every quoted field holds an even number of quotes (its two, and each
 * doubled one), and unquoted fields hold none, so a newline with an even
 * number of quotes before it (from a record start) is outside quotes. The
 * count up to the middle comes from the encoding check (two threads); only
 * the bytes from there to the first such newline are looked at here. In
 * text that is not RFC 4180 the guess can be wrong: the callers check it
 * (nis5g_csv_view's unclosed flag). */
size_t nis5g_csv_split(const struct nis5g_csv *c, size_t from)
{
    if (from >= c->len)
        return c->len;
    size_t s, odd = 0;
    if (c->mark > from && c->mark < c->len) {
        s = c->mark;
        size_t before = 0;
        for (size_t i = 0; i < from; i++)
            before += c->data[i] == '"';
        odd = (c->mark_quotes - before) & 1;
    } else {
        s = from + (c->len - from) / 2;
        const char *p = c->data + from, *end = c->data + s;
        while ((p = memchr(p, '"', (size_t)(end - p)))) {
            odd ^= 1;
            p++;
        }
    }
    for (size_t i = s; i < c->len; i++) {
        if (c->data[i] == '"')
            odd ^= 1;
        else if (c->data[i] == '\n' && !odd)
            return i + 1;
    }
    return c->len;
}
