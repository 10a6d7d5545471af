/*
 * policy-int.h — private to policy-*.c: the tokens the lexer hands the
 * parser.
 */
#ifndef NIS5G_POLICY_INT_H
#define NIS5G_POLICY_INT_H

#include <stddef.h>

#include "nis5g/err.h"

enum ptok {
    PT_WORD,     /* a bare word: keyword, field, name, number, date */
    PT_STRING,   /* "quoted": text holds the unescaped value */
    PT_COMMA,
    PT_LPAREN,
    PT_RPAREN,
    PT_PERCENT,
    PT_OP,       /* = != < <= > >= */
    PT_NL,       /* end of a line */
    PT_EOF,
};

struct ptoken {
    int kind;
    char *text;      /* NUL-terminated, owned by the token list */
    size_t len;
    int line, col;   /* 1-based, col in characters */
    size_t off, end; /* byte offsets of the token in the source */
};

struct ptokens {
    struct ptoken *v;
    size_t n, cap;
    const char *src;       /* the whole text (borrowed) */
    size_t src_len;
    size_t *line_off;      /* start offset of each line (line 1 at index 0) */
    size_t n_lines;
};

/* Split text into tokens; lexical errors (unterminated string, stray
 * character) go to d. Returns the number of errors added. */
size_t policy_lex(const char *file, const char *text, size_t len, struct ptokens *out, struct nis5g_diags *d);
void policy_tokens_release(struct ptokens *t);
/* The text of line (1-based) without its newline. */
const char *policy_line(const struct ptokens *t, int line, size_t *len);
/* Levenshtein distance, capped (small strings only). */

#endif
