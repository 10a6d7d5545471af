/*
 * opts.h — options as data: one table per command or query declares each
 * option's name, kind of value, help line and where the value goes.
 *
 * The same table drives the command line (src/cli/options.c parses argv,
 * prints the usage line and `nis5g help CMD`) and the server (a query
 * string's name=value pairs go through nis5g_opt_set), so an option is
 * declared once and checked by one parser. Values land in a parameters
 * struct at the entry's offset; the table never allocates: strings point
 * into the caller's argv or request, lists are arrays of such pointers.
 *
 * The common options (--snapshot, --at, --policy, --json, --csv) are
 * macros below so that every command declares them the same way.
 */
#ifndef NIS5G_OPTS_H
#define NIS5G_OPTS_H

#include <stddef.h>
#include <stdint.h>

#include "nis5g/err.h"

enum nis5g_opt_type {
    NIS5G_OPT_END = 0,
    NIS5G_OPT_FLAG,    /* int: set to .value when given (no argument) */
    NIS5G_OPT_STRING,  /* const char *: the value as given */
    NIS5G_OPT_LIST,    /* struct nis5g_strlist: each value (repeatable) */
    NIS5G_OPT_DATE,    /* int32_t day number (date.h) */
    NIS5G_OPT_UINT,    /* uint64_t: a whole number, decimal digits only */
    NIS5G_OPT_NUMBER,  /* double: a finite non-negative plain decimal */
    NIS5G_OPT_CHOICE,  /* int: the index of the value in .choices */
    NIS5G_OPT_CUSTOM,  /* .parse(value, field, err) */
    NIS5G_OPT_INCLUDE, /* the options of .include, at .offset inside this struct */
};

enum {
    NIS5G_OPT_REQUIRED = 1u << 0, /* must be given */
    NIS5G_OPT_HIDDEN = 1u << 1,   /* accepted, left out of usage and help */
    NIS5G_OPT_GIVEN_ONCE = 1u << 2, /* a second one is an error, not a replacement */
    NIS5G_OPT_POSITIONAL = 1u << 3, /* a positional argument on the command line that
                                       also has a .name: the server's query-string name */
    NIS5G_OPT_REPEATABLE = 1u << 4, /* a CUSTOM option that may be given more than once
                                       (shown with "..." in the usage; LISTs always are) */
    NIS5G_OPT_GREEDY = 1u << 5      /* a LIST that on the command line also takes the plain
                                       arguments after it, up to the next option:
                                       `--policy a.policy b.policy` */
};

/* A list of borrowed strings (the values of a repeatable option). The
 * array is allocated by nis5g_opt_set; nis5g_opts_release frees it. */
struct nis5g_strlist {
    const char **v;
    size_t n;
};

struct nis5g_opt {
    enum nis5g_opt_type type;
    const char *name;      /* "snapshot" for --snapshot; NULL: positional only */
    char short_name;       /* 'o' for -o, or 0 */
    const char *arg;       /* the value's placeholder in usage and help ("DATE") */
    const char *help;      /* one line, lowercase */
    size_t offset;         /* of the field in the parameters struct */
    unsigned flags;        /* NIS5G_OPT_* above */
    int value;             /* FLAG: the value stored (two flags sharing a field
                              are alternatives: [--json|--csv]) */
    const char *const *choices; /* CHOICE: NULL-terminated names */
    int (*parse)(const char *value, void *field, struct nis5g_err *err); /* CUSTOM */
    const struct nis5g_opt *include; /* INCLUDE */
};

/* Store `value` (NULL for a flag) into the field of `o` inside params.
 * 0, or NIS5G_EUSAGE with a message naming the option ("--at expects a
 * date (YYYY-MM-DD, a real calendar day)") and, for a value, the value
 * quoted after " — got '...'". */
int nis5g_opt_set(const struct nis5g_opt *o, void *params, const char *value, struct nis5g_err *err);

/* Free what nis5g_opt_set allocated in params (the arrays of the lists). */
void nis5g_opts_release(const struct nis5g_opt *table, void *params);

/* The entry named `name` (long name, without dashes) in table, following
 * INCLUDEs; *base receives the offset of its struct within params. NULL
 * when there is none. */
const struct nis5g_opt *nis5g_opt_find(const struct nis5g_opt *table, const char *name, size_t *base);

/* 1 when o is a positional argument on the command line. */
int nis5g_opt_is_positional(const struct nis5g_opt *o);

/* The option's display name into out: "--snapshot", "-o", or the
 * placeholder of a positional. */
const char *nis5g_opt_display(const struct nis5g_opt *o, char out[64]);

/* Checked number parsers for user input (no raw strtod/atoi anywhere
 * else). 0 on success; -1 when s is not a plain decimal of that kind. */
int nis5g_parse_uint(const char *s, uint64_t *out);
int nis5g_parse_number(const char *s, double *out); /* finite, >= 0, plain decimal */

/* A comma list of names ("ran,core") into a bit mask over names[count]
 * (bit i for names[i]), added to *mask. 0, or -1 with *bad and *badlen
 * naming the first word that is not one of them. */
int nis5g_parse_name_list(const char *list, const char *const *names, int count, unsigned *mask, const char **bad,
                          size_t *badlen);

/* Shorthands for table entries. T is the parameters struct. */
#define NIS5G_OPT_FLAG_(T, n, field, v, h) \
    { .type = NIS5G_OPT_FLAG, .name = (n), .help = (h), .offset = offsetof(T, field), .value = (v) }
#define NIS5G_OPT_STR_(T, n, s, a, field, h) \
    { .type = NIS5G_OPT_STRING, .name = (n), .short_name = (s), .arg = (a), .help = (h), \
      .offset = offsetof(T, field), .flags = NIS5G_OPT_GIVEN_ONCE }
#define NIS5G_OPT_DATE_(T, n, field, h) \
    { .type = NIS5G_OPT_DATE, .name = (n), .arg = "DATE", .help = (h), .offset = offsetof(T, field), \
      .flags = NIS5G_OPT_GIVEN_ONCE }
#define NIS5G_OPT_UINT_(T, n, a, field, h) \
    { .type = NIS5G_OPT_UINT, .name = (n), .arg = (a), .help = (h), .offset = offsetof(T, field), \
      .flags = NIS5G_OPT_GIVEN_ONCE }
#define NIS5G_OPT_NUMBER_(T, n, a, field, h) \
    { .type = NIS5G_OPT_NUMBER, .name = (n), .arg = (a), .help = (h), .offset = offsetof(T, field), \
      .flags = NIS5G_OPT_GIVEN_ONCE }
#define NIS5G_OPT_LIST_(T, n, a, field, h) \
    { .type = NIS5G_OPT_LIST, .name = (n), .arg = (a), .help = (h), .offset = offsetof(T, field) }
#define NIS5G_OPT_POS_(T, a, field, fl, h) \
    { .type = NIS5G_OPT_LIST, .arg = (a), .help = (h), .offset = offsetof(T, field), .flags = (fl) }
/* A positional argument the server takes as ?name=VALUE (repeatable). */
#define NIS5G_OPT_NAMED_POS_(T, n, a, field, fl, h) \
    { .type = NIS5G_OPT_LIST, .name = (n), .arg = (a), .help = (h), .offset = offsetof(T, field), \
      .flags = (fl) | NIS5G_OPT_POSITIONAL }
#define NIS5G_OPT_INCLUDE_(T, field, table) \
    { .type = NIS5G_OPT_INCLUDE, .offset = offsetof(T, field), .include = (table) }
#define NIS5G_OPT_END_ { .type = NIS5G_OPT_END }

/* The common options, declared once. */
#define NIS5G_OPT_SNAPSHOT(T, field) \
    NIS5G_OPT_DATE_(T, "snapshot", field, "use that snapshot (default: the latest)")
#define NIS5G_OPT_AT(T, field) \
    NIS5G_OPT_DATE_(T, "at", field, "evaluate the policy's deadlines as of DATE (default: today)")
#define NIS5G_OPT_POLICY(T, field) \
    NIS5G_OPT_LIST_(T, "policy", "FILE", field, "a policy file (repeatable; they are read as one policy)")
#define NIS5G_OPT_JSON(T, field) NIS5G_OPT_FLAG_(T, "json", field, 1, "print JSON (see docs/json.md)")
#define NIS5G_OPT_CSV(T, field) NIS5G_OPT_FLAG_(T, "csv", field, 2, "print CSV")

#endif
