/*
 * cache.c — the server's shared snapshot: the latest snapshot's model,
 * loaded whole once and read by every request without copying. Each
 * request asks the workspace which snapshot is the latest (one indexed
 * row); when it has changed — an import committed, through the API or by
 * the CLI on the same file — the new model is loaded and swapped in, and
 * the old one is freed when the last request using it lets go. Other
 * snapshots (?snapshot=DATE) are loaded for the request alone.
 */
#include <stdlib.h>
#include <string.h>

#include "server.h"

void srv_cache_init(struct srv_cache *c)
{
    pthread_mutex_init(&c->mu, NULL);
    c->cur = NULL;
}

static void model_free(struct srv_model *sm)
{
    nis5g_model_free(sm->m);
    free(sm);
}

void srv_cache_release_all(struct srv_cache *c)
{
    pthread_mutex_lock(&c->mu);
    struct srv_model *sm = c->cur;
    c->cur = NULL;
    if (sm && --sm->refs == 0)
        model_free(sm);
    pthread_mutex_unlock(&c->mu);
    pthread_mutex_destroy(&c->mu);
}

static int load(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct srv_model **out,
                struct nis5g_err *err)
{
    struct srv_model *sm = nis5g_xcalloc(1, sizeof *sm);
    if (nis5g_store_load_model(st, snap->id, NIS5G_PART_ALL, &sm->m, err)) {
        free(sm);
        return err->code;
    }
    sm->snap = *snap;
    sm->refs = 1;
    *out = sm;
    return 0;
}

int srv_cache_get(struct srv_cache *c, struct nis5g_store *st, int32_t day, struct srv_model **out,
                  struct nis5g_err *err)
{
    struct nis5g_snapshot want, latest;
    if (nis5g_store_snapshot(st, NIS5G_NO_DATE, &latest, err))
        return err->code;
    if (day != NIS5G_NO_DATE && day != latest.as_of) {
        if (nis5g_store_snapshot(st, day, &want, err))
            return err->code;
        return load(st, &want, out, err); /* not shared: refs 1, freed by the put */
    }
    pthread_mutex_lock(&c->mu);
    if (c->cur && c->cur->snap.id == latest.id) {
        c->cur->refs++;
        *out = c->cur;
        pthread_mutex_unlock(&c->mu);
        return 0;
    }
    pthread_mutex_unlock(&c->mu);
    /* Load outside the lock: readers of the old snapshot go on meanwhile.
     * Two requests may both load the new one; the second to finish uses
     * the first's and drops its own. */
    struct srv_model *fresh;
    if (load(st, &latest, &fresh, err))
        return err->code;
    pthread_mutex_lock(&c->mu);
    if (c->cur && c->cur->snap.id == latest.id) {
        pthread_mutex_unlock(&c->mu);
        model_free(fresh);
        return srv_cache_get(c, st, day, out, err);
    }
    struct srv_model *old = c->cur;
    fresh->refs = 2; /* the cache's and this request's */
    c->cur = fresh;
    if (old && --old->refs == 0)
        model_free(old);
    pthread_mutex_unlock(&c->mu);
    *out = fresh;
    return 0;
}

void srv_cache_put(struct srv_cache *c, struct srv_model *sm)
{
    if (!sm)
        return;
    pthread_mutex_lock(&c->mu);
    int last = --sm->refs == 0;
    pthread_mutex_unlock(&c->mu);
    if (last)
        model_free(sm);
}
