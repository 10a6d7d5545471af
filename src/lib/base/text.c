/*
 * text.c — CSV quoting, thousands separators and the control-character
 * sanitiser (text.h).
 */
#include <stdio.h>
#include <string.h>

#include "nis5g/text.h"

int nis5g_csv_needs_quote(const char *s)
{
    return strpbrk(s, "\",\r\n") != NULL;
}

void nis5g_csv_quote(struct nis5g_buf *b, const char *s)
{
    if (!nis5g_csv_needs_quote(s)) {
        nis5g_buf_adds(b, s);
        return;
    }
    nis5g_buf_addch(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            nis5g_buf_addch(b, '"');
        nis5g_buf_addch(b, *s);
    }
    nis5g_buf_addch(b, '"');
}

void nis5g_csv_quote_safe(struct nis5g_buf *b, const char *s)
{
    if (!*s || !strchr("=+-@\t\r", *s)) {
        nis5g_csv_quote(b, s);
        return;
    }
    nis5g_buf_adds(b, "\"'");
    for (; *s; s++) {
        if (*s == '"')
            nis5g_buf_addch(b, '"');
        nis5g_buf_addch(b, *s);
    }
    nis5g_buf_addch(b, '"');
}

const char *nis5g_thousands(long long v, char out[32])
{
    char tmp[32];
    /* the magnitude as unsigned: -LLONG_MIN does not fit a long long */
    unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    int n = snprintf(tmp, sizeof tmp, "%llu", m);
    int o = 0;
    if (v < 0)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        out[o++] = tmp[i];
        if ((n - i - 1) % 3 == 0 && i != n - 1)
            out[o++] = ',';
    }
    out[o] = 0;
    return out;
}

void nis5g_sanitize(struct nis5g_buf *out, const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char ch = (unsigned char)s[k];
        if (ch == '\t' || ch == '\n' || ch == '\r')
            nis5g_buf_addch(out, ' ');
        else if (ch < 0x20 || ch == 0x7F)
            nis5g_buf_addch(out, '?');
        else if (ch == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] >= 0x80 && (unsigned char)s[k + 1] <= 0x9F) {
            nis5g_buf_addch(out, '?');
            k++;
        } else
            nis5g_buf_addch(out, (char)ch);
    }
}
