/*
 * forecast.c — the phase-out forecast of a pending rule (docs/check.md):
 * the decrease of what must still change between two snapshots, as a rate
 * per month, extrapolated to the day it reaches zero.
 */
#include <math.h>

#include "nis5g/date.h"
#include "nis5g/policy.h"

const char *const nis5g_forecast_kind_names[4] = { "none", "one_snapshot", "not_decreasing", "date" };

int64_t nis5g_rule_remaining(const struct nis5g_rule_result *r)
{
    return r->must_change;
}

void nis5g_forecast(int64_t prev, int32_t prev_day, int64_t cur, int32_t cur_day, int32_t deadline,
                    struct nis5g_forecast *out)
{
    out->prev_as_of = prev_day;
    out->as_of = cur_day;
    out->prev_remaining = prev;
    out->remaining = cur;
    out->rate_per_month = 0;
    out->date = NIS5G_NO_DATE;
    out->before_deadline = 0;
    if (cur_day <= prev_day) {
        out->kind = NIS5G_FC_ONE_SNAPSHOT;
        return;
    }
    double months = (cur_day - prev_day) / NIS5G_DAYS_PER_MONTH;
    out->rate_per_month = (double)(prev - cur) / months;
    if (prev - cur <= 0) {
        out->kind = NIS5G_FC_NOT_DECREASING;
        return;
    }
    out->kind = NIS5G_FC_DATE;
    /* days = cur / (decrease per day), rounded up to a whole day */
    double days = (double)cur * (cur_day - prev_day) / (double)(prev - cur);
    out->date = cur_day + (int32_t)ceil(days - 1e-9);
    out->before_deadline = deadline != NIS5G_NO_DATE && out->date < deadline;
}
