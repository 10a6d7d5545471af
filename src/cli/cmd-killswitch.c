/*
 * cmd-killswitch.c — `nis5g killswitch`: for each vendor (or set of
 * vendors, A+B), the radio sites and subscribers left without service if
 * all its equipment fails at once; optionally why one site is cut off.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/resilience.h"

struct scen {
    struct nis5g_ks_scenario *sc;
    uint16_t *ids; /* all vendor ids, scenario after scenario */
    size_t n, n_ids;
};

static int parse_scenarios(struct nis5g_ctx *ctx, struct nis5g_model *m, char **args, size_t nargs, int all,
                           struct scen *s)
{
    size_t cap = nargs;
    for (size_t i = 0; i < nargs; i++)
        for (const char *p = args[i]; *p; p++)
            cap += *p == '+';
    if (all)
        cap += m->vendors.n;
    s->ids = nis5g_xcalloc(cap ? cap : 1, sizeof *s->ids);
    s->sc = nis5g_xcalloc((nargs + (all ? m->vendors.n : 0)) ? nargs + (all ? m->vendors.n : 0) : 1, sizeof *s->sc);
    for (size_t i = 0; i < nargs; i++) {
        size_t start = s->n_ids;
        const char *p = args[i];
        for (;;) {
            /* The longest name ending at a '+' or at the end: a vendor may
             * be called "A+B" itself. */
            size_t rest = strlen(p), len = rest;
            uint32_t v = NIS5G_NONE;
            for (;;) {
                v = nis5g_dict_find(&m->vendors, p, len);
                if (v != NIS5G_NONE)
                    break;
                while (len > 0 && p[--len] != '+')
                    ;
                if (len == 0)
                    break;
            }
            if (v == NIS5G_NONE) {
                const char *q = strchr(p, '+');
                cli_fail(ctx, NIS5G_EUSAGE, "unknown vendor '%.*s'", (int)(q ? (size_t)(q - p) : rest), p);
                return -1;
            }
            s->ids[s->n_ids++] = (uint16_t)v;
            if (len == rest)
                break;
            p += len + 1;
        }
        s->sc[s->n].vendors = s->ids + start;
        s->sc[s->n].n_vendors = s->n_ids - start;
        s->n++;
    }
    if (all) {
        /* Every vendor with active equipment, in name order. */
        uint8_t *has = nis5g_xcalloc(m->vendors.n ? m->vendors.n : 1, 1);
        for (uint32_t e = 0; e < m->n_elements; e++)
            if (m->el_status[e] == NIS5G_ST_ACTIVE)
                has[m->el_vendor[e]] = 1;
        size_t first = s->n_ids;
        for (uint32_t v = 0; v < m->vendors.n; v++)
            if (has[v])
                s->ids[s->n_ids++] = (uint16_t)v;
        free(has);
        /* Insertion sort by name: vendors are few. */
        for (size_t i = first + 1; i < s->n_ids; i++)
            for (size_t j = i; j > first && strcmp(nis5g_dict_str(&m->vendors, s->ids[j - 1]),
                                                   nis5g_dict_str(&m->vendors, s->ids[j])) > 0;
                 j--) {
                uint16_t x = s->ids[j];
                s->ids[j] = s->ids[j - 1];
                s->ids[j - 1] = x;
            }
        for (size_t i = first; i < s->n_ids; i++) {
            s->sc[s->n].vendors = s->ids + i;
            s->sc[s->n].n_vendors = 1;
            s->n++;
        }
    }
    return 0;
}

/* Lost sites with their chains, per scenario (--lost N). */
struct lost {
    size_t n;
    uint32_t *sites;
    char **chains;
};

static void scen_name(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, struct nis5g_buf *b)
{
    for (size_t k = 0; k < sc->n_vendors; k++)
        nis5g_buf_addf(b, "%s%s", k ? "+" : "", nis5g_dict_str(&m->vendors, sc->vendors[k]));
}

static double pct(int64_t a, int64_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

static json_t *to_json(const struct nis5g_model *m, const struct nis5g_radio_sites *rs, const struct scen *s,
                       const struct nis5g_ks_result *res, const uint32_t *op_sites, const int64_t *op_subs,
                       char **explain, const struct lost *lost)
{
    uint32_t nops = m->operators.n, nreg = m->regions.n;
    json_t *scen = json_array();
    for (size_t i = 0; i < s->n; i++) {
        const struct nis5g_ks_result *r = &res[i];
        json_t *vs = json_array();
        for (size_t k = 0; k < s->sc[i].n_vendors; k++)
            json_array_append_new(vs, json_string(nis5g_dict_str(&m->vendors, s->sc[i].vendors[k])));
        json_t *per_op = json_object();
        for (uint32_t o = 0; o < nops; o++)
            json_object_set_new(per_op, nis5g_dict_str(&m->operators, o),
                                json_pack("{s:I, s:I, s:I, s:I}", "sites", (json_int_t)op_sites[o], "subscribers",
                                          (json_int_t)op_subs[o], "sites_lost", (json_int_t)r->op_sites_lost[o],
                                          "subscribers_lost", (json_int_t)r->op_subs_lost[o]));
        json_t *per_reg = json_object();
        for (uint32_t g = 0; g <= nreg; g++)
            if (r->reg_sites_lost[g])
                json_object_set_new(per_reg, g == nreg ? "" : nis5g_dict_str(&m->regions, g),
                                    json_pack("{s:I, s:I}", "sites_lost", (json_int_t)r->reg_sites_lost[g],
                                              "subscribers_lost", (json_int_t)r->reg_subs_lost[g]));
        json_t *coll = json_object();
        for (int d = 0; d < NIS5G_DOM_COUNT; d++)
            if (r->collateral_dom[d])
                json_object_set_new(coll, nis5g_domain_names[d], json_integer((json_int_t)r->collateral_dom[d]));
        json_t *o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "vendors", vs, "sites_lost",
                              (json_int_t)r->sites_lost, "subscribers_lost", (json_int_t)r->subs_lost,
                              "elements_failed", (json_int_t)r->elements_failed, "elements_failed_through_dependencies",
                              (json_int_t)r->collateral, "through_dependencies_by_domain", coll, "per_operator",
                              per_op, "per_region", per_reg);
        if (explain)
            json_object_set_new(o, "explain", explain[i] ? json_string(explain[i]) : json_null());
        if (lost) {
            json_t *ls = json_array();
            for (size_t k = 0; k < lost[i].n; k++) {
                uint32_t site = lost[i].sites[k];
                json_array_append_new(
                    ls, json_pack("{s:s, s:s, s:o, s:s}", "site", nis5g_dict_str(&m->sites, site), "operator",
                                  nis5g_dict_str(&m->operators, m->site_operator[site]), "region",
                                  m->site_region[site] == NIS5G_NONE
                                      ? json_null()
                                      : json_string(nis5g_dict_str(&m->regions, m->site_region[site])),
                                  "chain", lost[i].chains[k]));
            }
            json_object_set_new(o, "lost_sites", ls);
        }
        json_array_append_new(scen, o);
    }
    char day[11];
    return json_pack("{s:s, s:{s:I, s:I, s:I, s:I}, s:o}", "as_of", nis5g_date_format(m->as_of, day), "baseline",
                     "sites", (json_int_t)rs->n, "subscribers", (json_int_t)rs->subs_total, "sites_without_service",
                     (json_int_t)(rs->n - rs->n_base), "subscribers_without_service",
                     (json_int_t)(rs->subs_total - rs->subs_base), "scenarios", scen);
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_radio_sites *rs,
                       const struct scen *s, const struct nis5g_ks_result *res, const uint32_t *op_sites,
                       char **explain, const char *explain_site, const struct lost *lost)
{
    FILE *f = ctx->out;
    char a[32], b[32], c[32];
    fprintf(f, "Radio sites: %s with %s subscribers; %s already without service with nothing failed\n\n",
            cli_num(rs->n, a), cli_num(rs->subs_total, b), cli_num(rs->n - rs->n_base, c));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "failing", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "+ through deps", 1);
    cli_table_col(t, "sites lost", 1);
    cli_table_col(t, "%", 1);
    cli_table_col(t, "subscribers lost", 1);
    cli_table_col(t, "%", 1);
    for (size_t i = 0; i < s->n; i++) {
        struct nis5g_buf nb = NIS5G_BUF_INIT;
        scen_name(m, &s->sc[i], &nb);
        cli_table_cell(t, nb.data);
        nis5g_buf_release(&nb);
        cli_table_cell(t, cli_num((long long)res[i].elements_failed, a));
        cli_table_cell(t, cli_num((long long)res[i].collateral, a));
        cli_table_cell(t, cli_num(res[i].sites_lost, a));
        cli_table_cellf(t, "%.1f", pct(res[i].sites_lost, rs->n_base));
        cli_table_cell(t, cli_num(res[i].subs_lost, a));
        cli_table_cellf(t, "%.1f", pct(res[i].subs_lost, rs->subs_base));
    }
    cli_table_print(t, f);

    for (size_t i = 0; i < s->n; i++) {
        if (!res[i].sites_lost)
            continue;
        struct nis5g_buf nb = NIS5G_BUF_INIT;
        scen_name(m, &s->sc[i], &nb);
        fprintf(f, "\n%s: losses by operator\n", nb.data);
        nis5g_buf_release(&nb);
        t = cli_table_new();
        cli_table_col(t, "operator", 0);
        cli_table_col(t, "radio sites", 1);
        cli_table_col(t, "sites lost", 1);
        cli_table_col(t, "%", 1);
        cli_table_col(t, "subscribers lost", 1);
        for (uint32_t o = 0; o < m->operators.n; o++) {
            if (!res[i].op_sites_lost[o])
                continue;
            cli_table_cell(t, nis5g_dict_str(&m->operators, o));
            cli_table_cell(t, cli_num(op_sites[o], a));
            cli_table_cell(t, cli_num(res[i].op_sites_lost[o], a));
            cli_table_cellf(t, "%.1f", pct(res[i].op_sites_lost[o], op_sites[o]));
            cli_table_cell(t, cli_num(res[i].op_subs_lost[o], a));
        }
        cli_table_print(t, f);
        /* The most affected regions (at most 10). */
        uint32_t nreg = m->regions.n, shown = 0;
        uint8_t *done = nis5g_xcalloc((size_t)nreg + 1, 1);
        t = cli_table_new();
        cli_table_col(t, "region", 0);
        cli_table_col(t, "sites lost", 1);
        cli_table_col(t, "subscribers lost", 1);
        while (shown < 10) {
            uint32_t best = NIS5G_NONE;
            for (uint32_t g = 0; g <= nreg; g++)
                if (!done[g] && res[i].reg_sites_lost[g] &&
                    (best == NIS5G_NONE || res[i].reg_subs_lost[g] > res[i].reg_subs_lost[best]))
                    best = g;
            if (best == NIS5G_NONE)
                break;
            done[best] = 1;
            cli_table_cell(t, best == nreg ? "-" : nis5g_dict_str(&m->regions, best));
            cli_table_cell(t, cli_num(res[i].reg_sites_lost[best], a));
            cli_table_cell(t, cli_num(res[i].reg_subs_lost[best], a));
            shown++;
        }
        free(done);
        fprintf(f, "\nmost affected regions\n");
        cli_table_print(t, f);
        if (lost && lost[i].n) {
            fprintf(f, "\nsites lost (%s%zu of %s) and why\n", lost[i].n < res[i].sites_lost ? "first " : "",
                    lost[i].n, cli_num(res[i].sites_lost, a));
            for (size_t k = 0; k < lost[i].n; k++) {
                uint32_t site = lost[i].sites[k];
                fprintf(f, "  %s (%s%s%s): %s\n", nis5g_dict_str(&m->sites, site),
                        nis5g_dict_str(&m->operators, m->site_operator[site]),
                        m->site_region[site] == NIS5G_NONE ? "" : ", ",
                        nis5g_dict_str(&m->regions, m->site_region[site]), lost[i].chains[k]);
            }
        }
    }
    if (explain) {
        fprintf(f, "\nWhy site '%s' loses service\n", explain_site);
        for (size_t i = 0; i < s->n; i++) {
            struct nis5g_buf nb = NIS5G_BUF_INIT;
            scen_name(m, &s->sc[i], &nb);
            fprintf(f, "  %s: %s\n", nb.data, explain[i] ? explain[i] : "keeps service");
            nis5g_buf_release(&nb);
        }
    }
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0, all = 0;
    const char *explain_site = NULL;
    unsigned long long nlost = 0;
    int32_t snap = NIS5G_NO_DATE;
    char **names = nis5g_xcalloc((size_t)argc, sizeof *names);
    size_t nnames = 0;
    int rc = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if (cli_is(argv[i], "--all"))
            all = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--explain", &v))) {
            if (r < 0) {
                free(names);
                return 2;
            }
            explain_site = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v))) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snap)) {
                free(names);
                return 2;
            }
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--lost", &v))) {
            if (r < 0 || cli_u64(ctx, "--lost", v, &nlost)) {
                free(names);
                return 2;
            }
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(names);
            return cli_bad_option(ctx, argv[i]);
        } else
            names[nnames++] = argv[i];
    }
    if (!nnames)
        all = 1;
    unsigned parts = NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS | (explain_site || nlost ? NIS5G_PART_ELEMENT_IDS : 0);
    struct nis5g_model *m;
    if ((rc = cli_load_model(ctx, snap, parts, &m, NULL))) {
        free(names);
        return rc;
    }
    struct scen s = { 0 };
    uint32_t site = NIS5G_NONE;
    if (parse_scenarios(ctx, m, names, nnames, all, &s)) {
        rc = 2;
        goto out;
    }
    if (explain_site && (site = nis5g_dict_finds(&m->sites, explain_site)) == NIS5G_NONE) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "unknown site '%s'", explain_site);
        goto out;
    }

    double t0 = cli_now();
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_prepare(m, &rs);
    cli_timing("compiled evaluation and radio sites", t0);
    t0 = cli_now();
    struct nis5g_ks_result *res = nis5g_xcalloc(s.n ? s.n : 1, sizeof *res);
    nis5g_killswitch_run(m, &rs, s.sc, s.n, res, cli_progress, ctx);
    cli_progress_done(ctx);
    cli_timing("baseline and kill-switch scenarios", t0);
    uint32_t *op_sites = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, sizeof *op_sites);
    int64_t *op_subs = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, sizeof *op_subs);
    for (uint32_t i = 0; i < rs.n; i++) {
        op_sites[m->site_operator[rs.site[i]]]++;
        op_subs[m->site_operator[rs.site[i]]] += nis5g_site_subs(m, rs.site[i]);
    }
    char **explain = NULL;
    if (explain_site) {
        uint32_t i = 0;
        while (i < rs.n && rs.site[i] != site)
            i++;
        if (i == rs.n)
            rc = cli_fail(ctx, NIS5G_EUSAGE, "not a radio site (no active RU or gNB): '%s'", explain_site);
        else if (!rs.base[i])
            rc = cli_fail(ctx, NIS5G_EUSAGE, "site has no service even with nothing failed: '%s'", explain_site);
    }
    if (explain_site && !rc) {
        explain = nis5g_xcalloc(s.n ? s.n : 1, sizeof *explain);
        for (size_t i = 0; i < s.n; i++) {
            struct nis5g_buf b = NIS5G_BUF_INIT;
            struct nis5g_err err = { 0 };
            int r = nis5g_killswitch_explain(m, &s.sc[i], site, &b, &err);
            if (r == NIS5G_OK)
                explain[i] = nis5g_buf_detach(&b, NULL);
            nis5g_buf_release(&b);
            if (r != NIS5G_OK && r != NIS5G_ENOTFOUND) {
                rc = cli_fail_err(ctx, &err);
                break;
            }
        }
    }
    struct lost *lost = NULL;
    if (nlost && !rc) {
        lost = nis5g_xcalloc(s.n ? s.n : 1, sizeof *lost);
        size_t max = nlost < rs.n ? (size_t)nlost : rs.n;
        for (size_t i = 0; i < s.n; i++) {
            if (!res[i].sites_lost)
                continue;
            lost[i].sites = nis5g_xcalloc(max ? max : 1, sizeof *lost[i].sites);
            lost[i].chains = nis5g_xcalloc(max ? max : 1, sizeof *lost[i].chains);
            lost[i].n = nis5g_killswitch_lost_sites(m, &rs, &s.sc[i], max, lost[i].sites, lost[i].chains);
        }
    }
    if (!rc) {
        if (json)
            rc = cli_print_json(ctx, to_json(m, &rs, &s, res, op_sites, op_subs, explain, lost));
        else
            print_text(ctx, m, &rs, &s, res, op_sites, explain, explain_site, lost);
    }
    for (size_t i = 0; lost && i < s.n; i++) {
        for (size_t k = 0; k < lost[i].n; k++)
            free(lost[i].chains[k]);
        free(lost[i].chains);
        free(lost[i].sites);
    }
    free(lost);
    for (size_t i = 0; explain && i < s.n; i++)
        free(explain[i]);
    free(explain);
    free(op_sites);
    free(op_subs);
    for (size_t i = 0; i < s.n; i++)
        nis5g_ks_result_release(&res[i]);
    free(res);
    nis5g_radio_sites_release(&rs);
out:
    free(s.sc);
    free(s.ids);
    free(names);
    nis5g_model_free(m);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_killswitch = {
    .name = "killswitch",
    .usage = "killswitch [VENDOR[+VENDOR...]...] [--all] [--explain SITE] [--lost N] [--snapshot DATE] [--json]",
    .summary = "sites and subscribers without service if all of a vendor's equipment fails at once",
    .help = "Each argument is one scenario; A+B is one scenario in which A and B fail together.\n"
            "With no vendor, or with --all: one scenario per vendor with active equipment.\n\n"
            "Options:\n"
            "  --all             add one scenario per vendor\n"
            "  --explain SITE    show a dependency chain that cuts the radio site off\n"
            "  --lost N          list the first N sites lost in each scenario, each with its chain\n"
            "  --snapshot DATE   use that snapshot (default: the latest)\n"
            "  --json            print the scenarios as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
