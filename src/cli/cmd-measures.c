/*
 * cmd-measures.c — `nis5g measures`: the toolbox measures' status per
 * operator and for the state; `measures set` records a new status (with who
 * and when) and `measures history` lists what was recorded. The queries
 * are query/q-measures.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/measures.h"

static const char *status_name(uint8_t st)
{
    return st < NIS5G_MS_COUNT ? nis5g_mstatus_names[st] : NULL;
}

static void print_one(FILE *f, const struct nis5g_catalog *c, const struct nis5g_mtable *t, size_t i)
{
    char day[11];
    fprintf(f, "Measures of %s %s\n", t->is_country[i] ? "the state" : "operator", t->scope[i]);
    struct cli_table *tb = cli_table_new();
    cli_table_col(tb, "measure", 0);
    cli_table_col(tb, "status", 0);
    cli_table_col(tb, "from", 0);
    cli_table_col(tb, "date", 0);
    cli_table_col(tb, "title", 0);
    cli_table_col(tb, "evidence", 0);
    for (size_t j = 0; j < t->n_measures; j++) {
        const struct nis5g_mcell *x = &t->cell[i * t->n_measures + j];
        cli_table_cell(tb, c->measures[j].code);
        cli_table_cell(tb, status_name(x->status) ? status_name(x->status) : "-");
        if (x->source == NIS5G_MSRC_SET)
            cli_table_cellf(tb, "set by %s", x->by ? x->by : "?");
        else
            cli_table_cell(tb, x->source == NIS5G_MSRC_SNAPSHOT ? "measures.csv" : "");
        cli_table_cell(tb, x->date != NIS5G_NO_DATE ? nis5g_date_format(x->date, day) : "");
        cli_table_cellf(tb, "%.60s%s", c->measures[j].title, strlen(c->measures[j].title) > 60 ? "..." : "");
        cli_table_cell(tb, x->evidence ? x->evidence : "");
    }
    cli_table_print(tb, f);
}

static void print_matrix(FILE *f, const struct nis5g_catalog *c, const struct nis5g_mtable *t)
{
    static const char *const abbrev[NIS5G_MS_COUNT] = { "none", "planned", "partial", "done" };
    fprintf(f, "Toolbox measures: status per state and operator (done = implemented, - = not given: an operator "
               "inherits the state's status, * = set in the workspace after the import)\n");
    struct cli_table *tb = cli_table_new();
    cli_table_col(tb, "measure", 0);
    for (size_t i = 0; i < t->n_scopes; i++)
        cli_table_col(tb, t->scope[i], 0);
    cli_table_col(tb, "title", 0);
    for (size_t j = 0; j < t->n_measures; j++) {
        cli_table_cell(tb, c->measures[j].code);
        for (size_t i = 0; i < t->n_scopes; i++) {
            const struct nis5g_mcell *x = &t->cell[i * t->n_measures + j];
            cli_table_cellf(tb, "%s%s", x->status < NIS5G_MS_COUNT ? abbrev[x->status] : "-",
                            x->source == NIS5G_MSRC_SET ? "*" : "");
        }
        const char *title = c->measures[j].title;
        cli_table_cellf(tb, "%.60s%s", title, strlen(title) > 60 ? "..." : "");
    }
    cli_table_print(tb, f);
}

static void print_history(FILE *f, const struct nis5g_measures_history_result *r)
{
    if (!r->n) {
        fprintf(f, "no measure status recorded in the workspace\n");
        return;
    }
    struct cli_table *tb = cli_table_new();
    static const char *const cols[] = { "when (UTC)", "scope", "measure", "status", "source", "by", "evidence" };
    for (int k = 0; k < 7; k++)
        cli_table_col(tb, cols[k], 0);
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_mhist *h = &r->h[i];
        cli_table_cell(tb, h->at);
        cli_table_cell(tb, h->scope);
        cli_table_cell(tb, h->measure);
        cli_table_cell(tb, h->status);
        cli_table_cell(tb, h->source);
        cli_table_cell(tb, h->who);
        cli_table_cell(tb, h->evidence ? h->evidence : "");
    }
    cli_table_print(tb, f);
}

/* ---- measures ---- */

struct params {
    struct nis5g_measures_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_measures_opts),
    NIS5G_OPT_JSON(struct params, json),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_measures_params_init(&((struct params *)params)->q);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_measures;
    struct nis5g_measures_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc && r.only >= 0)
        print_one(ctx->out, &r.cat, &r.t, (size_t)r.only);
    else if (!rc)
        print_matrix(ctx->out, &r.cat, &r.t);
    cli_query_release(ctx, q, &r);
    return rc;
}

/* ---- measures history ---- */

struct history_params {
    struct nis5g_measures_history_params q;
    int json;
};

static const struct nis5g_opt history_opts[] = {
    NIS5G_OPT_INCLUDE_(struct history_params, q, nis5g_measures_history_opts),
    NIS5G_OPT_JSON(struct history_params, json),
    NIS5G_OPT_END_,
};

static int run_history(struct nis5g_ctx *ctx, void *params)
{
    const struct history_params *p = params;
    const struct nis5g_query *q = &nis5g_query_measures_history;
    struct nis5g_measures_history_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_history(ctx->out, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

static const struct nis5g_cmd cmd_history = {
    .name = "history",
    .summary = "every status recorded in the workspace, oldest first",
    .opts = history_opts,
    .params_size = sizeof(struct history_params),
    .flags = CMD_STORE_READ,
    .run = run_history,
};

/* ---- measures set ---- */

static void set_init(void *params)
{
    struct nis5g_measures_set_params *p = params;
    nis5g_measures_set_params_init(p);
    const char *user = getenv("USER");
    p->by = user && *user ? user : "unknown";
}

static int run_set(struct nis5g_ctx *ctx, void *params)
{
    const struct nis5g_query *q = &nis5g_query_measures_set;
    struct nis5g_measures_set_result r = { 0 };
    int rc = cli_query_compute(ctx, q, params, &r);
    if (!rc)
        fprintf(ctx->out, "%s %s: %s (set by %s)\n", r.scope, r.measure, r.status, r.by);
    cli_query_release(ctx, q, &r);
    return rc;
}

static const struct nis5g_cmd cmd_set = {
    .name = "set",
    .summary = "record a status (none, planned, partial, implemented) with who and when",
    .opts = nis5g_measures_set_opts,
    .params_size = sizeof(struct nis5g_measures_set_params),
    .init = set_init,
    .flags = CMD_STORE_WRITE,
    .run = run_set,
};

static const struct nis5g_cmd *const subs[] = { &cmd_set, &cmd_history, NULL };

const struct nis5g_cmd nis5g_cmd_measures = {
    .name = "measures",
    .summary = "toolbox measures (SM01-SM08, TM01-TM11, SA01-SA10): status per operator and state, set, history",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .subs = subs,
};
