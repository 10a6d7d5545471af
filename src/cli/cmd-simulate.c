/*
 * cmd-simulate.c — `nis5g simulate`: Monte Carlo trials of random
 * independent failures and a power outage; the distribution of radio sites
 * and subscribers left without service, nationally and per operator.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/resilience.h"

struct fail_opt {
    const char *name; /* domain or function */
    size_t len;
    double p;
};

static json_t *dist_json(const struct nis5g_dist *d)
{
    return json_pack("{s:f, s:I, s:I, s:I, s:I}", "mean", d->mean, "p50", (json_int_t)d->p50, "p95",
                     (json_int_t)d->p95, "p99", (json_int_t)d->p99, "max", (json_int_t)d->max);
}

static void dist_cells(struct cli_table *t, const struct nis5g_dist *d)
{
    char a[32];
    cli_table_cellf(t, "%.2f", d->mean);
    cli_table_cell(t, cli_num(d->p50, a));
    cli_table_cell(t, cli_num(d->p95, a));
    cli_table_cell(t, cli_num(d->p99, a));
    cli_table_cell(t, cli_num(d->max, a));
}

static void dist_cols(struct cli_table *t)
{
    cli_table_col(t, "mean", 1);
    cli_table_col(t, "p50", 1);
    cli_table_col(t, "p95", 1);
    cli_table_col(t, "p99", 1);
    cli_table_col(t, "max", 1);
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    unsigned long long trials = 1000, seed = 1, threads = 0, per_pass = 64;
    double hours = 0;
    const char *region = NULL;
    int32_t snap = NIS5G_NO_DATE;
    struct fail_opt *fails = nis5g_xcalloc((size_t)argc, sizeof *fails);
    size_t nfails = 0;
    int rc = 0;
    for (int i = 1; i < argc && !rc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--trials", &v)))
            rc = r < 0 || cli_u64(ctx, "--trials", v, &trials) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--seed", &v)))
            rc = r < 0 || cli_u64(ctx, "--seed", v, &seed) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--threads", &v)))
            rc = r < 0 || cli_u64(ctx, "--threads", v, &threads) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--per-pass", &v))) {
            rc = r < 0 || cli_u64(ctx, "--per-pass", v, &per_pass) ? 2 : 0;
            if (!rc && (per_pass < 1 || per_pass > 64))
                rc = cli_fail(ctx, NIS5G_EUSAGE, "--per-pass must be 1 to 64, got '%s'", v);
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--outage-hours", &v)))
            rc = r < 0 || cli_double(ctx, "--outage-hours", v, &hours) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--region", &v)))
            rc = r < 0 ? 2 : (region = v, 0);
        else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v)))
            rc = r < 0 || cli_date(ctx, "--snapshot", v, &snap) ? 2 : 0;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--fail", &v))) {
            if (r < 0) {
                rc = 2;
                break;
            }
            const char *eq = strrchr(v, '=');
            char *end = NULL;
            double p = eq ? strtod(eq + 1, &end) : -1;
            if (!eq || eq == v || !end || *end || end == eq + 1 || !(p >= 0 && p <= 1))
                rc = cli_fail(ctx, NIS5G_EUSAGE,
                              "expected --fail DOMAIN=P or FUNCTION=P with P from 0 to 1, got '%s'", v);
            else
                fails[nfails++] = (struct fail_opt){ v, (size_t)(eq - v), p };
        } else
            rc = cli_bad_option(ctx, argv[i]);
    }
    if (!rc && trials == 0)
        rc = cli_fail(ctx, NIS5G_EUSAGE, "--trials must be at least 1");
    if (!rc && region && hours <= 0)
        rc = cli_fail(ctx, NIS5G_EUSAGE, "--region names where the outage is: give --outage-hours too");
    if (rc) {
        free(fails);
        return rc;
    }

    struct nis5g_model *m;
    if ((rc = cli_load_model(ctx, snap, NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS, &m, NULL))) {
        free(fails);
        return rc;
    }
    struct nis5g_mc_opts o;
    memset(&o, 0, sizeof o);
    o.trials = trials;
    o.seed = seed;
    o.threads = (int)(threads > 64 ? 64 : threads);
    o.per_pass = (int)per_pass;
    o.outage_hours = hours;
    o.outage_region = NIS5G_NONE;
    o.progress = cli_progress;
    o.progress_ctx = ctx;
    double *pf = nis5g_xmalloc((m->functions.n ? m->functions.n : 1) * sizeof *pf);
    for (uint32_t f = 0; f < m->functions.n; f++)
        pf[f] = -1;
    o.p_function = pf;
    for (size_t i = 0; i < nfails && !rc; i++) {
        int d = nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, fails[i].name, fails[i].len);
        uint32_t f;
        if (d >= 0)
            o.p_domain[d] = fails[i].p;
        else if ((f = nis5g_dict_find(&m->functions, fails[i].name, fails[i].len)) != NIS5G_NONE)
            pf[f] = fails[i].p;
        else
            rc = cli_fail(ctx, NIS5G_EUSAGE, "unknown domain or function '%.*s'", (int)fails[i].len, fails[i].name);
    }
    if (!rc && region && (o.outage_region = nis5g_dict_finds(&m->regions, region)) == NIS5G_NONE)
        rc = cli_fail(ctx, NIS5G_EUSAGE, "unknown region '%s'", region);
    if (rc) {
        free(pf);
        free(fails);
        nis5g_model_free(m);
        return rc;
    }

    double t0 = cli_now();
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    cli_timing("radio sites and baseline", t0);
    t0 = cli_now();
    struct nis5g_mc_result res;
    struct nis5g_err err = { 0 };
    if (nis5g_montecarlo_run(m, &rs, &o, &res, &err)) {
        cli_progress_done(ctx);
        rc = cli_fail_err(ctx, &err);
        goto out;
    }
    cli_progress_done(ctx);
    cli_timing("monte carlo trials", t0);

    uint32_t nops = m->operators.n;
    uint32_t *op_sites = nis5g_xcalloc(nops ? nops : 1, sizeof *op_sites);
    for (uint32_t i = 0; i < rs.n; i++)
        op_sites[m->site_operator[rs.site[i]]]++;
    struct nis5g_dist ds, du;
    nis5g_dist_u32(res.sites_lost, res.trials, 1, &ds);
    nis5g_dist_i64(res.subs_lost, res.trials, 1, &du);
    char a[32], b[32], c[32], d[32];
    if (json) {
        json_t *failj = json_object();
        for (size_t i = 0; i < nfails; i++) {
            char *k = nis5g_xstrndup(fails[i].name, fails[i].len);
            json_object_set_new(failj, k, json_real(fails[i].p));
            free(k);
        }
        json_t *per_op = json_object();
        for (uint32_t op = 0; op < nops; op++) {
            struct nis5g_dist os, ou;
            nis5g_dist_u32(res.op_sites_lost + op, res.trials, nops, &os);
            nis5g_dist_i64(res.op_subs_lost + op, res.trials, nops, &ou);
            json_object_set_new(per_op, nis5g_dict_str(&m->operators, op),
                                json_pack("{s:I, s:o, s:o}", "sites", (json_int_t)op_sites[op], "sites_lost",
                                          dist_json(&os), "subscribers_lost", dist_json(&ou)));
        }
        char day[11];
        json_t *out = json_pack(
            "{s:s, s:I, s:I, s:o, s:{s:f, s:o}, s:{s:I, s:I, s:I}, s:o, s:o, s:o}", "as_of",
            nis5g_date_format(m->as_of, day), "trials", (json_int_t)trials, "seed", (json_int_t)seed, "fail", failj,
            "outage", "hours", hours, "region", region ? json_string(region) : json_null(), "baseline", "sites",
            (json_int_t)rs.n, "subscribers", (json_int_t)rs.subs_total, "sites_without_service",
            (json_int_t)(rs.n - rs.n_base), "sites_lost", dist_json(&ds), "subscribers_lost", dist_json(&du),
            "per_operator", per_op);
        rc = cli_print_json(ctx, out);
    } else {
        FILE *f = ctx->out;
        fprintf(f, "%s trials (seed %llu); radio sites: %s with %s subscribers, %s already without service\n",
                cli_num((long long)trials, a), seed, cli_num(rs.n, b), cli_num(rs.subs_total, c),
                cli_num(rs.n - rs.n_base, d));
        if (hours > 0)
            fprintf(f, "power outage of %g hours %s%s\n", hours, region ? "in " : "everywhere", region ? region : "");
        fprintf(f, "\n");
        struct cli_table *t = cli_table_new();
        cli_table_col(t, "without service", 0);
        dist_cols(t);
        cli_table_cell(t, "radio sites");
        dist_cells(t, &ds);
        cli_table_cell(t, "subscribers");
        dist_cells(t, &du);
        cli_table_print(t, f);
        fprintf(f, "\nper operator\n");
        t = cli_table_new();
        cli_table_col(t, "operator", 0);
        cli_table_col(t, "radio sites", 1);
        cli_table_col(t, "lost", 0);
        dist_cols(t);
        for (uint32_t op = 0; op < nops; op++) {
            if (!op_sites[op])
                continue;
            struct nis5g_dist os, ou;
            nis5g_dist_u32(res.op_sites_lost + op, res.trials, nops, &os);
            nis5g_dist_i64(res.op_subs_lost + op, res.trials, nops, &ou);
            cli_table_cell(t, nis5g_dict_str(&m->operators, op));
            cli_table_cell(t, cli_num(op_sites[op], a));
            cli_table_cell(t, "sites");
            dist_cells(t, &os);
            cli_table_cell(t, "");
            cli_table_cell(t, "");
            cli_table_cell(t, "subscribers");
            dist_cells(t, &ou);
        }
        cli_table_print(t, f);
    }
    free(op_sites);
    nis5g_mc_result_release(&res);
out:
    nis5g_radio_sites_release(&rs);
    free(pf);
    free(fails);
    nis5g_model_free(m);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_simulate = {
    .name = "simulate",
    .usage = "simulate [--trials N] [--seed S] [--fail DOMAIN|FUNCTION=P ...] [--outage-hours H [--region R]] "
             "[--snapshot DATE] [--json]",
    .summary = "Monte Carlo: random failures and power outages; sites and subscribers without service",
    .help = "Options:\n"
            "  --trials N        number of trials (default 1000)\n"
            "  --seed S          random seed (default 1); same seed, same result\n"
            "  --fail X=P        each active element of domain or function X fails with probability P\n"
            "                    (repeatable; a function's P overrides its domain's)\n"
            "  --outage-hours H  power outage: a site's radios fail when H exceeds its backup_hours\n"
            "                    (empty backup_hours counts as 0)\n"
            "  --region R        the outage is in region R only (default: everywhere)\n"
            "  --threads N       worker threads (default: one per core); does not change the result\n"
            "  --per-pass K      trials per pass, 1-64 (default 64); for benchmarks (changes the draws)\n"
            "  --snapshot DATE   use that snapshot (default: the latest)\n"
            "  --json            print the distributions as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
