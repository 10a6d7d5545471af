/*
 * q-measures.c — the measures queries (measures.h "The query"): the
 * effective statuses of a snapshot ("measures"), the recorded history
 * ("measures history"), and the one operation that changes the workspace,
 * recording a status ("measures set"); their JSON documents
 * (docs/json.md#measures).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/measures.h"
#include "nis5g/query.h"

/* ---- measures: the statuses ---- */

const struct nis5g_opt nis5g_measures_opts[] = {
    NIS5G_OPT_STR_(struct nis5g_measures_params, "scope", 0, "SCOPE", scope,
                   "one operator or state (default: all, as a matrix)"),
    NIS5G_OPT_DATE_(struct nis5g_measures_params, "snapshot", snapshot,
                    "the statuses as of that snapshot (default: the latest)"),
    NIS5G_OPT_END_,
};

void nis5g_measures_params_init(void *params)
{
    struct nis5g_measures_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

/* The catalogue and the snapshot's base columns (operators, measures). */
static int load_all(const struct nis5g_query_env *env, int32_t snapshot, struct nis5g_catalog *cat, int *loaded,
                    const struct nis5g_model **m, struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    int rc = nis5g_query_catalog(env, cat, err);
    if (rc)
        return rc;
    *loaded = 1;
    return env->load_model(env, snapshot, NIS5G_PART_BASE, m, snap, err);
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_measures_params *p = params;
    struct nis5g_measures_result *r = result;
    r->only = -1;
    int rc = load_all(env, p->snapshot, &r->cat, &r->cat_loaded, &r->m, &r->snap, err);
    if (!rc)
        rc = nis5g_measures_effective(env->store, &r->snap, (struct nis5g_model *)r->m, &r->cat, &r->t, err);
    if (rc)
        return rc;
    r->t_loaded = 1;
    if (!p->scope)
        return 0;
    for (size_t i = 0; i < r->t.n_scopes; i++)
        if (strcmp(r->t.scope[i], p->scope) == 0)
            r->only = (int)i;
    if (r->only < 0)
        return nis5g_err_set(err, NIS5G_EINPUT,
                             "unknown scope '%s' (expected an operator or a state of the snapshot)", p->scope);
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_measures_result *r = result;
    if (r->t_loaded)
        nis5g_mtable_release(&r->t);
    if (r->m)
        env->release_model(env, r->m);
    if (r->cat_loaded)
        nis5g_catalog_release(&r->cat);
}

static const char *status_name(uint8_t st)
{
    return st < NIS5G_MS_COUNT ? nis5g_mstatus_names[st] : NULL;
}

static json_t *scope_json(const struct nis5g_measures_result *r, size_t i)
{
    const struct nis5g_mtable *t = &r->t;
    char day[11];
    json_t *ms = json_array();
    for (size_t j = 0; j < t->n_measures; j++) {
        const struct nis5g_mcell *x = &t->cell[i * t->n_measures + j];
        const char *sn = status_name(x->status);
        json_array_append_new(
            ms, json_pack("{s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "measure", r->cat.measures[j].code, "status",
                          sn ? json_string(sn) : json_null(), "source", nis5g_msource_names[x->source], "date",
                          x->date != NIS5G_NO_DATE ? json_string(nis5g_date_format(x->date, day)) : json_null(),
                          "evidence", x->evidence ? json_string(x->evidence) : json_null(), "by",
                          x->by ? json_string(x->by) : json_null(), "at", x->at ? json_string(x->at) : json_null()));
    }
    return json_pack("{s:s, s:s, s:o}", "scope", t->scope[i], "kind", t->is_country[i] ? "state" : "operator",
                     "measures", ms);
}

json_t *nis5g_measures_json(const void *result)
{
    const struct nis5g_measures_result *r = result;
    const struct nis5g_catalog *c = &r->cat;
    char day[11];
    json_t *scopes = json_array();
    for (size_t i = 0; i < r->t.n_scopes; i++)
        if (r->only < 0 || (size_t)r->only == i)
            json_array_append_new(scopes, scope_json(r, i));
    json_t *cat = json_array();
    for (size_t j = 0; j < c->n_measures; j++)
        json_array_append_new(cat, json_pack("{s:s, s:s, s:s}", "measure", c->measures[j].code, "kind",
                                             c->measures[j].kind, "title", c->measures[j].title));
    return json_pack("{s:s, s:o, s:o}", "as_of", nis5g_date_format(r->m->as_of, day), "catalogue", cat, "scopes",
                     scopes);
}

const struct nis5g_query nis5g_query_measures = {
    .name = "measures",
    .summary = "toolbox measures (SM01-SM08, TM01-TM11, SA01-SA10): status per operator and state",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_measures_opts,
    .params_size = sizeof(struct nis5g_measures_params),
    .params_init = nis5g_measures_params_init,
    .result_size = sizeof(struct nis5g_measures_result),
    .compute = compute,
    .to_json = nis5g_measures_json,
    .release = release,
};

/* ---- measures history ---- */

const struct nis5g_opt nis5g_measures_history_opts[] = {
    NIS5G_OPT_STR_(struct nis5g_measures_history_params, "scope", 0, "SCOPE", scope,
                   "only this operator or state"),
    NIS5G_OPT_STR_(struct nis5g_measures_history_params, "measure", 0, "MEASURE", measure,
                   "only this measure (e.g. TM03)"),
    NIS5G_OPT_STR_(struct nis5g_measures_history_params, "operator", 0, "OP", operator_id,
                   "an operator's view: its own scope's entries and its state's only"),
    NIS5G_OPT_END_,
};

/* The state of operator op in the latest snapshot (through the
 * environment's model: an operator's user gets its own part), into
 * state[3]. */
static int operator_state(const struct nis5g_query_env *env, const char *op, char state[3], struct nis5g_err *err)
{
    const struct nis5g_model *m = NULL;
    if (env->load_model(env, NIS5G_NO_DATE, NIS5G_PART_BASE, &m, NULL, err))
        return err->code;
    uint32_t id = nis5g_dict_find((struct nis5g_dict *)&m->operators, op, strlen(op)); /* indexed on a shared model */
    int rc = 0;
    if (id == NIS5G_NONE)
        rc = nis5g_err_set(err, NIS5G_ENOTFOUND, "unknown operator '%s' (expected an operator of the latest snapshot)",
                           op);
    else
        snprintf(state, 3, "%s", nis5g_dict_str(&m->countries, m->op_country[id]));
    env->release_model(env, m);
    return rc;
}

static void mhist_release(struct nis5g_mhist *h)
{
    char **f[] = { &h->scope, &h->measure, &h->status, &h->evidence, &h->who, &h->at, &h->source, &h->snapshot_as_of };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        free(*f[i]);
}

/* Keeps the entries of op's scope and of its state's, in order. */
static void history_keep(struct nis5g_measures_history_result *r, const char *op, const char *state)
{
    size_t k = 0;
    for (size_t i = 0; i < r->n; i++) {
        const char *sc = r->h[i].scope;
        int mine = strcmp(sc, op) == 0 || strcmp(sc, state) == 0 ||
                   (strcmp(state, "GR") == 0 && strcmp(sc, "EL") == 0);
        if (mine)
            r->h[k++] = r->h[i];
        else
            mhist_release(&r->h[i]);
    }
    r->n = k;
}

static int history_compute(const struct nis5g_query_env *env, const void *params, void *result,
                           struct nis5g_err *err)
{
    const struct nis5g_measures_history_params *p = params;
    struct nis5g_measures_history_result *r = result;
    char state[3] = "";
    /* --operator, or on the server the asking operator's own view */
    const char *op = p->operator_id ? p->operator_id : env->operator_id;
    if (op && operator_state(env, op, state, err))
        return err->code;
    if (nis5g_measures_history(env->store, p->scope, p->measure, &r->h, &r->n, err))
        return err->code;
    if (op)
        history_keep(r, op, state);
    return 0;
}

static void history_release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_measures_history_result *r = result;
    (void)env;
    nis5g_mhist_free(r->h, r->n);
}

json_t *nis5g_measures_history_json(const void *result)
{
    const struct nis5g_measures_history_result *r = result;
    const struct nis5g_mhist *h = r->h;
    json_t *a = json_array();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:o}", "scope", h[i].scope,
                                           "measure", h[i].measure, "status", h[i].status, "evidence",
                                           h[i].evidence ? json_string(h[i].evidence) : json_null(), "by", h[i].who,
                                           "at", h[i].at, "source", h[i].source, "snapshot",
                                           h[i].snapshot_as_of ? json_string(h[i].snapshot_as_of) : json_null()));
    return json_pack("{s:o}", "history", a);
}

const struct nis5g_query nis5g_query_measures_history = {
    .name = "measures history",
    .summary = "every measure status recorded in the workspace, oldest first",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_measures_history_opts,
    .params_size = sizeof(struct nis5g_measures_history_params),
    .result_size = sizeof(struct nis5g_measures_history_result),
    .compute = history_compute,
    .to_json = nis5g_measures_history_json,
    .release = history_release,
};

/* ---- measures set ---- */

const struct nis5g_opt nis5g_measures_set_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "scope", .arg = "SCOPE", .help = "an operator or a state of the snapshot",
      .offset = offsetof(struct nis5g_measures_set_params, scope), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL },
    { .type = NIS5G_OPT_STRING, .name = "measure", .arg = "MEASURE", .help = "a toolbox measure (e.g. TM03)",
      .offset = offsetof(struct nis5g_measures_set_params, measure), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL },
    { .type = NIS5G_OPT_STRING, .name = "status", .arg = "STATUS", .help = "none, planned, partial or implemented",
      .offset = offsetof(struct nis5g_measures_set_params, status), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL },
    NIS5G_OPT_STR_(struct nis5g_measures_set_params, "evidence", 0, "TEXT", evidence,
                   "what shows it (a decision, a legal act, an audit)"),
    NIS5G_OPT_STR_(struct nis5g_measures_set_params, "by", 0, "NAME", by, "who (default: $USER)"),
    NIS5G_OPT_DATE_(struct nis5g_measures_set_params, "snapshot", snapshot,
                    "the snapshot the status is recorded against (default: the latest)"),
    NIS5G_OPT_END_,
};

void nis5g_measures_set_params_init(void *params)
{
    struct nis5g_measures_set_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

static int set_compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_measures_set_params *p = params;
    struct nis5g_measures_set_result *r = result;
    /* the server says who asks; the command line takes --by or $USER */
    const char *by = env->who ? env->who : p->by ? p->by : "unknown";
    if (by[strspn(by, " \t")] == '\0') /* the history must say who */
        return nis5g_err_set(err, NIS5G_EUSAGE, "--by needs a name, got '%s'", by);
    int rc = load_all(env, p->snapshot, &r->cat, &r->cat_loaded, &r->m, &r->snap, err);
    if (!rc)
        rc = nis5g_measures_set(env->store, &r->snap, (struct nis5g_model *)r->m, &r->cat, p->scope, p->measure,
                                p->status, p->evidence, by, err);
    if (rc)
        return rc;
    r->scope = p->scope;
    r->measure = p->measure;
    r->status = p->status;
    r->evidence = p->evidence;
    r->by = by;
    return 0;
}

static void set_release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_measures_set_result *r = result;
    if (r->m)
        env->release_model(env, r->m);
    if (r->cat_loaded)
        nis5g_catalog_release(&r->cat);
}

json_t *nis5g_measures_set_json(const void *result)
{
    const struct nis5g_measures_set_result *r = result;
    char day[11];
    return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s}", "scope", r->scope, "measure", r->measure, "status",
                     r->status, "evidence", r->evidence && *r->evidence ? json_string(r->evidence) : json_null(),
                     "by", r->by, "snapshot", nis5g_date_format(r->snap.as_of, day));
}

const struct nis5g_query nis5g_query_measures_set = {
    .name = "measures set",
    .summary = "record a measure's status (with who and when) in the workspace",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_measures_set_opts,
    .params_size = sizeof(struct nis5g_measures_set_params),
    .params_init = nis5g_measures_set_params_init,
    .result_size = sizeof(struct nis5g_measures_set_result),
    .compute = set_compute,
    .to_json = nis5g_measures_set_json,
    .release = set_release,
};
