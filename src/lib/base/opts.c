/*
 * opts.c — storing option values through an option table (opts.h), and the
 * one checked parser for numbers given by a user. The command line and the
 * server both come through here, so an option means the same in both and
 * its errors read the same.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/opts.h"

#define GOT "\xe2\x80\x94 got '%s'"

int nis5g_parse_uint(const char *s, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    uint64_t v = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

int nis5g_parse_number(const char *s, double *out)
{
    /* plain decimal notation only: strtod would also take hex, "inf" and "nan" */
    if (!*s)
        return -1;
    for (const char *q = s; *q; q++)
        if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-'))
            return -1;
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v) || v < 0)
        return -1;
    *out = v;
    return 0;
}

int nis5g_opt_is_positional(const struct nis5g_opt *o)
{
    return (o->flags & NIS5G_OPT_POSITIONAL) || (!o->name && !o->short_name);
}

const char *nis5g_opt_display(const struct nis5g_opt *o, char out[64])
{
    if (nis5g_opt_is_positional(o))
        snprintf(out, 64, "%s", o->arg ? o->arg : "argument");
    else if (o->name)
        snprintf(out, 64, "--%s", o->name);
    else
        snprintf(out, 64, "-%c", o->short_name);
    return out;
}

static int date_error(const char *opt, const char *value, struct nis5g_err *err)
{
    size_t n = strlen(value);
    /* a well-formed date outside the years held is said to be out of range */
    int shaped = n == 10 && value[4] == '-' && value[7] == '-';
    for (int i = 0; i < 10 && shaped; i++)
        shaped = i == 4 || i == 7 || isdigit((unsigned char)value[i]);
    int year = shaped ? (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0')
                      : 0;
    if (shaped && (year < 1900 || year > 2199))
        return nis5g_err_set(err, NIS5G_EUSAGE, "%s date out of range (years 1900 to 2199) " GOT, opt, value);
    return nis5g_err_set(err, NIS5G_EUSAGE, "%s expects a date (YYYY-MM-DD, a real calendar day) " GOT, opt,
                         value);
}

static void list_add(struct nis5g_strlist *l, const char *v)
{
    /* grow at powers of two: n is the only size kept */
    if ((l->n & (l->n - 1)) == 0)
        l->v = nis5g_xreallocarray(l->v, l->n ? l->n * 2 : 1, sizeof *l->v);
    l->v[l->n++] = v;
}

int nis5g_opt_set(const struct nis5g_opt *o, void *params, const char *value, struct nis5g_err *err)
{
    char name[64];
    char *field = (char *)params + o->offset;
    nis5g_opt_display(o, name);
    switch (o->type) {
    case NIS5G_OPT_FLAG:
        *(int *)field = o->value;
        break;
    case NIS5G_OPT_STRING:
        *(const char **)field = value;
        break;
    case NIS5G_OPT_LIST:
        list_add((struct nis5g_strlist *)field, value);
        break;
    case NIS5G_OPT_DATE:
        if (nis5g_date_parse(value, strlen(value), (int32_t *)field) != 0)
            return date_error(name, value, err);
        break;
    case NIS5G_OPT_UINT:
        if (nis5g_parse_uint(value, (uint64_t *)field) != 0)
            return nis5g_err_set(err, NIS5G_EUSAGE, "%s expects a whole number " GOT, name, value);
        break;
    case NIS5G_OPT_NUMBER:
        if (nis5g_parse_number(value, (double *)field) != 0)
            return nis5g_err_set(err, NIS5G_EUSAGE, "%s expects a non-negative number " GOT, name, value);
        break;
    case NIS5G_OPT_CHOICE: {
        for (int i = 0; o->choices[i]; i++)
            if (strcmp(o->choices[i], value) == 0) {
                *(int *)field = i;
                goto done;
            }
        struct nis5g_buf b = NIS5G_BUF_INIT;
        for (int i = 0; o->choices[i]; i++)
            nis5g_buf_addf(&b, "%s%s", i ? (o->choices[i + 1] ? ", " : " or ") : "", o->choices[i]);
        nis5g_err_set(err, NIS5G_EUSAGE, "%s expects %s " GOT, name, b.data, value);
        nis5g_buf_release(&b);
        return NIS5G_EUSAGE;
    }
    case NIS5G_OPT_CUSTOM: {
        int rc = o->parse(value, field, err);
        if (rc)
            return rc;
        break;
    }
    case NIS5G_OPT_INCLUDE:
    case NIS5G_OPT_END:
        return nis5g_err_set(err, NIS5G_EINTERNAL, "option table entry of kind %d cannot take a value", (int)o->type);
    }
done:
    return 0;
}

void nis5g_opts_release(const struct nis5g_opt *table, void *params)
{
    for (const struct nis5g_opt *o = table; o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE)
            nis5g_opts_release(o->include, (char *)params + o->offset);
        else if (o->type == NIS5G_OPT_LIST) {
            struct nis5g_strlist *l = (struct nis5g_strlist *)((char *)params + o->offset);
            free(l->v);
            l->v = NULL;
            l->n = 0;
        }
    }
}

const struct nis5g_opt *nis5g_opt_find(const struct nis5g_opt *table, const char *name, size_t *base)
{
    for (const struct nis5g_opt *o = table; o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE) {
            size_t b = 0;
            const struct nis5g_opt *r = nis5g_opt_find(o->include, name, &b);
            if (r) {
                *base = o->offset + b;
                return r;
            }
        } else if (o->name && strcmp(o->name, name) == 0) {
            *base = 0;
            return o;
        }
    }
    return NULL;
}

int nis5g_parse_name_list(const char *list, const char *const *names, int count, unsigned *mask, const char **bad,
                          size_t *badlen)
{
    for (const char *p = list; *p;) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        int i = -1;
        for (int k = 0; k < count && i < 0; k++)
            if (strlen(names[k]) == n && memcmp(names[k], p, n) == 0)
                i = k;
        if (i < 0) {
            *bad = p;
            *badlen = n;
            return -1;
        }
        *mask |= 1u << i;
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}
