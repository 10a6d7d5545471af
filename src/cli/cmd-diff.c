/*
 * cmd-diff.c — `nis5g diff [A] [B]`: what changed between two snapshots,
 * for people: the headline counts, then tables; long element lists are cut
 * with a count of the rest (--json holds everything). docs/diff.md.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/diff.h"

#define LIST_MAX 20 /* elements shown per list */

static const char *const rule_status[3] = { "ok", "pending", "violation" };

static void more(FILE *f, size_t shown, size_t n)
{
    if (n > shown)
        fprintf(f, "... and %zu more (--json lists every one)\n", n - shown);
}

static void print_elements(FILE *f, const char *title, const struct nis5g_model *m, const uint32_t *rows, size_t n)
{
    if (!n)
        return;
    char a[32];
    struct nis5g_buf b = NIS5G_BUF_INIT;
    fprintf(f, "\n%s (%s)\n", title, nis5g_thousands((long long)n, a));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "element", 0);
    for (int k = 0; k < NIS5G_DF_DEPENDENCIES; k++)
        cli_table_col(t, nis5g_diff_field_names[k], 0);
    for (size_t i = 0; i < n && i < LIST_MAX; i++) {
        cli_table_cell(t, nis5g_dict_str(&m->elements, rows[i]));
        for (int k = 0; k < NIS5G_DF_DEPENDENCIES; k++) {
            nis5g_diff_value(m, rows[i], k, &b);
            cli_table_cell(t, b.data ? b.data : "");
        }
    }
    cli_table_print(t, f);
    nis5g_buf_release(&b);
    more(f, LIST_MAX, n);
}

static void print_changed(FILE *f, const struct nis5g_diff *d)
{
    if (!d->n_changed)
        return;
    char a[32];
    struct nis5g_buf x = NIS5G_BUF_INIT, y = NIS5G_BUF_INIT;
    fprintf(f, "\nChanged elements (%s)\n", nis5g_thousands((long long)d->n_changed, a));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "element", 0);
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "field", 0);
    cli_table_col(t, "from", 0);
    cli_table_col(t, "to", 0);
    for (size_t i = 0; i < d->n_changed && i < LIST_MAX; i++) {
        const struct nis5g_diff_changed *c = &d->changed[i];
        int first = 1;
        for (int k = 0; k < NIS5G_DF_COUNT; k++) {
            if (!(c->fields & (1u << k)))
                continue;
            cli_table_cell(t, first ? nis5g_dict_str(&d->b->elements, c->b) : "");
            cli_table_cell(t, first ? nis5g_dict_str(&d->b->operators, d->b->el_operator[c->b]) : "");
            cli_table_cell(t, nis5g_diff_field_names[k]);
            cli_table_cell(t, nis5g_diff_value(d->a, c->a, k, &x) ? x.data : "(none)");
            cli_table_cell(t, nis5g_diff_value(d->b, c->b, k, &y) ? y.data : "(none)");
            first = 0;
        }
    }
    cli_table_print(t, f);
    nis5g_buf_release(&x);
    nis5g_buf_release(&y);
    more(f, LIST_MAX, d->n_changed);
}

/* The rows of c with a change (or whose count changed). */
static void print_counts(FILE *f, const char *title, const char *key, const struct nis5g_diff_count *c, size_t n)
{
    char a[32];
    struct cli_table *t = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].added && !c[i].removed && !c[i].changed && c[i].before == c[i].after)
            continue;
        if (!t) {
            fprintf(f, "\n%s\n", title);
            t = cli_table_new();
            cli_table_col(t, key, 0);
            cli_table_col(t, "before", 1);
            cli_table_col(t, "after", 1);
            cli_table_col(t, "added", 1);
            cli_table_col(t, "removed", 1);
            cli_table_col(t, "changed", 1);
        }
        cli_table_cell(t, c[i].name);
        cli_table_cell(t, nis5g_thousands((long long)c[i].before, a));
        cli_table_cell(t, nis5g_thousands((long long)c[i].after, a));
        cli_table_cell(t, nis5g_thousands((long long)c[i].added, a));
        cli_table_cell(t, nis5g_thousands((long long)c[i].removed, a));
        cli_table_cell(t, nis5g_thousands((long long)c[i].changed, a));
    }
    if (t)
        cli_table_print(t, f);
}

static void cell_num(struct cli_table *t, double x, const char *fmt)
{
    if (isnan(x))
        cli_table_cell(t, "-");
    else
        cli_table_cellf(t, fmt, x);
}

static void print_figures(FILE *f, const struct nis5g_diff *d)
{
    fprintf(f, "\nHHI by domain (active elements)\n");
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "from", 1);
    cli_table_col(t, "to", 1);
    cli_table_col(t, "change", 1);
    for (int k = 0; k < NIS5G_DOM_COUNT; k++) {
        const struct nis5g_diff_hhi *h = &d->hhi[k];
        if (isnan(h->from) && isnan(h->to))
            continue;
        cli_table_cell(t, nis5g_domain_names[k]);
        cell_num(t, h->from, "%.0f");
        cell_num(t, h->to, "%.0f");
        cell_num(t, h->to - h->from, "%+.0f");
    }
    cli_table_print(t, f);
    if (d->n_shares) {
        fprintf(f, "\nHigh-risk vendors' shares (active elements)\n");
        t = cli_table_new();
        cli_table_col(t, "vendor", 0);
        cli_table_col(t, "profile", 0);
        cli_table_col(t, "domain", 0);
        cli_table_col(t, "from", 1);
        cli_table_col(t, "to", 1);
        cli_table_col(t, "change", 1);
        for (size_t i = 0; i < d->n_shares; i++) {
            const struct nis5g_diff_share *s = &d->shares[i];
            cli_table_cell(t, s->vendor);
            if (s->profile_from == s->profile_to)
                cli_table_cell(t, nis5g_risk_names[s->profile_to]);
            else
                cli_table_cellf(t, "%s -> %s", nis5g_risk_names[s->profile_from], nis5g_risk_names[s->profile_to]);
            cli_table_cell(t, s->domain < 0 ? "all" : nis5g_domain_names[s->domain]);
            cli_table_cellf(t, "%.1f%%", 100 * s->from);
            cli_table_cellf(t, "%.1f%%", 100 * s->to);
            cli_table_cellf(t, "%+.1f pp", 100 * (s->to - s->from));
        }
        cli_table_print(t, f);
    }
}

static void print_ks(FILE *f, const struct nis5g_diff *d)
{
    char a[32], b[32];
    fprintf(f, "\nKill-switch: radio sites with service %s -> %s; the loss changed for %zu of %zu vendors\n",
            nis5g_thousands(d->radio_sites_from, a), nis5g_thousands(d->radio_sites_to, b), d->n_ks,
            d->n_ks_vendors);
    if (!d->n_ks)
        return;
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "vendor", 0);
    cli_table_col(t, "sites lost", 1);
    cli_table_col(t, "subscribers lost", 1);
    for (size_t i = 0; i < d->n_ks; i++) {
        const struct nis5g_diff_ks *k = &d->ks[i];
        cli_table_cell(t, k->vendor);
        cli_table_cellf(t, "%s -> %s", nis5g_thousands(k->sites_from, a), nis5g_thousands(k->sites_to, b));
        cli_table_cellf(t, "%s -> %s", nis5g_thousands(k->subs_from, a), nis5g_thousands(k->subs_to, b));
    }
    cli_table_print(t, f);
}

static void print_rules(FILE *f, const struct nis5g_diff *d)
{
    char day[11];
    if (!d->have_rules) {
        fprintf(f, "\nRules: no policy given (--policy FILE compares each rule's status)\n");
        return;
    }
    fprintf(f, "\nRules as of %s: %zu of %zu changed status\n", nis5g_date_format(d->at, day), d->n_rules,
            d->n_rules_all);
    if (!d->n_rules)
        return;
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "rule", 0);
    cli_table_col(t, "status", 0);
    cli_table_col(t, "findings", 1);
    cli_table_col(t, "title", 0);
    for (size_t i = 0; i < d->n_rules; i++) {
        const struct nis5g_diff_rule *r = &d->rules[i];
        cli_table_cell(t, r->id);
        cli_table_cellf(t, "%s -> %s", rule_status[r->from], rule_status[r->to]);
        cli_table_cellf(t, "%lld -> %lld", (long long)r->findings_from, (long long)r->findings_to);
        cli_table_cell(t, r->title ? r->title : "");
    }
    cli_table_print(t, f);
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_diff_result *r = result;
    const struct nis5g_diff *d = r->d;
    FILE *f = ctx->out;
    char da[11], db[11], a[32], b[32], c[32], e[32], g[32], h[32];
    fprintf(f, "Snapshot %s (%s elements) -> %s (%s elements): %s added, %s removed, %s changed, %s unchanged\n",
            nis5g_date_format(d->a->as_of, da), nis5g_thousands(d->a->n_elements, a),
            nis5g_date_format(d->b->as_of, db), nis5g_thousands(d->b->n_elements, b),
            nis5g_thousands((long long)d->n_added, c), nis5g_thousands((long long)d->n_removed, e),
            nis5g_thousands((long long)d->n_changed, g), nis5g_thousands((long long)d->n_unchanged, h));
    print_elements(f, "Added elements", d->b, d->added, d->n_added);
    print_elements(f, "Removed elements", d->a, d->removed, d->n_removed);
    print_changed(f, d);
    print_counts(f, "By operator", "operator", d->by_operator, d->n_by_operator);
    print_counts(f, "By domain", "domain", d->by_domain, NIS5G_DOM_COUNT);
    print_counts(f, "By vendor", "vendor", d->by_vendor, d->n_by_vendor);
    print_figures(f, d);
    print_ks(f, d);
    print_rules(f, d);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_diff_opts, "print JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_diff = {
    .name = "diff",
    .summary = "what changed between two snapshots: elements, counts, shares and HHI, rules, kill-switch losses",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_diff,
    .print = print_text,
    .help_extra = "A and B are snapshots by their as-of dates (nis5g snapshots); with neither, the last two.\n"
                  "Output and the JSON document: docs/diff.md.\n",
};
