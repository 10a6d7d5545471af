/*
 * err.h — error codes, single errors and diagnostic lists.
 *
 * Library calls return an enum nis5g_code (0 = NIS5G_OK). When they know
 * more they fill a struct nis5g_err: inner code says *what* went wrong, the
 * layer that knows the file fills in *where*. Parsers that report several
 * problems at once (CSV import, policies, catalogues) collect them in a
 * struct nis5g_diags, which the CLI prints as
 *
 *   elements.csv:12:7: error: expected a date (YYYY-MM-DD) — got '2023-02-30'
 *      12 | E1,OP1,S1,ran,RU,Ericsson,,,2023-02-30
 *         |                                 ^
 *
 * and the server turns into JSON. Only src/cli/ prints.
 */
#ifndef NIS5G_ERR_H
#define NIS5G_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* X-macro: code, short name (used in JSON), CLI exit status. */
#define NIS5G_ERRORS(X)                                   \
    X(NIS5G_OK,        "ok",        0)                    \
    X(NIS5G_EFOUND,    "violation", 1) /* ran; found violations */ \
    X(NIS5G_EUSAGE,    "usage",     2)                    \
    X(NIS5G_EPARSE,    "parse",     2)                    \
    X(NIS5G_EINPUT,    "input",     2) /* well-formed but invalid */ \
    X(NIS5G_ENOTFOUND, "not_found", 2)                    \
    X(NIS5G_EEXIST,    "exists",    2)                    \
    X(NIS5G_EVERIFY,   "verify",    2) /* signature or trust */ \
    X(NIS5G_EDENIED,   "denied",    2)                    \
    X(NIS5G_ENOMEM,    "nomem",     3)                    \
    X(NIS5G_EIO,       "io",        3)                    \
    X(NIS5G_ESTORE,    "store",     3)                    \
    X(NIS5G_ELIMIT,    "limit",     3)                    \
    X(NIS5G_EINTERNAL, "internal",  3)

enum nis5g_code {
#define NIS5G_ERR_ENUM(c, s, e) c,
    NIS5G_ERRORS(NIS5G_ERR_ENUM)
#undef NIS5G_ERR_ENUM
    NIS5G_ERR_COUNT
};

/* Short, stable name of a code ("parse", "io"...). Never NULL. */
const char *nis5g_strerror(int code);
/* The CLI exit status for a code: 0, 1, 2 or 3. */
int nis5g_exit_status(int code);

/* One error with an optional place. file points to static or caller-owned
 * storage that outlives the struct (usually a file name the caller holds). */
struct nis5g_err {
    int code;
    char msg[256];
    const char *file;
    int line, col; /* 1-based; 0 when unknown */
};

/* Set code and a printf-style message; clears the place. Returns code so
 * that callers can write `return nis5g_err_set(err, NIS5G_EIO, "...")`.
 * err may be NULL. */
int nis5g_err_set(struct nis5g_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

enum nis5g_severity { NIS5G_ERROR, NIS5G_WARNING, NIS5G_NOTE };

/* One diagnostic. All strings are owned by the list. */
struct nis5g_diag {
    enum nis5g_severity severity;
    int code;
    char *file;   /* display name, e.g. "elements.csv" */
    int line, col;/* 1-based; col counts characters, as editors do */
    char *msg;    /* what, lowercase, problem first */
    char *got;    /* the offending value, or NULL */
    char *source; /* the source line (without newline), or NULL */
};

/* A list of diagnostics with a cap on errors, and one on warnings of each
 * kind. After max_errors errors have been added, nis5g_diags_full() is
 * true and parsers stop. Of the warnings of one kind (their message with
 * each quoted value left out: "pool '…' of element '…' has no active
 * member"), the first max_warnings are kept; the rest are counted in one
 * note that follows them, "... and 41,233 more warnings like \"…\"". The
 * warnings count includes them all. */
struct nis5g_diag_kind; /* private to err.c */

struct nis5g_diags {
    struct nis5g_diag *v;
    size_t n, cap;
    size_t errors, warnings;
    size_t max_errors;   /* 0 means the default, 20 */
    size_t max_warnings; /* of each kind; 0 means the default, 20; SIZE_MAX: no cap */
    struct nis5g_diag_kind *kinds;
    size_t n_kinds;
};

void nis5g_diags_init(struct nis5g_diags *d);
void nis5g_diags_release(struct nis5g_diags *d);
/* Add a diagnostic. source/got may be NULL; source is the full text of the
 * line (length source_len, no newline needed). Strings are copied. Returns
 * the added diag, or NULL when it is not kept (a warning over the cap of
 * its kind). */
struct nis5g_diag *nis5g_diags_add(struct nis5g_diags *d, enum nis5g_severity sev, int code,
                                   const char *file, int line, int col, const char *source,
                                   size_t source_len, const char *got, size_t got_len,
                                   const char *fmt, ...) __attribute__((format(printf, 11, 12)));
/* The same with the message's arguments as a va_list, for a caller's own
 * printf-like diagnostic function. */
struct nis5g_diag *nis5g_diags_vadd(struct nis5g_diags *d, enum nis5g_severity sev, int code,
                                    const char *file, int line, int col, const char *source,
                                    size_t source_len, const char *got, size_t got_len,
                                    const char *fmt, va_list ap) __attribute__((format(printf, 11, 0)));
/* True once max_errors errors are in the list. */
int nis5g_diags_full(const struct nis5g_diags *d);
/* Turn a single error into a diagnostic (no source line). */
void nis5g_diags_add_err(struct nis5g_diags *d, const struct nis5g_err *err);

#endif
