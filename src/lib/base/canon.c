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

#include "base/canon.h"

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

/* Numbers as ECMAScript writes them (RFC 8785, JCS): the shortest digits
 * that read back to x, in plain notation when the decimal exponent is in
 * [-6, 18), else d.ddde±N. (ECMAScript goes plain up to 21; 18 keeps every
 * plain number within what a JSON reader takes as a 64-bit integer.) */
static void add_real(struct nis5g_buf *b, double x)
{
    char t[40];
    if (x == 0) {
        nis5g_buf_addch(b, '0');
        return;
    }
    int p = 1;
    for (; p <= 17; p++) {
        snprintf(t, sizeof t, "%.*e", p - 1, x);
        if (strtod(t, NULL) == x)
            break;
    }
    /* t is [-]d[.ddd]e±XX: collect the digits and the exponent */
    const char *q = t;
    if (*q == '-') {
        nis5g_buf_addch(b, '-');
        q++;
    }
    char digits[24];
    int k = 0;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9')
            digits[k++] = *q;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    int n = (int)strtol(q + 1, NULL, 10) + 1; /* the point goes after n digits */
    if (k <= n && n <= 18) {
        nis5g_buf_add(b, digits, (size_t)k);
        for (int i = k; i < n; i++)
            nis5g_buf_addch(b, '0');
    } else if (0 < n && n <= 18) {
        nis5g_buf_add(b, digits, (size_t)n);
        nis5g_buf_addch(b, '.');
        nis5g_buf_add(b, digits + n, (size_t)(k - n));
    } else if (-6 < n && n <= 0) {
        nis5g_buf_adds(b, "0.");
        for (int i = n; i < 0; i++)
            nis5g_buf_addch(b, '0');
        nis5g_buf_add(b, digits, (size_t)k);
    } else {
        nis5g_buf_addch(b, digits[0]);
        if (k > 1) {
            nis5g_buf_addch(b, '.');
            nis5g_buf_add(b, digits + 1, (size_t)(k - 1));
        }
        nis5g_buf_addf(b, "e%c%d", n - 1 > 0 ? '+' : '-', n - 1 > 0 ? n - 1 : 1 - n);
    }
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
