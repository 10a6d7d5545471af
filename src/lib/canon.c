/*
 * canon.c — canonical JSON over jansson values (canon.h). Packages are
 * signed over these bytes (package.c); importers re-serialise what they
 * read and compare, so a document that is not canonical, or was touched
 * anywhere, is caught before the signature is even looked at.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/canon.h"

static void add_string(struct nis5g_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    nis5g_buf_addch(b, '"');
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        nis5g_buf_add(b, s + run, i - run);
        run = i + 1;
        char e[7] = { '\\', 0 };
        size_t en = 2;
        switch (c) {
        case '"': e[1] = '"'; break;
        case '\\': e[1] = '\\'; break;
        case '\b': e[1] = 'b'; break;
        case '\f': e[1] = 'f'; break;
        case '\n': e[1] = 'n'; break;
        case '\r': e[1] = 'r'; break;
        case '\t': e[1] = 't'; break;
        default:
            memcpy(e + 1, "u00", 3);
            e[4] = hex[c >> 4];
            e[5] = hex[c & 15];
            en = 6;
        }
        nis5g_buf_add(b, e, en);
    }
    nis5g_buf_add(b, s + run, n - run);
    nis5g_buf_addch(b, '"');
}

/* The shortest "%.Ng" that reads back to x, with the exponent tidied
 * ("1e-07" -> "1e-7", "1e+20" -> "1e20"). */
static void add_real(struct nis5g_buf *b, double x)
{
    char t[40];
    if (x == 0) {
        nis5g_buf_addch(b, '0');
        return;
    }
    for (int p = 1; p <= 17; p++) {
        snprintf(t, sizeof t, "%.*g", p, x);
        if (strtod(t, NULL) == x)
            break;
    }
    char *e = strchr(t, 'e');
    if (!e) {
        nis5g_buf_adds(b, t);
        return;
    }
    nis5g_buf_add(b, t, (size_t)(e - t) + 1);
    const char *q = e + 1;
    if (*q == '+')
        q++;
    else if (*q == '-')
        nis5g_buf_addch(b, *q++);
    while (*q == '0' && q[1])
        q++;
    nis5g_buf_adds(b, q);
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int nis5g_canon_dump(const json_t *v, struct nis5g_buf *out, struct nis5g_err *err)
{
    switch (json_typeof(v)) {
    case JSON_NULL: nis5g_buf_adds(out, "null"); return 0;
    case JSON_TRUE: nis5g_buf_adds(out, "true"); return 0;
    case JSON_FALSE: nis5g_buf_adds(out, "false"); return 0;
    case JSON_INTEGER: nis5g_buf_addf(out, "%lld", (long long)json_integer_value(v)); return 0;
    case JSON_REAL: {
        double x = json_real_value(v);
        if (!isfinite(x))
            return nis5g_err_set(err, NIS5G_EINPUT, "cannot write a non-finite number in JSON");
        add_real(out, x);
        return 0;
    }
    case JSON_STRING: add_string(out, json_string_value(v), json_string_length(v)); return 0;
    case JSON_ARRAY: {
        nis5g_buf_addch(out, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i)
                nis5g_buf_addch(out, ',');
            int rc = nis5g_canon_dump(json_array_get(v, i), out, err);
            if (rc)
                return rc;
        }
        nis5g_buf_addch(out, ']');
        return 0;
    }
    case JSON_OBJECT: {
        size_t n = json_object_size(v), k = 0;
        const char **keys = nis5g_xcalloc(n ? n : 1, sizeof *keys);
        const char *key;
        json_t *val;
        json_object_foreach((json_t *)v, key, val) keys[k++] = key;
        qsort(keys, n, sizeof *keys, cmp_keys);
        nis5g_buf_addch(out, '{');
        int rc = 0;
        for (size_t i = 0; i < n && !rc; i++) {
            if (i)
                nis5g_buf_addch(out, ',');
            add_string(out, keys[i], strlen(keys[i]));
            nis5g_buf_addch(out, ':');
            rc = nis5g_canon_dump(json_object_get(v, keys[i]), out, err);
        }
        free(keys);
        nis5g_buf_addch(out, '}');
        return rc;
    }
    }
    return nis5g_err_set(err, NIS5G_EINTERNAL, "unknown JSON type");
}

int nis5g_canon_parse(const char *text, size_t len, json_t **out, struct nis5g_err *err)
{
    *out = NULL;
    json_error_t je;
    json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!v)
        return nis5g_err_set(err, NIS5G_EPARSE, "not valid JSON at byte %d: %s", je.position, je.text);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    int rc = nis5g_canon_dump(v, &b, err);
    if (!rc && (b.len != len || memcmp(b.data, text, len) != 0)) {
        size_t i = 0;
        while (i < len && i < b.len && b.data[i] == text[i])
            i++;
        rc = nis5g_err_set(err, NIS5G_EVERIFY, "not in canonical form (the bytes differ from byte %zu on)", i);
    }
    nis5g_buf_release(&b);
    if (rc) {
        json_decref(v);
        return rc;
    }
    *out = v;
    return 0;
}
