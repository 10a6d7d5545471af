/*
 * oscal-poam.c — the plan of action and milestones (oscal.h,
 * docs/oscal.md#poam): one poam-item per thing to do, each with its risk
 * (status open or closed, the deadline, the phase-out forecast as
 * properties) and, when elements must change, an observation naming them.
 * The layout is the same in OSCAL 1.1.2 and 1.2.1.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/oscal.h"
#include "nis5g/policy.h"
#include "share/oscal-int.h"

static json_t *prop(const char *name, const char *value)
{
    return json_pack("{s:s, s:s, s:s}", "name", name, "ns", NIS5G_OSCAL_NS, "value", value);
}

/* "2025-01-01T00:00:00Z" */
static const char *stamp(int32_t day, char out[32])
{
    char d[11];
    snprintf(out, 32, "%sT00:00:00Z", nis5g_date_format(day, d));
    return out;
}

/* The item's stable key: kind, id and scope (the snapshot and the day of
 * the evaluation come first, so that each plan has its own UUIDs). */
static void uuid_of(const char *what, const char *base, const struct nis5g_poam_item *it, char out[37])
{
    char key[600];
    snprintf(key, sizeof key, "%s:%s:%s:%s:%s", what, base, it->kind, it->id, it->scope);
    nis5g_oscal_uuid(key, out);
}

static const char *name_of(const struct nis5g_poam_item *it)
{
    return it->title && *it->title ? it->title : it->id;
}

static json_t *observation(const struct nis5g_poam_item *it, const char *uuid, const char *collected)
{
    char title[400], desc[600];
    snprintf(title, sizeof title, "Elements to change: %s at %s", it->id, it->scope);
    snprintf(desc, sizeof desc, "%zu element%s of %s match%s rule %s (%s) and must change.", it->n_elements,
             it->n_elements == 1 ? "" : "s", it->scope, it->n_elements == 1 ? "es" : "", it->id, name_of(it));
    json_t *props = json_array();
    for (size_t i = 0; i < it->n_elements; i++)
        json_array_append_new(props, prop("element", it->elements[i]));
    return json_pack("{s:s, s:s, s:s, s:o, s:[s], s:s}", "uuid", uuid, "title", title, "description", desc, "props",
                     props, "methods", "EXAMINE", "collected", collected);
}

/* The forecast as the risk's properties, and a sentence for its description
 * (OSCAL 1.1.2 has no remarks on a risk). */
static void forecast_props(json_t *risk, const struct nis5g_forecast *f, char *text, size_t size)
{
    *text = 0;
    if (!f || f->kind == NIS5G_FC_NONE)
        return;
    json_t *props = json_array();
    json_array_append_new(props, prop("forecast", nis5g_forecast_kind_names[f->kind]));
    char d[11], s[64];
    snprintf(text, size, " Phase-out forecast of the rule (all operators): %s.",
             f->kind == NIS5G_FC_ONE_SNAPSHOT ? "one snapshot only, no trend"
                                              : "the remaining amount did not decrease");
    if (f->kind == NIS5G_FC_DATE) {
        json_array_append_new(props, prop("forecast-date", nis5g_date_format(f->date, d)));
        json_array_append_new(props, prop("forecast-before-deadline", f->before_deadline ? "true" : "false"));
        snprintf(s, sizeof s, "%.2f", f->rate_per_month);
        json_array_append_new(props, prop("forecast-rate-per-month", s));
        snprintf(text, size,
                 " Phase-out forecast of the rule (all operators): %" PRId64 " left, %.2f fewer a month, met by "
                 "%s, %s the deadline.",
                 f->remaining, f->rate_per_month, nis5g_date_format(f->date, d),
                 f->before_deadline ? "before" : "not before");
    }
    if (f->kind != NIS5G_FC_ONE_SNAPSHOT) {
        snprintf(s, sizeof s, "%" PRId64, f->remaining);
        json_array_append_new(props, prop("forecast-remaining", s));
    }
    json_object_set_new(risk, "props", props);
}

/* A rule's status in words: "met", "pending", "in violation". */
static const char *rule_state(const struct nis5g_poam_item *it)
{
    return strcmp(it->detail, "violation") == 0 ? "in violation" : strcmp(it->detail, "ok") == 0 ? "met" : it->detail;
}

/* "not in place", "partly in place", "planned for 2027-01-10" */
static const char *measure_state(const struct nis5g_poam_item *it, char *out, size_t size)
{
    char d[11];
    if (strcmp(it->detail, "planned") == 0 && it->deadline != NIS5G_NO_DATE)
        snprintf(out, size, "planned for %s", nis5g_date_format(it->deadline, d));
    else
        snprintf(out, size, "%s", strcmp(it->detail, "partial") == 0   ? "partly in place"
                                  : strcmp(it->detail, "planned") == 0 ? "planned"
                                                                         : "not in place");
    return out;
}

static json_t *risk(const struct nis5g_poam_item *it, const char *uuid)
{
    int rule = strcmp(it->kind, "rule") == 0;
    char title[400], desc[1200], stmt[800], fc[300], d[11], ts[32], state[64];
    snprintf(title, sizeof title, "%s at %s: %s", it->id, it->scope, name_of(it));
    json_t *r = json_pack("{s:s, s:s}", "uuid", uuid, "title", title);
    forecast_props(r, it->forecast, fc, sizeof fc);
    if (rule)
        snprintf(desc, sizeof desc, "Rule %s (%s) at %s: %" PRId64 " to change; the rule is %s%s%s.%s", it->id,
                 name_of(it), it->scope, it->count, rule_state(it), it->deadline != NIS5G_NO_DATE ? ", deadline " : "",
                 it->deadline != NIS5G_NO_DATE ? nis5g_date_format(it->deadline, d) : "", fc);
    else
        snprintf(desc, sizeof desc, "Toolbox measure %s (%s) at %s is %s.", it->id, name_of(it), it->scope,
                 measure_state(it, state, sizeof state));
    if (rule)
        snprintf(stmt, sizeof stmt, "While elements matching the rule remain, the network depends on what the "
                                    "rule restricts: %s",
                 it->statement && *it->statement ? it->statement : it->id);
    else
        snprintf(stmt, sizeof stmt, "Until measure %s is implemented, the risk scenarios it mitigates stay at "
                                    "their level before measures.",
                 it->id);
    json_object_set_new(r, "description", json_string(desc));
    json_object_set_new(r, "statement", json_string(stmt));
    json_object_set_new(r, "status", json_string(it->open ? "open" : "closed"));
    if (it->deadline != NIS5G_NO_DATE)
        json_object_set_new(r, "deadline", json_string(stamp(it->deadline, ts)));
    return r;
}

/* The item's one-line description. */
static void item_text(const struct nis5g_poam_item *it, char *out, size_t size)
{
    char d[11], state[64];
    const char *dl = it->deadline != NIS5G_NO_DATE ? nis5g_date_format(it->deadline, d) : "";
    if (strcmp(it->kind, "measure") == 0)
        snprintf(out, size, "Put toolbox measure %s in place at %s (now %s).", it->id, it->scope,
                 measure_state(it, state, sizeof state));
    else if (it->open)
        snprintf(out, size, "%s at %s: %" PRId64 " to change by %s (the rule is %s).", it->id, it->scope, it->count,
                 dl, rule_state(it));
    else
        snprintf(out, size, "%s at %s: nothing to change (deadline %s).", it->id, it->scope, dl);
}

static json_t *item_props(const struct nis5g_poam_item *it)
{
    char n[32];
    json_t *props = json_array();
    json_array_append_new(props, prop("kind", it->kind));
    json_array_append_new(props, prop(it->kind, it->id));
    json_array_append_new(props, prop("scope", it->scope));
    json_array_append_new(props, prop("status", it->open ? "open" : "closed"));
    json_array_append_new(props, prop(strcmp(it->kind, "rule") == 0 ? "rule-status" : "implementation-status",
                                      it->detail));
    if (strcmp(it->kind, "rule") == 0) {
        snprintf(n, sizeof n, "%" PRId64, it->count);
        json_array_append_new(props, prop("must-change", n));
    }
    if (it->severity && *it->severity)
        json_array_append_new(props, prop("severity", it->severity));
    if (it->deadline != NIS5G_NO_DATE)
        json_array_append_new(props, prop("deadline", nis5g_date_format(it->deadline, n)));
    return props;
}

json_t *nis5g_oscal_poam(const struct nis5g_poam_item *items, size_t n, int32_t snapshot, int32_t at,
                         const char *version, struct nis5g_err *err)
{
    if (!n) {
        nis5g_err_set(err, NIS5G_EINPUT, "nothing to plan: no rule with a deadline and no measure in the snapshot");
        return NULL;
    }
    char snap[11], day[11], base[32], collected[32], modified[32], uuid[37], title[300], desc[600];
    snprintf(base, sizeof base, "%s:%s", nis5g_date_format(snapshot, snap), nis5g_date_format(at, day));
    stamp(snapshot, collected);
    stamp(at, modified);
    json_t *obs = json_array(), *risks = json_array(), *pis = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct nis5g_poam_item *it = &items[i];
        uuid_of("poam-item", base, it, uuid);
        item_text(it, desc, sizeof desc);
        snprintf(title, sizeof title, "%s at %s: %s", it->id, it->scope, name_of(it));
        json_t *pi = json_pack("{s:s, s:s, s:s, s:o}", "uuid", uuid, "title", title, "description", desc, "props",
                               item_props(it));
        if (it->n_elements) {
            uuid_of("observation", base, it, uuid);
            json_array_append_new(obs, observation(it, uuid, collected));
            json_object_set_new(pi, "related-observations", json_pack("[{s:s}]", "observation-uuid", uuid));
        }
        uuid_of("risk", base, it, uuid);
        json_array_append_new(risks, risk(it, uuid));
        json_object_set_new(pi, "related-risks", json_pack("[{s:s}]", "risk-uuid", uuid));
        json_array_append_new(pis, pi);
    }
    snprintf(title, sizeof title, "Plan of action and milestones: phase-outs and toolbox measures (snapshot %s, "
                                  "as of %s)", snap, day);
    snprintf(desc, sizeof desc, "poam:%s", base);
    nis5g_oscal_uuid(desc, uuid);
    json_t *p = json_pack("{s:s, s:o}", "uuid", uuid, "metadata", nis5g_oscal_metadata(title, modified, snap, version));
    if (json_array_size(obs))
        json_object_set_new(p, "observations", obs);
    else
        json_decref(obs);
    json_object_set_new(p, "risks", risks);
    json_object_set_new(p, "poam-items", pis);
    return json_pack("{s:o}", "plan-of-action-and-milestones", p);
}
