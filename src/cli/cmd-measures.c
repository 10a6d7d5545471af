/*
 * cmd-measures.c — `nis5g measures`: the toolbox measures' status per
 * operator and for the state; `measures set` records a new status (with who
 * and when) and `measures history` lists what was recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/measures.h"

static int load_catalog(struct nis5g_ctx *ctx, struct nis5g_catalog *c)
{
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load(c, &d);
    if (rc)
        cli_print_diags(ctx, &d);
    nis5g_diags_release(&d);
    return rc ? nis5g_exit_status(rc) : 0;
}

/* The catalogue and the snapshot's base columns (operators, measures). */
static int load_all(struct nis5g_ctx *ctx, int32_t snapday, struct nis5g_catalog *c, struct nis5g_model **m,
                    struct nis5g_snapshot *snap)
{
    int rc = load_catalog(ctx, c);
    if (rc)
        return rc;
    rc = cli_load_model(ctx, snapday, NIS5G_PART_BASE, m, snap);
    if (rc)
        nis5g_catalog_release(c);
    return rc;
}

static const char *status_name(uint8_t st)
{
    return st < NIS5G_MS_COUNT ? nis5g_mstatus_names[st] : NULL;
}

static json_t *to_json(const struct nis5g_model *m, const struct nis5g_catalog *c, const struct nis5g_mtable *t,
                       int only)
{
    char day[11];
    json_t *scopes = json_array();
    for (size_t i = 0; i < t->n_scopes; i++) {
        if (only >= 0 && (size_t)only != i)
            continue;
        json_t *ms = json_array();
        for (size_t j = 0; j < t->n_measures; j++) {
            const struct nis5g_mcell *x = &t->cell[i * t->n_measures + j];
            const char *sn = status_name(x->status);
            json_array_append_new(
                ms, json_pack("{s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "measure", c->measures[j].code, "status",
                              sn ? json_string(sn) : json_null(), "source", nis5g_msource_names[x->source], "date",
                              x->date != NIS5G_NO_DATE ? json_string(nis5g_date_format(x->date, day)) : json_null(),
                              "evidence", x->evidence ? json_string(x->evidence) : json_null(), "by",
                              x->by ? json_string(x->by) : json_null(), "at",
                              x->at ? json_string(x->at) : json_null()));
        }
        json_array_append_new(scopes, json_pack("{s:s, s:s, s:o}", "scope", t->scope[i], "kind",
                                                t->is_country[i] ? "state" : "operator", "measures", ms));
    }
    json_t *cat = json_array();
    for (size_t j = 0; j < c->n_measures; j++)
        json_array_append_new(cat, json_pack("{s:s, s:s, s:s}", "measure", c->measures[j].code, "kind",
                                             c->measures[j].kind, "title", c->measures[j].title));
    return json_pack("{s:s, s:o, s:o}", "as_of", nis5g_date_format(m->as_of, day), "catalogue", cat, "scopes",
                     scopes);
}

static void print_one(struct nis5g_ctx *ctx, const struct nis5g_catalog *c, const struct nis5g_mtable *t, size_t i)
{
    char day[11];
    fprintf(ctx->out, "Measures of %s %s\n", t->is_country[i] ? "the state" : "operator", t->scope[i]);
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
    cli_table_print(tb, ctx->out);
}

static void print_matrix(struct nis5g_ctx *ctx, const struct nis5g_catalog *c, const struct nis5g_mtable *t)
{
    static const char *const abbrev[NIS5G_MS_COUNT] = { "none", "planned", "partial", "done" };
    fprintf(ctx->out, "Toolbox measures: status per state and operator (done = implemented, - = not given: an operator inherits the state's status, "
                      "* = set in the workspace after the import)\n");
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
    cli_table_print(tb, ctx->out);
}

static int run_set(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *pos[3] = { 0 }, *evidence = NULL, *by = NULL;
    int npos = 0;
    int32_t snapday = NIS5G_NO_DATE;
    for (int i = 2; i < argc; i++) {
        const char *v;
        int r;
        if ((r = cli_opt(ctx, argc, argv, &i, "--evidence", &v))) {
            if (r < 0)
                return 2;
            evidence = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--by", &v))) {
            if (r < 0)
                return 2;
            by = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v))) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snapday))
                return 2;
        } else if (argv[i][0] == '-' || npos == 3) {
            return cli_bad_option(ctx, argv[i]);
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos != 3)
        return cli_fail(ctx, NIS5G_EUSAGE, "set needs SCOPE MEASURE STATUS (e.g. measures set SE TM03 implemented)");
    if (by && by[strspn(by, " \t")] == '\0') /* the history must say who */
        return cli_fail(ctx, NIS5G_EUSAGE, "--by needs a name, got '%s'", by);
    if (!by) {
        by = getenv("USER");
        if (!by || !*by)
            by = "unknown";
    }
    struct nis5g_catalog c;
    struct nis5g_model *m;
    struct nis5g_snapshot snap;
    int rc = load_all(ctx, snapday, &c, &m, &snap);
    if (rc)
        return rc;
    struct nis5g_err err = { 0 };
    rc = nis5g_measures_set(ctx->store, &snap, m, &c, pos[0], pos[1], pos[2], evidence, by, &err);
    if (rc)
        rc = cli_fail_err(ctx, &err);
    else
        fprintf(ctx->out, "%s %s: %s (set by %s)\n", pos[0], pos[1], pos[2], by);
    nis5g_model_free(m);
    nis5g_catalog_release(&c);
    return rc;
}

static int run_history(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *scope = NULL, *measure = NULL;
    int json = 0;
    for (int i = 2; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--scope", &v))) {
            if (r < 0)
                return 2;
            scope = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--measure", &v))) {
            if (r < 0)
                return 2;
            measure = v;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    struct nis5g_mhist *h;
    size_t n;
    struct nis5g_err err = { 0 };
    if (nis5g_measures_history(ctx->store, scope, measure, &h, &n, &err))
        return cli_fail_err(ctx, &err);
    int rc = 0;
    if (json) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "scope", h[i].scope,
                                               "measure", h[i].measure, "status", h[i].status, "evidence",
                                               h[i].evidence ? json_string(h[i].evidence) : json_null(), "by",
                                               h[i].who, "at", h[i].at, "source", h[i].source, "snapshot",
                                               h[i].snapshot_as_of ? json_string(h[i].snapshot_as_of)
                                                                   : json_null()));
        rc = cli_print_json(ctx, json_pack("{s:o}", "history", a));
    } else if (!n) {
        fprintf(ctx->out, "no measure status recorded in the workspace\n");
    } else {
        struct cli_table *tb = cli_table_new();
        cli_table_col(tb, "when (UTC)", 0);
        cli_table_col(tb, "scope", 0);
        cli_table_col(tb, "measure", 0);
        cli_table_col(tb, "status", 0);
        cli_table_col(tb, "source", 0);
        cli_table_col(tb, "by", 0);
        cli_table_col(tb, "evidence", 0);
        for (size_t i = 0; i < n; i++) {
            cli_table_cell(tb, h[i].at);
            cli_table_cell(tb, h[i].scope);
            cli_table_cell(tb, h[i].measure);
            cli_table_cell(tb, h[i].status);
            cli_table_cell(tb, h[i].source);
            cli_table_cell(tb, h[i].who);
            cli_table_cell(tb, h[i].evidence ? h[i].evidence : "");
        }
        cli_table_print(tb, ctx->out);
    }
    nis5g_mhist_free(h, n);
    return rc;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    if (argc > 1 && cli_is(argv[1], "set"))
        return run_set(ctx, argc, argv);
    if (argc > 1 && cli_is(argv[1], "history"))
        return run_history(ctx, argc, argv);
    int json = 0;
    const char *scope = NULL;
    int32_t snapday = NIS5G_NO_DATE;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--scope", &v))) {
            if (r < 0)
                return 2;
            scope = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--snapshot", &v))) {
            if (r < 0 || cli_date(ctx, "--snapshot", v, &snapday))
                return 2;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    struct nis5g_catalog c;
    struct nis5g_model *m;
    struct nis5g_snapshot snap;
    int rc = load_all(ctx, snapday, &c, &m, &snap);
    if (rc)
        return rc;
    struct nis5g_mtable t;
    struct nis5g_err err = { 0 };
    if (nis5g_measures_effective(ctx->store, &snap, m, &c, &t, &err)) {
        rc = cli_fail_err(ctx, &err);
        goto out;
    }
    int only = -1;
    if (scope) {
        for (size_t i = 0; i < t.n_scopes; i++)
            if (strcmp(t.scope[i], scope) == 0)
                only = (int)i;
        if (only < 0) {
            rc = cli_fail(ctx, NIS5G_EINPUT, "unknown scope '%s' (expected an operator or a state of the snapshot)",
                          scope);
            nis5g_mtable_release(&t);
            goto out;
        }
    }
    if (json)
        rc = cli_print_json(ctx, to_json(m, &c, &t, only));
    else if (only >= 0)
        print_one(ctx, &c, &t, (size_t)only);
    else
        print_matrix(ctx, &c, &t);
    nis5g_mtable_release(&t);
out:
    nis5g_model_free(m);
    nis5g_catalog_release(&c);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_measures = {
    .name = "measures",
    .usage = "measures [--scope S] [--snapshot DATE] [--json] | measures set SCOPE MEASURE STATUS "
             "[--evidence TEXT] [--by NAME] | measures history [--scope S] [--measure M] [--json]",
    .summary = "toolbox measures (SM01-SM08, TM01-TM11, SA01-SA10): status per operator and state, set, history",
    .help = "Options:\n"
            "  --scope S        one operator or state (default: all, as a matrix)\n"
            "  --snapshot DATE  the statuses as of that snapshot (default: the latest)\n"
            "  --json           print as JSON (see docs/json.md)\n"
            "measures set SCOPE MEASURE STATUS: record a status (none, planned, partial, implemented)\n"
            "  --evidence TEXT  what shows it (a decision, a legal act, an audit)\n"
            "  --by NAME        who (default: $USER)\n"
            "measures history: every status recorded in the workspace, oldest first\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
