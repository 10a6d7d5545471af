/*
 * policy-lex.c — the policy lexer: words, "strings", commas, parentheses,
 * '%', comparison operators and line ends; '#' starts a comment that runs
 * to the end of the line (outside strings). Columns count characters
 * (UTF-8 lead bytes), as editors do.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "policy/policy-int.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_word(char c)
{
    return (unsigned char)c >= 0x20 && c != 0x7f && !is_space(c) && !strchr(",()%=!<>\"#", c);
}

/* Column (1-based, in characters) of byte pos on the line starting at ls. */
static int col_at_(const char *text, size_t ls, size_t pos)
{
    int col = 1;
    for (size_t k = ls; k < pos; k++)
        if (((unsigned char)text[k] & 0xC0) != 0x80)
            col++;
    return col;
}

static void push(struct ptokens *t, int kind, const char *p, size_t n, int line, int col, size_t off,
                 size_t end)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->v = nis5g_xreallocarray(t->v, t->cap, sizeof *t->v);
    }
    struct ptoken *k = &t->v[t->n++];
    k->kind = kind;
    k->text = nis5g_xstrndup(p, n);
    k->len = n;
    k->line = line;
    k->col = col;
    k->off = off;
    k->end = end;
}

const char *policy_line(const struct ptokens *t, int line, size_t *len)
{
    if (line < 1 || (size_t)line > t->n_lines) {
        *len = 0;
        return "";
    }
    size_t s = t->line_off[line - 1], e = s;
    while (e < t->src_len && t->src[e] != '\n')
        e++;
    if (e > s && t->src[e - 1] == '\r')
        e--;
    *len = e - s;
    return t->src + s;
}

size_t policy_lex(const char *file, const char *text, size_t len, struct ptokens *t, struct nis5g_diags *d)
{
    memset(t, 0, sizeof *t);
    /* A UTF-8 byte order mark (as Windows editors write) is not text. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    t->src = text;
    t->src_len = len;
    size_t lcap = 64;
    t->line_off = nis5g_xmalloc(lcap * sizeof *t->line_off);
    t->line_off[t->n_lines++] = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            if (t->n_lines == lcap) {
                lcap *= 2;
                t->line_off = nis5g_xreallocarray(t->line_off, lcap, sizeof *t->line_off);
            }
            t->line_off[t->n_lines++] = i + 1;
        }
    }
    size_t errors = 0;
    int line = 1;
    size_t line_start = 0, i = 0;
    while (i < len && !nis5g_diags_full(d)) {
        char c = text[i];
        if (c == '\n') {
            push(t, PT_NL, "\n", 1, line, col_at_(text, line_start, i), i, i);
            line++;
            line_start = ++i;
            continue;
        }
        if (is_space(c)) {
            i++;
            continue;
        }
        int col = col_at_(text, line_start, i);
        if (c == '#') {
            while (i < len && text[i] != '\n')
                i++;
            continue;
        }
        if (c == '"') {
            struct nis5g_buf b = NIS5G_BUF_INIT;
            nis5g_buf_init(&b);
            size_t j = i + 1;
            int closed = 0;
            while (j < len && text[j] != '\n') {
                if (text[j] == '\\' && j + 1 < len && (text[j + 1] == '"' || text[j + 1] == '\\')) {
                    nis5g_buf_addch(&b, text[j + 1]);
                    j += 2;
                    continue;
                }
                if (text[j] == '"') {
                    closed = 1;
                    j++;
                    break;
                }
                nis5g_buf_addch(&b, text[j++]);
            }
            if (!closed) {
                size_t sl;
                const char *src = policy_line(t, line, &sl);
                nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EPARSE, file, line, col, src, sl, NULL, 0,
                                "unterminated string: expected a closing '\"' on the same line");
                errors++;
            } else {
                push(t, PT_STRING, b.data, b.len, line, col, i, j);
            }
            nis5g_buf_release(&b);
            i = j;
            continue;
        }
        if (c == ',' || c == '(' || c == ')' || c == '%') {
            push(t, c == ',' ? PT_COMMA : c == '(' ? PT_LPAREN : c == ')' ? PT_RPAREN : PT_PERCENT, text + i, 1,
                 line, col, i, i + 1);
            i++;
            continue;
        }
        if (c == '=' || c == '<' || c == '>' || c == '!') {
            size_t n = (i + 1 < len && text[i + 1] == '=') ? 2 : 1;
            if (c == '!' && n == 1) {
                size_t sl;
                const char *src = policy_line(t, line, &sl);
                nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EPARSE, file, line, col, src, sl, "!", 1,
                                "unexpected character: expected '!=' (write 'not in' or '!=' for negation)");
                errors++;
                i++;
                continue;
            }
            if (c == '=' && n == 2) { /* "==" is read as "=" */
                push(t, PT_OP, "=", 1, line, col, i, i + 2);
                i += 2;
                continue;
            }
            push(t, PT_OP, text + i, n, line, col, i, i + n);
            i += n;
            continue;
        }
        size_t j = i;
        while (j < len && is_word(text[j]))
            j++;
        if (j == i) { /* a NUL byte or another control character */
            size_t sl;
            const char *src = policy_line(t, line, &sl);
            nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EPARSE, file, line, col, src, sl, NULL, 0,
                            "unexpected character (byte 0x%02x): a policy is text", (unsigned char)c);
            errors++;
            i++;
            continue;
        }
        push(t, PT_WORD, text + i, j - i, line, col, i, j);
        i = j;
    }
    push(t, PT_NL, "\n", 1, line, col_at_(text, line_start, i), i, i);
    push(t, PT_EOF, "", 0, line, col_at_(text, line_start, i), i, i);
    return errors;
}

void policy_tokens_release(struct ptokens *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].text);
    free(t->v);
    free(t->line_off);
    memset(t, 0, sizeof *t);
}

