/*
 * suggest.c — edit distance and the closest name, for "did you mean".
 */
#include <string.h>

#include "nis5g/suggest.h"

static inline char fold_ch(char c, int fold)
{
    return fold && c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

int nis5g_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold)
{
    if (la > 63 || lb > 63)
        return 99;
    int prev[64], cur[64];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (fold_ch(a[i - 1], fold) != fold_ch(b[j - 1], fold));
            int del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
        memcpy(prev, cur, (lb + 1) * sizeof *prev);
    }
    return prev[lb];
}

const char *nis5g_suggest(const char *s, size_t n, const char *const *names, int count, int max, int fold)
{
    const char *best = NULL;
    int bd = max + 1;
    for (int i = 0; count < 0 ? names[i] != NULL : i < count; i++) {
        int d = nis5g_edit_distance(s, n, names[i], strlen(names[i]), fold);
        if (d < bd) {
            bd = d;
            best = names[i];
        }
    }
    return best;
}
