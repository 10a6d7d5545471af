/*
 * policy-parse.c — the policy parser (grammar in docs/policy.md).
 *
 * A policy is line-oriented: each statement (designate, rule) and each
 * clause of a rule (basis, severity, deny, cap, require) is one line; a
 * line that ends with `and` or `,` continues on the next. On an error the
 * parser reports it with file, line, column, the source line and what was
 * expected, skips to the next line and goes on, up to the diagnostics'
 * error cap.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/suggest.h"
#include "policy/policy-int.h"

const char *const nis5g_pfield_names[NIS5G_PF_COUNT] = {
    "vendor", "risk",   "domain",    "function", "operator", "country", "vendor_country", "region",
    "tag",    "installed", "product", "certified", "status",  "near",    "all",
};
const char *const nis5g_pop_names[NIS5G_OP_COUNT] = { "=", "!=", "<", "<=", ">", ">=", "in", "not in" };
const char *const nis5g_rule_kind_names[3] = { "deny", "cap", "require" };
const char *const nis5g_gkey_names[NIS5G_G_COUNT] = { "operator", "region", "country", "site" };

static const char *const keywords[] = { "designate", "rule", "basis", "severity", "deny", "cap", "require", NULL };
static const char *const severities[] = { "info", "low", "medium", "high", "critical", NULL };
/* Words that end a condition or a value list: quote a value spelled so. */
static const char *const reserved[] = { "and", "by", "per", "of", "weighted", NULL };

struct parser {
    struct ptokens t;
    size_t pos;
    const char *file;       /* the policy's copy */
    struct nis5g_diags *d;
    struct nis5g_policy *p;
    size_t errors;
    long rule;              /* index of the rule being read, -1 outside */
    int kind_line;          /* line of the rule's deny/cap/require (0: none yet) */
    size_t rule_errors;     /* errors when the rule began: a rule with a bad line is not also "missing" */
};

static struct ptoken *peek(struct parser *ps)
{
    return &ps->t.v[ps->pos];
}

static struct ptoken *next(struct parser *ps)
{
    struct ptoken *k = &ps->t.v[ps->pos];
    if (k->kind != PT_EOF)
        ps->pos++;
    return k;
}

static int is_word(const struct ptoken *k, const char *w)
{
    return k->kind == PT_WORD && strcmp(k->text, w) == 0;
}

static int in_list(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return i;
    return -1;
}

/* The closest of names to s within a small edit distance, or NULL. */
static const char *suggest(const char *const *names, int count, const char *s)
{
    const char *best = NULL;
    int bd = 3;
    for (int i = 0; count < 0 ? names[i] != NULL : i < count; i++) {
        int dd = nis5g_edit_distance(s, strlen(s), names[i], strlen(names[i]), 0);
        if (dd < bd) {
            bd = dd;
            best = names[i];
        }
    }
    return best && bd <= (int)(strlen(s) / 2 + 1) ? best : NULL;
}

/* Report an error at token k (its text as "got" unless it is a line end). */
static int error_at(struct parser *ps, const struct ptoken *k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int error_at(struct parser *ps, const struct ptoken *k, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t sl;
    const char *src = policy_line(&ps->t, k->line, &sl);
    const char *got = NULL;
    size_t gl = 0;
    if (k->kind == PT_NL || k->kind == PT_EOF) {
        got = "end of line";
        gl = strlen(got);
    } else {
        got = k->text;
        gl = k->len;
    }
    nis5g_diags_add(ps->d, NIS5G_ERROR, NIS5G_EPARSE, ps->file, k->line, k->col, src, sl, got, gl, "%s", msg);
    ps->errors++;
    return -1;
}

static void skip_line(struct parser *ps)
{
    while (peek(ps)->kind != PT_NL && peek(ps)->kind != PT_EOF)
        ps->pos++;
    if (peek(ps)->kind == PT_NL)
        ps->pos++;
}

/* After `and` or `,`, a line end continues the statement on the next line. */
static void continuation(struct parser *ps)
{
    while (peek(ps)->kind == PT_NL)
        ps->pos++;
}

static int expect_word(struct parser *ps, const char *w, const char *what)
{
    struct ptoken *k = peek(ps);
    if (!is_word(k, w))
        return error_at(ps, k, "expected '%s'%s", w, what);
    next(ps);
    return 0;
}

static int expect_eol(struct parser *ps)
{
    struct ptoken *k = peek(ps);
    if (k->kind != PT_NL && k->kind != PT_EOF)
        return error_at(ps, k, "expected the end of the line");
    return 0;
}

static int parse_date(struct parser *ps, const struct ptoken *k, int32_t *day)
{
    if (k->kind != PT_WORD || nis5g_date_parse(k->text, k->len, day) != 0)
        return error_at(ps, k, "bad date: expected a date as YYYY-MM-DD (a real calendar day, years 1900-2199)");
    return 0;
}

/* A value of a condition: a bare word that is not reserved, or a string. */
static struct ptoken *value_token(struct parser *ps, const char *field)
{
    struct ptoken *k = peek(ps);
    if (k->kind == PT_STRING || (k->kind == PT_WORD && in_list(reserved, k->text) < 0)) {
        next(ps);
        return k;
    }
    error_at(ps, k, "expected a value for '%s'%s", field,
             k->kind == PT_WORD ? " (quote a value spelled like a keyword)" : "");
    return NULL;
}

static void cond_add_value(struct nis5g_pcond *c, const struct ptoken *k, int iv)
{
    c->values = nis5g_xreallocarray(c->values, c->n_values + 1, sizeof *c->values);
    c->ivalues = nis5g_xreallocarray(c->ivalues, c->n_values + 1, sizeof *c->ivalues);
    c->vcols = nis5g_xreallocarray(c->vcols, c->n_values + 1, sizeof *c->vcols);
    c->values[c->n_values] = nis5g_xstrndup(k->text, k->len);
    c->ivalues[c->n_values] = iv;
    c->vcols[c->n_values] = k->col;
    c->n_values++;
}

/* Check and convert one value for field f; iv gets the enum or day. */
static int check_value(struct parser *ps, int f, int op, const struct ptoken *k, int *iv)
{
    *iv = 0;
    switch (f) {
    case NIS5G_PF_RISK: {
        int r = nis5g_name_index(nis5g_risk_names, NIS5G_RISK_COUNT, k->text, k->len);
        if (r < 0) {
            const char *s = suggest(nis5g_risk_names, NIS5G_RISK_COUNT, k->text);
            return error_at(ps, k, "unknown risk level: expected low, medium, high or unknown%s%s%s",
                            s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
        if (r == NIS5G_RISK_UNKNOWN && op >= NIS5G_OP_LT && op <= NIS5G_OP_GE)
            return error_at(ps, k, "'unknown' has no order: compare it with = or !=");
        *iv = r;
        return 0;
    }
    case NIS5G_PF_DOMAIN: {
        int r = nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, k->text, k->len);
        if (r < 0) {
            const char *s = suggest(nis5g_domain_names, NIS5G_DOM_COUNT, k->text);
            return error_at(ps, k,
                            "unknown domain: expected ran, transport, core, management, edge, interconnect or "
                            "infrastructure%s%s%s",
                            s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
        *iv = r;
        return 0;
    }
    case NIS5G_PF_STATUS: {
        int r = nis5g_name_index(nis5g_status_names, NIS5G_ST_COUNT, k->text, k->len);
        if (r < 0) {
            const char *s = suggest(nis5g_status_names, NIS5G_ST_COUNT, k->text);
            return error_at(ps, k, "unknown status: expected active, planned or retired%s%s%s",
                            s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
        *iv = r;
        return 0;
    }
    case NIS5G_PF_INSTALLED: {
        int32_t day;
        if (parse_date(ps, k, &day))
            return -1;
        *iv = day;
        return 0;
    }
    default:
        return 0;
    }
}

static int parse_term(struct parser *ps, struct nis5g_pconds *out)
{
    struct ptoken *k = peek(ps);
    if (k->kind != PT_WORD)
        return error_at(ps, k, "expected a condition (FIELD OP VALUE, near D km of tag in T, or all)");
    next(ps);
    out->v = nis5g_xreallocarray(out->v, out->n + 1, sizeof *out->v);
    struct nis5g_pcond *c = &out->v[out->n++];
    memset(c, 0, sizeof *c);
    c->line = k->line;
    c->col = k->col;
    if (strcmp(k->text, "all") == 0) {
        c->field = NIS5G_PF_ALL;
        return 0;
    }
    if (strcmp(k->text, "near") == 0) {
        c->field = NIS5G_PF_NEAR;
        c->op = NIS5G_OP_IN;
        struct ptoken *dk = peek(ps);
        char *end = NULL;
        double km = dk->kind == PT_WORD ? strtod(dk->text, &end) : NAN;
        if (dk->kind != PT_WORD || !end || *end || !(km >= 0) || isinf(km))
            return error_at(ps, dk, "bad distance: expected a number of km (near D km of tag in T...)");
        next(ps);
        c->km = km;
        if (expect_word(ps, "km", " after the distance") || expect_word(ps, "of", " (near D km of tag in T...)") ||
            expect_word(ps, "tag", " (near D km of tag in T...)"))
            return -1;
        if (!is_word(peek(ps), "in") && !(peek(ps)->kind == PT_OP && strcmp(peek(ps)->text, "=") == 0))
            return error_at(ps, peek(ps), "expected 'in' (near D km of tag in T...)");
        next(ps);
        for (;;) {
            struct ptoken *v = value_token(ps, "tag");
            if (!v)
                return -1;
            cond_add_value(c, v, 0);
            if (peek(ps)->kind != PT_COMMA)
                break;
            next(ps);
            continuation(ps);
        }
        return 0;
    }
    int f = -1;
    for (int i = 0; i < NIS5G_PF_NEAR; i++)
        if (strcmp(k->text, nis5g_pfield_names[i]) == 0)
            f = i;
    if (f < 0) {
        const char *s = suggest(nis5g_pfield_names, NIS5G_PF_COUNT, k->text);
        return error_at(ps, k,
                        "unknown field: expected vendor, risk, domain, function, operator, country, "
                        "vendor_country, region, tag, installed, product, certified, status or near%s%s%s",
                        s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
    }
    c->field = (uint8_t)f;
    struct ptoken *o = peek(ps);
    int op = -1;
    if (o->kind == PT_OP) {
        op = nis5g_name_index(nis5g_pop_names, NIS5G_OP_IN, o->text, o->len);
        next(ps);
    } else if (is_word(o, "in")) {
        op = NIS5G_OP_IN;
        next(ps);
    } else if (is_word(o, "not")) {
        next(ps);
        if (!is_word(peek(ps), "in"))
            return error_at(ps, peek(ps), "expected 'in' after 'not'");
        next(ps);
        op = NIS5G_OP_NOT_IN;
    }
    if (op < 0)
        return error_at(ps, o, "expected an operator after '%s': =, !=, <, <=, >, >=, in or not in", k->text);
    c->op = (uint8_t)op;
    if (op >= NIS5G_OP_LT && op <= NIS5G_OP_GE && f != NIS5G_PF_INSTALLED && f != NIS5G_PF_RISK)
        return error_at(ps, o, "'%s' compares dates (installed) and risk levels only; '%s' takes =, !=, in, not in",
                        nis5g_pop_names[op], k->text);
    for (;;) {
        struct ptoken *v = value_token(ps, k->text);
        if (!v)
            return -1;
        int iv;
        if (check_value(ps, f, op, v, &iv))
            return -1;
        cond_add_value(c, v, iv);
        if (op != NIS5G_OP_IN && op != NIS5G_OP_NOT_IN) {
            if (peek(ps)->kind == PT_COMMA)
                return error_at(ps, peek(ps), "expected one value after '%s' (use 'in' for a list)",
                                nis5g_pop_names[op]);
            break;
        }
        if (peek(ps)->kind != PT_COMMA)
            break;
        next(ps);
        continuation(ps);
    }
    return 0;
}

static int parse_conds(struct parser *ps, struct nis5g_pconds *out)
{
    for (;;) {
        if (parse_term(ps, out))
            return -1;
        if (!is_word(peek(ps), "and"))
            return 0;
        next(ps);
        continuation(ps);
    }
}

static int parse_groups(struct parser *ps, struct nis5g_rule *r)
{
    for (;;) {
        struct ptoken *k = peek(ps);
        int g = k->kind == PT_WORD ? nis5g_name_index(nis5g_gkey_names, NIS5G_G_COUNT, k->text, k->len) : -1;
        if (g < 0) {
            const char *s = k->kind == PT_WORD ? suggest(nis5g_gkey_names, NIS5G_G_COUNT, k->text) : NULL;
            return error_at(ps, k, "expected a group: operator, region, country or site%s%s%s",
                            s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
        if (r->n_group == 2)
            return error_at(ps, k, "at most two group keys (e.g. per operator, region)");
        if (r->n_group == 1 && r->group[0] == g)
            return error_at(ps, k, "group key '%s' given twice", k->text);
        r->group[r->n_group++] = g;
        next(ps);
        if (peek(ps)->kind != PT_COMMA)
            return 0;
        next(ps);
        continuation(ps);
    }
}

static int parse_deadline(struct parser *ps, struct nis5g_rule *r)
{
    if (is_word(peek(ps), "by")) {
        next(ps);
        if (parse_date(ps, peek(ps), &r->deadline))
            return -1;
        next(ps);
    }
    return expect_eol(ps);
}

/* "35%" or "35.5%": hundredths of a percent. */
static int parse_percent(struct parser *ps, int *bp)
{
    struct ptoken *k = peek(ps);
    const char *s = k->text;
    long whole = 0, frac = 0;
    int nd = 0, nf = 0, ok = k->kind == PT_WORD;
    size_t i = 0;
    for (; ok && s[i] >= '0' && s[i] <= '9' && nd < 4; i++, nd++)
        whole = whole * 10 + (s[i] - '0');
    if (ok && s[i] == '.')
        for (i++; s[i] >= '0' && s[i] <= '9' && nf < 3; i++, nf++)
            frac = frac * 10 + (s[i] - '0');
    if (!ok || nd == 0 || s[i] || nf > 2 || whole * 100 + (nf == 1 ? frac * 10 : frac) > 10000)
        return error_at(ps, k, "bad percentage: expected a number from 0 to 100 (at most 2 decimals) and '%%'");
    *bp = (int)(whole * 100 + (nf == 1 ? frac * 10 : frac));
    next(ps);
    if (peek(ps)->kind != PT_PERCENT)
        return error_at(ps, peek(ps), "expected '%%' after the percentage");
    next(ps);
    return 0;
}

static struct nis5g_rule *cur_rule(struct parser *ps)
{
    return &ps->p->rules[ps->rule];
}

/* End the rule being read: it must have said what it checks. */
static void finish_rule(struct parser *ps)
{
    if (ps->rule < 0)
        return;
    struct nis5g_rule *r = cur_rule(ps);
    if (!ps->kind_line && ps->errors == ps->rule_errors) {
        size_t sl;
        const char *src = policy_line(&ps->t, r->line, &sl);
        nis5g_diags_add(ps->d, NIS5G_ERROR, NIS5G_EPARSE, ps->file, r->line, r->col, src, sl, r->id,
                        strlen(r->id), "missing clause: rule '%s' needs one of deny, cap or require", r->id);
        ps->errors++;
    }
    ps->rule = -1;
}

static int parse_rule_head(struct parser *ps, const struct ptoken *kw)
{
    finish_rule(ps);
    struct ptoken *id = peek(ps);
    if (id->kind != PT_WORD && id->kind != PT_STRING)
        return error_at(ps, id, "expected a rule id after 'rule'");
    next(ps);
    /* A duplicate is reported but still read, so that its clauses are
     * checked too and do not look like clauses outside a rule. */
    int dup = 0;
    for (size_t i = 0; i < ps->p->n_rules && !dup; i++)
        if (strcmp(ps->p->rules[i].id, id->text) == 0)
            dup = error_at(ps, id, "duplicate rule id: first defined at %s:%d", ps->p->rules[i].file,
                           ps->p->rules[i].line);
    ps->p->rules = nis5g_xreallocarray(ps->p->rules, ps->p->n_rules + 1, sizeof *ps->p->rules);
    struct nis5g_rule *r = &ps->p->rules[ps->p->n_rules];
    memset(r, 0, sizeof *r);
    r->id = nis5g_xstrdup(id->text);
    r->kind = NIS5G_RULE_NONE;
    r->deadline = NIS5G_NO_DATE;
    r->file = ps->file;
    r->line = kw->line;
    r->col = kw->col;
    ps->rule = (long)ps->p->n_rules++;
    ps->kind_line = 0;
    ps->rule_errors = ps->errors - (dup ? 1 : 0);
    if (peek(ps)->kind == PT_STRING)
        r->title = nis5g_xstrdup(next(ps)->text);
    return expect_eol(ps);
}

static int parse_kind(struct parser *ps, struct nis5g_rule *r, int which);

static int parse_clause(struct parser *ps, const struct ptoken *kw, int which)
{
    if (ps->rule < 0)
        return error_at(ps, kw, "'%s' outside a rule: expected 'rule ID \"title\"' first", kw->text);
    struct nis5g_rule *r = cur_rule(ps);
    if (which == 2) { /* basis */
        for (;;) {
            struct ptoken *k = peek(ps);
            if (k->kind != PT_WORD && k->kind != PT_STRING)
                return error_at(ps, k, "expected a measure code (e.g. SM03)");
            next(ps);
            r->basis = nis5g_xreallocarray(r->basis, r->n_basis + 1, sizeof *r->basis);
            r->basis[r->n_basis++] = nis5g_xstrdup(k->text);
            if (peek(ps)->kind != PT_COMMA)
                break;
            next(ps);
            continuation(ps);
        }
        return expect_eol(ps);
    }
    if (which == 3) { /* severity */
        struct ptoken *k = peek(ps);
        if (k->kind != PT_WORD || in_list(severities, k->text) < 0) {
            const char *s = k->kind == PT_WORD ? suggest(severities, -1, k->text) : NULL;
            return error_at(ps, k, "unknown severity: expected info, low, medium, high or critical%s%s%s",
                            s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        }
        next(ps);
        free(r->severity);
        r->severity = nis5g_xstrdup(k->text);
        return expect_eol(ps);
    }
    if (ps->kind_line)
        return error_at(ps, kw, "rule '%s' already has a %s clause (line %d): one deny, cap or require per rule",
                        r->id, nis5g_rule_kind_names[r->kind == NIS5G_RULE_NONE ? 0 : r->kind], ps->kind_line);
    ps->kind_line = kw->line;
    int rc = parse_kind(ps, r, which);
    if (rc == 0 && ps->pos > 0) {
        /* the clause as written, continuation lines joined by one space */
        const struct ptoken *last = &ps->t.v[ps->pos - 1];
        struct nis5g_buf b = NIS5G_BUF_INIT;
        nis5g_buf_init(&b);
        for (const struct ptoken *k = kw; k <= last; k++) {
            if (k->kind == PT_NL)
                continue;
            if (k > kw && k[-1].end != k->off && b.len && b.data[b.len - 1] != ' ')
                nis5g_buf_addch(&b, ' ');
            nis5g_buf_add(&b, ps->t.src + k->off, k->end - k->off);
        }
        free(r->clause);
        r->clause = nis5g_buf_detach(&b, NULL);
    }
    return rc;
}

static int parse_kind(struct parser *ps, struct nis5g_rule *r, int which)
{
    if (which == 4) {
        r->kind = NIS5G_RULE_DENY;
        if (parse_conds(ps, &r->cond))
            return -1;
        return parse_deadline(ps, r);
    }
    if (which == 5) {
        r->kind = NIS5G_RULE_CAP;
        if (expect_word(ps, "share", " (cap share(C) of S per G <= P%)"))
            return -1;
        if (peek(ps)->kind != PT_LPAREN)
            return error_at(ps, peek(ps), "expected '(' after 'share'");
        next(ps);
        if (parse_conds(ps, &r->cond))
            return -1;
        if (peek(ps)->kind != PT_RPAREN)
            return error_at(ps, peek(ps), "expected ')' or 'and' after the condition");
        next(ps);
        if (expect_word(ps, "of", " after share(...)") || parse_conds(ps, &r->scope) ||
            expect_word(ps, "per", " after the condition (per operator, region, country or site)") ||
            parse_groups(ps, r))
            return -1;
        struct ptoken *o = peek(ps);
        if (o->kind != PT_OP || strcmp(o->text, "<=") != 0)
            return error_at(ps, o, "expected '<=' and a percentage");
        next(ps);
        if (parse_percent(ps, &r->pct_bp))
            return -1;
        if (is_word(peek(ps), "weighted")) {
            next(ps);
            if (expect_word(ps, "by", " (weighted by subscribers)") ||
                expect_word(ps, "subscribers", " (weighted by subscribers)"))
                return -1;
            r->weighted = 1;
        }
        return parse_deadline(ps, r);
    }
    /* require */
    r->kind = NIS5G_RULE_REQUIRE;
    if (expect_word(ps, "vendors", " (require vendors >= N of S per G)"))
        return -1;
    struct ptoken *o = peek(ps);
    if (o->kind != PT_OP || strcmp(o->text, ">=") != 0)
        return error_at(ps, o, "expected '>=' and a number of vendors");
    next(ps);
    struct ptoken *nk = peek(ps);
    char *end = NULL;
    long nv = nk->kind == PT_WORD ? strtol(nk->text, &end, 10) : -1;
    if (nk->kind != PT_WORD || !end || *end || nv < 1 || nv > 1000)
        return error_at(ps, nk, "bad number of vendors: expected a whole number from 1 to 1000");
    next(ps);
    r->min_vendors = (int)nv;
    if (expect_word(ps, "of", " after the number of vendors") || parse_conds(ps, &r->scope) ||
        expect_word(ps, "per", " after the condition (per operator, region, country or site)") ||
        parse_groups(ps, r))
        return -1;
    return parse_deadline(ps, r);
}

static int parse_designate(struct parser *ps, const struct ptoken *kw)
{
    size_t first = ps->p->n_des;
    for (;;) {
        struct ptoken *k = peek(ps);
        if (k->kind != PT_WORD && k->kind != PT_STRING)
            return error_at(ps, k, "expected a vendor name after 'designate'");
        next(ps);
        ps->p->des = nis5g_xreallocarray(ps->p->des, ps->p->n_des + 1, sizeof *ps->p->des);
        struct nis5g_pdesignation *g = &ps->p->des[ps->p->n_des++];
        memset(g, 0, sizeof *g);
        g->vendor = nis5g_xstrdup(k->text);
        g->file = ps->file;
        g->line = k->line;
        g->col = k->col;
        snprintf(g->where, sizeof g->where, "%s:%d", ps->file, k->line);
        if (peek(ps)->kind != PT_COMMA)
            break;
        next(ps);
        continuation(ps);
    }
    struct ptoken *lv = peek(ps);
    int risk = lv->kind == PT_WORD ? nis5g_name_index(nis5g_risk_names, NIS5G_RISK_COUNT, lv->text, lv->len) : -1;
    if (risk <= 0) {
        while (ps->p->n_des > first) /* drop the half-read line */
            free(ps->p->des[--ps->p->n_des].vendor);
        return error_at(ps, lv, "expected a profile level after the vendor names: low, medium or high");
    }
    next(ps);
    char *reason = NULL;
    if (peek(ps)->kind == PT_STRING)
        reason = next(ps)->text;
    for (size_t i = first; i < ps->p->n_des; i++) {
        ps->p->des[i].risk = (uint8_t)risk;
        ps->p->des[i].reason = reason ? nis5g_xstrdup(reason) : NULL;
    }
    /* Contradicting designations are an error: a policy officer must say
     * which one holds. Repeating the same level is harmless. */
    for (size_t i = first; i < ps->p->n_des; i++)
        for (size_t j = 0; j < first; j++)
            if (strcmp(ps->p->des[i].vendor, ps->p->des[j].vendor) == 0 && ps->p->des[i].risk != ps->p->des[j].risk) {
                size_t sl;
                const char *src = policy_line(&ps->t, ps->p->des[i].line, &sl);
                nis5g_diags_add(ps->d, NIS5G_ERROR, NIS5G_EPARSE, ps->file, ps->p->des[i].line, ps->p->des[i].col,
                                src, sl, ps->p->des[i].vendor, strlen(ps->p->des[i].vendor),
                                "conflicting designation: already designated %s at %s",
                                nis5g_risk_names[ps->p->des[j].risk], ps->p->des[j].where);
                ps->errors++;
            }
    (void)kw;
    return expect_eol(ps);
}

const char *nis5g_policy_line(const struct nis5g_policy *p, const char *file, int line, size_t *len)
{
    *len = 0;
    for (size_t i = 0; i < p->n_files; i++) {
        if (strcmp(p->files[i], file) != 0)
            continue;
        const char *s = p->texts[i], *end = s + p->text_lens[i];
        for (int l = 1; l < line && s < end; l++) {
            const char *nl = memchr(s, '\n', (size_t)(end - s));
            s = nl ? nl + 1 : end;
        }
        const char *e = memchr(s, '\n', (size_t)(end - s));
        *len = (size_t)((e ? e : end) - s);
        return s;
    }
    return "";
}

struct nis5g_policy *nis5g_policy_new(void)
{
    return nis5g_xcalloc(1, sizeof(struct nis5g_policy));
}

static void conds_release(struct nis5g_pconds *cs)
{
    for (size_t i = 0; i < cs->n; i++) {
        struct nis5g_pcond *c = &cs->v[i];
        for (size_t k = 0; k < c->n_values; k++)
            free(c->values[k]);
        free(c->values);
        free(c->ivalues);
        free(c->vcols);
    }
    free(cs->v);
}

void nis5g_policy_free(struct nis5g_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_rules; i++) {
        struct nis5g_rule *r = &p->rules[i];
        free(r->id);
        free(r->title);
        for (size_t k = 0; k < r->n_basis; k++)
            free(r->basis[k]);
        free(r->basis);
        free(r->severity);
        free(r->clause);
        conds_release(&r->cond);
        conds_release(&r->scope);
    }
    free(p->rules);
    for (size_t i = 0; i < p->n_des; i++) {
        free(p->des[i].vendor);
        free(p->des[i].reason);
    }
    free(p->des);
    for (size_t i = 0; i < p->n_files; i++) {
        free(p->files[i]);
        free(p->texts[i]);
    }
    free(p->files);
    free(p->texts);
    free(p->text_lens);
    free(p);
}

int nis5g_policy_parse(struct nis5g_policy *p, const char *file, const char *text, size_t len,
                       struct nis5g_diags *d)
{
    struct parser ps;
    memset(&ps, 0, sizeof ps);
    p->files = nis5g_xreallocarray(p->files, p->n_files + 1, sizeof *p->files);
    p->texts = nis5g_xreallocarray(p->texts, p->n_files + 1, sizeof *p->texts);
    p->text_lens = nis5g_xreallocarray(p->text_lens, p->n_files + 1, sizeof *p->text_lens);
    p->files[p->n_files] = nis5g_xstrdup(file);
    p->texts[p->n_files] = nis5g_xstrndup(text, len);
    p->text_lens[p->n_files] = len;
    ps.file = p->files[p->n_files++];
    ps.d = d;
    ps.p = p;
    ps.rule = -1;
    ps.errors = policy_lex(ps.file, text, len, &ps.t, d);
    while (peek(&ps)->kind != PT_EOF && !nis5g_diags_full(d)) {
        struct ptoken *k = peek(&ps);
        if (k->kind == PT_NL) {
            next(&ps);
            continue;
        }
        int rc;
        int kw = k->kind == PT_WORD ? in_list(keywords, k->text) : -1;
        if (kw < 0) {
            const char *s = k->kind == PT_WORD ? suggest(keywords, -1, k->text) : NULL;
            rc = error_at(&ps, k, "unknown keyword: expected designate, rule, basis, severity, deny, cap or require%s%s%s",
                          s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        } else {
            next(&ps);
            if (kw == 0)
                rc = parse_designate(&ps, k);
            else if (kw == 1)
                rc = parse_rule_head(&ps, k);
            else
                rc = parse_clause(&ps, k, kw);
        }
        if (rc)
            skip_line(&ps);
        else if (peek(&ps)->kind == PT_NL)
            next(&ps);
    }
    if (!nis5g_diags_full(d))
        finish_rule(&ps);
    policy_tokens_release(&ps.t);
    return ps.errors ? NIS5G_EPARSE : NIS5G_OK;
}
