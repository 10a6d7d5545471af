/*
 * options.c — the command line's side of the option tables (opts.h): argv
 * into a parameters struct, and the usage line and help text printed from
 * the same table, so that what a command accepts and what it says it
 * accepts cannot drift apart.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/suggest.h"

/* Walk a table with INCLUDEs flattened: calls fn(o, base offset). */
static void each_opt(const struct nis5g_opt *t, size_t base,
                     void (*fn)(const struct nis5g_opt *o, size_t base, void *arg), void *arg)
{
    for (const struct nis5g_opt *o = t; o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE)
            each_opt(o->include, base + o->offset, fn, arg);
        else
            fn(o, base, arg);
    }
}

struct lookup {
    const char *name; /* without dashes */
    size_t len;       /* of name (up to a '=') */
    char short_name;
    int positional;   /* the index of the positional wanted */
    const struct nis5g_opt *found;
    size_t base;
    /* for "did you mean" */
    const char *best;
    int bestd;
};

static void lookup_fn(const struct nis5g_opt *o, size_t base, void *arg)
{
    struct lookup *l = arg;
    if (l->found)
        return;
    if (l->short_name) {
        if (o->short_name == l->short_name) {
            l->found = o;
            l->base = base;
        }
        return;
    }
    if (l->name) {
        if (nis5g_opt_is_positional(o))
            return; /* named only for the server's query strings */
        if (o->name && strlen(o->name) == l->len && memcmp(o->name, l->name, l->len) == 0) {
            l->found = o;
            l->base = base;
        } else if (o->name && !(o->flags & NIS5G_OPT_HIDDEN)) {
            int d = nis5g_edit_distance(l->name, l->len, o->name, strlen(o->name), 0);
            if (d < l->bestd) {
                l->bestd = d;
                l->best = o->name;
            }
        }
        return;
    }
    if (nis5g_opt_is_positional(o) && l->positional-- == 0) {
        l->found = o;
        l->base = base;
    }
}

static int usage_error(struct nis5g_ctx *ctx, const struct nis5g_cmd *c)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    cli_usage(&b, ctx->top ? ctx->top : c, "usage: ");
    fputs(b.data, stderr);
    nis5g_buf_release(&b);
    return 2;
}

struct given {
    const struct nis5g_opt *o;
    size_t base;
};

static int set_value(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, const struct nis5g_opt *o, size_t base,
                     void *params, const char *value, struct given *given, size_t *ngiven)
{
    for (size_t k = 0; k < *ngiven; k++)
        if (given[k].o == o && given[k].base == base && (o->flags & NIS5G_OPT_GIVEN_ONCE)) {
            char n[64];
            cli_fail(ctx, NIS5G_EUSAGE, "%s given twice", nis5g_opt_display(o, n));
            return usage_error(ctx, c);
        }
    for (size_t k = 0; k < *ngiven && o->type == NIS5G_OPT_FLAG; k++) {
        const struct nis5g_opt *g = given[k].o;
        if (g != o && g->type == NIS5G_OPT_FLAG && given[k].base + g->offset == base + o->offset &&
            g->value != o->value) {
            cli_fail(ctx, NIS5G_EUSAGE, "choose one of --%s and --%s", g->name, o->name);
            return usage_error(ctx, c);
        }
    }
    given[(*ngiven)++] = (struct given){ o, base };
    struct nis5g_err err = { 0 };
    if (nis5g_opt_set(o, (char *)params + base, value, &err)) {
        cli_fail(ctx, err.code, "%s", err.msg);
        return 2;
    }
    return 0;
}

struct required {
    struct nis5g_ctx *ctx;
    const struct given *given;
    size_t ngiven;
    const struct nis5g_opt *missing;
};

static void required_fn(const struct nis5g_opt *o, size_t base, void *arg)
{
    struct required *r = arg;
    if (!(o->flags & NIS5G_OPT_REQUIRED) || r->missing)
        return;
    for (size_t k = 0; k < r->ngiven; k++)
        if (r->given[k].o == o)
            return;
    r->missing = o;
}

int cli_parse_opts(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, void *params, int argc, char **argv)
{
    struct given *given = nis5g_xcalloc((size_t)argc + 1, sizeof *given);
    size_t ngiven = 0;
    int positional = 0, only_positional = 0, rc = 0;
    const struct nis5g_opt *greedy = NULL; /* the NIS5G_OPT_GREEDY list just given */
    size_t greedy_base = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *a = argv[i];
        struct lookup l = { .bestd = 99 };
        const char *value = NULL;
        if (!only_positional && strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (!only_positional && a[0] == '-' && a[1] == '-') {
            l.name = a + 2;
            const char *eq = strchr(l.name, '=');
            l.len = eq ? (size_t)(eq - l.name) : strlen(l.name);
            value = eq ? eq + 1 : NULL;
        } else if (!only_positional && a[0] == '-' && a[1] && (a[2] == 0 || a[2] == '=')) {
            l.short_name = a[1];
            value = a[2] == '=' ? a + 3 : NULL;
        } else if (!only_positional && a[0] == '-' && a[1]) {
            l.name = a; /* "-xyz": never an option here */
            l.len = 0;
        } else {
            l.positional = positional;
        }
        if (!l.name && !l.short_name && greedy) {
            /* a plain argument after a greedy list option belongs to it */
            rc = set_value(ctx, c, greedy, greedy_base, params, a, given, &ngiven);
            continue;
        }
        if (c->opts)
            each_opt(c->opts, 0, lookup_fn, &l);
        if (!l.found) {
            if (l.name || l.short_name) {
                fprintf(stderr, "nis5g %s: unknown option '%s'\n", ctx->cmd_name, a);
                if (l.name && l.len && l.best && l.bestd <= 2)
                    fprintf(stderr, "did you mean '--%s'?\n", l.best);
            } else
                fprintf(stderr, "nis5g %s: unexpected argument '%s'\n", ctx->cmd_name, a);
            rc = usage_error(ctx, c);
            break;
        }
        const struct nis5g_opt *o = l.found;
        if (nis5g_opt_is_positional(o)) {
            /* a positional: a list takes every one from here on */
            if (o->type != NIS5G_OPT_LIST)
                positional++;
            rc = set_value(ctx, c, o, l.base, params, a, given, &ngiven);
            continue;
        }
        if (o->type == NIS5G_OPT_FLAG) {
            if (value) {
                fprintf(stderr, "nis5g %s: --%s takes no value\n", ctx->cmd_name, o->name);
                rc = usage_error(ctx, c);
                break;
            }
        } else if (!value) {
            if (i + 1 >= argc) {
                char n[64];
                fprintf(stderr, "nis5g %s: %s needs a value\n", ctx->cmd_name, nis5g_opt_display(o, n));
                rc = 2;
                break;
            }
            value = argv[++i];
        }
        rc = set_value(ctx, c, o, l.base, params, value, given, &ngiven);
        greedy = (o->flags & NIS5G_OPT_GREEDY) ? o : NULL;
        greedy_base = l.base;
    }
    if (!rc && c->opts) {
        struct required r = { ctx, given, ngiven, NULL };
        each_opt(c->opts, 0, required_fn, &r);
        if (r.missing) {
            char n[64];
            if (!nis5g_opt_is_positional(r.missing) && r.missing->short_name)
                fprintf(stderr, "nis5g %s: missing -%c %s\n", ctx->cmd_name, r.missing->short_name,
                        r.missing->arg ? r.missing->arg : "");
            else if (!nis5g_opt_is_positional(r.missing))
                fprintf(stderr, "nis5g %s: missing %s %s\n", ctx->cmd_name, nis5g_opt_display(r.missing, n),
                        r.missing->arg ? r.missing->arg : "");
            else
                fprintf(stderr, "nis5g %s: missing %s\n", ctx->cmd_name, r.missing->arg);
            rc = usage_error(ctx, c);
        }
    }
    free(given);
    return rc;
}

/* ---- usage and help, from the table ---- */

struct usage_walk {
    struct nis5g_buf *b;
    const struct nis5g_opt *prev; /* the flag just written, for [--a|--b] */
    size_t prev_at;               /* offset of prev's field */
    int positionals;              /* 0: options pass, 1: positionals pass */
};

static void usage_one(const struct nis5g_opt *o, size_t base, void *arg)
{
    struct usage_walk *w = arg;
    if (o->flags & NIS5G_OPT_HIDDEN)
        return;
    int pos = nis5g_opt_is_positional(o);
    if (pos != w->positionals)
        return;
    int req = o->flags & NIS5G_OPT_REQUIRED;
    int many = o->type == NIS5G_OPT_LIST || (o->flags & NIS5G_OPT_REPEATABLE);
    if (o->type == NIS5G_OPT_FLAG && w->prev && w->prev_at == base + o->offset) {
        /* an alternative to the flag before: "[--json" becomes "[--json|--csv]" */
        w->b->len -= 1;
        nis5g_buf_addf(w->b, "|--%s]", o->name);
        return;
    }
    w->prev = o->type == NIS5G_OPT_FLAG ? o : NULL;
    w->prev_at = base + o->offset;
    nis5g_buf_add(w->b, " ", 1);
    if (pos) {
        nis5g_buf_addf(w->b, req ? "%s%s" : "[%s%s]", o->arg, many ? "..." : "");
        return;
    }
    if (!req)
        nis5g_buf_add(w->b, "[", 1);
    if (o->short_name)
        nis5g_buf_addf(w->b, "-%c", o->short_name);
    else
        nis5g_buf_addf(w->b, "--%s", o->name);
    if (o->type != NIS5G_OPT_FLAG)
        nis5g_buf_addf(w->b, " %s", o->arg ? o->arg : "VALUE");
    if (!req)
        nis5g_buf_add(w->b, "]", 1);
    if (many)
        nis5g_buf_add(w->b, "...", 3);
}

static void usage_line(struct nis5g_buf *b, const struct nis5g_cmd *c, const char *path, const char *prefix)
{
    nis5g_buf_addf(b, "%s%s", prefix, path);
    if (c->opts) {
        struct usage_walk w = { .b = b, .positionals = 1 };
        each_opt(c->opts, 0, usage_one, &w);
        w.positionals = 0;
        w.prev = NULL;
        each_opt(c->opts, 0, usage_one, &w);
    }
    nis5g_buf_add(b, "\n", 1);
}

/* "nis5g [--db PATH] trust add": --db only for what opens a workspace */
static void cmd_path(char *out, size_t n, const struct nis5g_cmd *c, const struct nis5g_cmd *sub)
{
    unsigned flags = (sub ? sub : c)->flags;
    snprintf(out, n, "nis5g %s%s%s%s", flags & (CMD_STORE_READ | CMD_STORE_WRITE | CMD_STORE_SELF | CMD_STORE_EXISTING) ? "[--db PATH] " : "", c->name,
             sub ? " " : "", sub ? sub->name : "");
}

void cli_usage(struct nis5g_buf *b, const struct nis5g_cmd *c, const char *prefix)
{
    char path[160];
    int first = 1;
    if (c->run || c->query || !c->subs) {
        cmd_path(path, sizeof path, c, NULL);
        usage_line(b, c, path, prefix);
        first = 0;
    }
    for (const struct nis5g_cmd *const *s = c->subs; s && *s; s++) {
        cmd_path(path, sizeof path, c, *s);
        usage_line(b, *s, path, first ? prefix : "   or: ");
        first = 0;
    }
}

struct help_walk {
    struct nis5g_buf *b;
    int width; /* of the first column */
    int measure;
};

static void help_one(const struct nis5g_opt *o, size_t base, void *arg)
{
    struct help_walk *w = arg;
    if (o->flags & NIS5G_OPT_HIDDEN || !o->help)
        return;
    char left[128];
    if (nis5g_opt_is_positional(o))
        snprintf(left, sizeof left, "%s", o->arg);
    else if (o->short_name && o->name)
        snprintf(left, sizeof left, "-%c, --%s%s%s", o->short_name, o->name, o->type == NIS5G_OPT_FLAG ? "" : " ",
                 o->type == NIS5G_OPT_FLAG ? "" : (o->arg ? o->arg : "VALUE"));
    else if (o->short_name)
        snprintf(left, sizeof left, "-%c%s%s", o->short_name, o->type == NIS5G_OPT_FLAG ? "" : " ",
                 o->type == NIS5G_OPT_FLAG ? "" : (o->arg ? o->arg : "VALUE"));
    else
        snprintf(left, sizeof left, "--%s%s%s", o->name, o->type == NIS5G_OPT_FLAG ? "" : " ",
                 o->type == NIS5G_OPT_FLAG ? "" : (o->arg ? o->arg : "VALUE"));
    int n = (int)strlen(left);
    if (w->measure) {
        if (n > w->width)
            w->width = n;
        return;
    }
    nis5g_buf_addf(w->b, "  %-*s  %s\n", w->width, left, o->help);
}

static void help_table(struct nis5g_buf *b, const struct nis5g_cmd *c, const char *title)
{
    if (!c->opts)
        return;
    struct help_walk w = { .b = b, .measure = 1 };
    each_opt(c->opts, 0, help_one, &w);
    if (!w.width)
        return;
    nis5g_buf_addf(b, "\n%s:\n", title);
    w.measure = 0;
    each_opt(c->opts, 0, help_one, &w);
}

void cmd_print_help(FILE *f, const struct nis5g_cmd *c)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    cli_usage(&b, c, "usage: ");
    nis5g_buf_addf(&b, "\n%s\n", c->summary);
    if (c->opts)
        help_table(&b, c, "Options");
    for (const struct nis5g_cmd *const *s = c->subs; s && *s; s++) {
        char title[96];
        snprintf(title, sizeof title, "%s %s", c->name, (*s)->name);
        help_table(&b, *s, title);
    }
    if (c->help_extra)
        nis5g_buf_addf(&b, "\n%s", c->help_extra);
    fputs(b.data, f);
    nis5g_buf_release(&b);
}
