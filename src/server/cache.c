/*
 * cache.c — the server's shared snapshot: the latest snapshot's model,
 * loaded whole once and read by every request without copying. Each
 * request asks the workspace which snapshot is the latest (one indexed
 * row); when it has changed — an import committed, through the API or by
 * the CLI on the same file — the new model is loaded and swapped in, and
 * the old one is freed when the last request using it lets go. One other
 * snapshot is kept besides: the last other one asked for (?snapshot=DATE,
 * or the snapshot before the latest that a reviewer's diff compares with),
 * so that asking again about it, or diffing the last two snapshots,
 * loads nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "server.h"

void srv_cache_init(struct srv_cache *c)
{
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->loaded, NULL);
    c->loading = 0;
    c->cur = NULL;
    c->other = NULL;
}

static void model_free(struct srv_model *sm)
{
    for (size_t i = 0; i < sm->n_scoped; i++)
        nis5g_model_free(sm->scoped[i].m);
    free(sm->scoped);
    nis5g_model_free(sm->m);
    free(sm);
}

void srv_cache_release_all(struct srv_cache *c)
{
    pthread_mutex_lock(&c->mu);
    struct srv_model *sm = c->cur, *other = c->other;
    c->cur = c->other = NULL;
    if (sm && --sm->refs == 0)
        model_free(sm);
    if (other && --other->refs == 0)
        model_free(other);
    pthread_mutex_unlock(&c->mu);
    pthread_cond_destroy(&c->loaded);
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
    /* every lookup index built now: the model is then only read, by any
     * number of requests at once */
    nis5g_model_index(sm->m);
    sm->snap = *snap;
    sm->refs = 1;
    *out = sm;
    return 0;
}

static int same_snapshot(const struct srv_model *sm, const struct nis5g_snapshot *snap)
{
    return sm && sm->snap.id == snap->id && strcmp(sm->snap.imported_at, snap->imported_at) == 0;
}

/* A snapshot other than the latest: the one kept, or loaded and kept in
 * its place (the one it replaces is freed when its last request lets go). */
static int get_other(struct srv_cache *c, struct nis5g_store *st, const struct nis5g_snapshot *want,
                     struct srv_model **out, struct nis5g_err *err)
{
    pthread_mutex_lock(&c->mu);
    if (same_snapshot(c->other, want)) {
        c->other->refs++;
        *out = c->other;
        pthread_mutex_unlock(&c->mu);
        return 0;
    }
    pthread_mutex_unlock(&c->mu);
    struct srv_model *fresh;
    if (load(st, want, &fresh, err))
        return err->code;
    pthread_mutex_lock(&c->mu);
    if (same_snapshot(c->other, want)) { /* another request loaded it meanwhile */
        c->other->refs++;
        *out = c->other;
        pthread_mutex_unlock(&c->mu);
        model_free(fresh);
        return 0;
    }
    struct srv_model *old = c->other;
    fresh->refs = 2; /* the cache's and this request's */
    c->other = fresh;
    if (old && --old->refs == 0)
        model_free(old);
    pthread_mutex_unlock(&c->mu);
    *out = fresh;
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
        return get_other(c, st, &want, out, err);
    }
    /* the id and the time of import: a snapshot replaced by one of the same
     * date (an import, an accepted submission) keeps its id */
    pthread_mutex_lock(&c->mu);
    /* one load at a time: a request arriving while the latest is being
     * loaded (by the warm-up at start, or another request) waits for it
     * rather than reading the same gigabytes again */
    while (c->loading && !same_snapshot(c->cur, &latest))
        pthread_cond_wait(&c->loaded, &c->mu);
    if (same_snapshot(c->cur, &latest)) {
        c->cur->refs++;
        *out = c->cur;
        pthread_mutex_unlock(&c->mu);
        return 0;
    }
    c->loading = 1;
    pthread_mutex_unlock(&c->mu);
    /* Load outside the lock: readers of the old snapshot go on meanwhile. */
    struct srv_model *fresh;
    int rc = load(st, &latest, &fresh, err);
    pthread_mutex_lock(&c->mu);
    c->loading = 0;
    pthread_cond_broadcast(&c->loaded);
    if (rc) {
        pthread_mutex_unlock(&c->mu);
        return rc;
    }
    if (same_snapshot(c->cur, &latest)) {
        pthread_mutex_unlock(&c->mu);
        model_free(fresh);
        return srv_cache_get(c, st, day, out, err);
    }
    /* the latest before becomes the other one kept: the diff of the last
     * two snapshots then loads nothing */
    struct srv_model *drop = c->other;
    fresh->refs = 2; /* the cache's and this request's */
    if (c->cur && c->cur->snap.id == latest.id) {
        drop = c->cur; /* replaced in place: that version is gone */
    } else if (c->cur) {
        c->other = c->cur;
    } else {
        drop = NULL;
    }
    c->cur = fresh;
    if (drop && --drop->refs == 0)
        model_free(drop);
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

static const struct nis5g_model *scoped_find(const struct srv_model *sm, const char *op)
{
    for (size_t i = 0; i < sm->n_scoped; i++)
        if (strcmp(sm->scoped[i].op, op) == 0)
            return sm->scoped[i].m;
    return NULL;
}

int srv_cache_scoped(struct srv_cache *c, struct srv_model *sm, const char *op, const struct nis5g_model **out,
                     struct nis5g_err *err)
{
    pthread_mutex_lock(&c->mu);
    *out = scoped_find(sm, op);
    pthread_mutex_unlock(&c->mu);
    if (*out)
        return 0;
    /* Build outside the lock (the national model is only read); two
     * requests may both build it, the second to finish drops its own. */
    struct nis5g_model *m;
    uint32_t id = nis5g_dict_find(&sm->m->operators, op, strlen(op));
    if (nis5g_model_scope_operator(sm->m, id, &m, err))
        return err->code;
    nis5g_model_index(m);
    pthread_mutex_lock(&c->mu);
    if ((*out = scoped_find(sm, op)) != NULL) {
        pthread_mutex_unlock(&c->mu);
        nis5g_model_free(m);
        return 0;
    }
    sm->scoped = nis5g_xrealloc(sm->scoped, (sm->n_scoped + 1) * sizeof *sm->scoped);
    struct srv_scoped *x = &sm->scoped[sm->n_scoped++];
    snprintf(x->op, sizeof x->op, "%s", op);
    x->m = m;
    *out = m;
    pthread_mutex_unlock(&c->mu);
    return 0;
}

/* ---- documents kept ---- */

#define SRV_DOC_MAX (16u << 20) /* larger documents are not kept */

void srv_docs_init(struct srv_docs *d)
{
    memset(d, 0, sizeof *d);
    pthread_mutex_init(&d->mu, NULL);
}

void srv_docs_release(struct srv_docs *d)
{
    for (int i = 0; i < SRV_DOCS; i++) {
        free(d->v[i].key);
        nis5g_buf_release(&d->v[i].bytes);
    }
    pthread_mutex_destroy(&d->mu);
}

int srv_docs_tag(struct nis5g_store *st, char *tag, size_t size, struct nis5g_err *err)
{
    struct nis5g_snapshot *v = NULL;
    size_t n = 0;
    if (nis5g_store_snapshots(st, &v, &n, err))
        return err->code;
    /* how many, the highest id, the last time of import (ISO 8601 UTC:
     * the largest string is the latest) */
    int64_t top = 0;
    const char *last = "";
    for (size_t i = 0; i < n; i++) {
        if (v[i].id > top)
            top = v[i].id;
        if (strcmp(v[i].imported_at, last) > 0)
            last = v[i].imported_at;
    }
    snprintf(tag, size, "%zu/%lld/%s", n, (long long)top, last);
    free(v);
    return 0;
}

int srv_docs_get(struct srv_docs *d, const char *key, const char *tag, int32_t today, struct nis5g_buf *out)
{
    int hit = 0;
    pthread_mutex_lock(&d->mu);
    for (int i = 0; i < SRV_DOCS && !hit; i++) {
        struct srv_doc *e = &d->v[i];
        if (e->key && strcmp(e->tag, tag) == 0 && e->today == today && strcmp(e->key, key) == 0) {
            nis5g_buf_add(out, e->bytes.data, e->bytes.len);
            e->used = ++d->clock;
            hit = 1;
        }
    }
    pthread_mutex_unlock(&d->mu);
    return hit;
}

void srv_docs_put(struct srv_docs *d, const char *key, const char *tag, int32_t today, const char *bytes,
                  size_t len)
{
    if (len > SRV_DOC_MAX)
        return;
    pthread_mutex_lock(&d->mu);
    int victim = 0;
    for (int i = 0; i < SRV_DOCS; i++) {
        if (!d->v[i].key) {
            victim = i;
            break;
        }
        if (d->v[i].used < d->v[victim].used)
            victim = i;
    }
    struct srv_doc *e = &d->v[victim];
    free(e->key);
    nis5g_buf_release(&e->bytes);
    e->key = nis5g_xstrdup(key);
    snprintf(e->tag, sizeof e->tag, "%s", tag);
    e->today = today;
    nis5g_buf_add(&e->bytes, bytes, len);
    e->used = ++d->clock;
    pthread_mutex_unlock(&d->mu);
}
