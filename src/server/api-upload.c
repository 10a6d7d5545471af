/*
 * api-upload.c — changes that arrive as files: a dataset upload
 * (multipart/form-data with the dataset's CSV files, validated exactly
 * like `nis5g import`), a package to import and a peer's public key to
 * trust (exports are prepared and approved in api-exports.c). The files go
 * to a private temporary folder that is removed afterwards; the names in
 * diagnostics are the uploaded file names, as the command line shows them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <microhttpd.h>

#include "nis5g/import.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "nis5g/submission.h"
#include "server.h"

#define MAX_FILES 16

struct upload {
    struct srv_req *r;
    char dir[128];
    char *paths[MAX_FILES];
    int fds[MAX_FILES];
    char names[MAX_FILES][64];
    size_t n;
    char as_of[16];
    int takes_operator;  /* a submission: the form may name its operator */
    char operator_id[72];
    char bad[200];
};

/* a dataset file's name: letters, digits, '.', '_', '-'; no folders */
static int good_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 60 || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '.' || s[i] == '_' || s[i] == '-'))
            return 0;
    return 1;
}

static int file_for(struct upload *u, const char *name)
{
    for (size_t i = 0; i < u->n; i++)
        if (strcmp(u->names[i], name) == 0)
            return (int)i;
    if (u->n == MAX_FILES) {
        snprintf(u->bad, sizeof u->bad, "at most %d files in one upload", MAX_FILES);
        return -1;
    }
    struct nis5g_buf p = NIS5G_BUF_INIT;
    nis5g_buf_addf(&p, "%s/%s", u->dir, name);
    int fd = open(p.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(u->bad, sizeof u->bad, "cannot keep the file '%s': %s", name, strerror(errno));
        nis5g_buf_release(&p);
        return -1;
    }
    snprintf(u->names[u->n], sizeof u->names[u->n], "%s", name);
    u->paths[u->n] = nis5g_buf_detach(&p, NULL);
    u->fds[u->n] = fd;
    return (int)u->n++;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
                               const char *content_type, const char *transfer_encoding, const char *data,
                               uint64_t off, size_t size)
{
    struct upload *u = cls;
    if (u->bad[0])
        return MHD_NO;
    if (!filename) {
        if (key && strcmp(key, "as_of") == 0 && !u->takes_operator && off + size < sizeof u->as_of) {
            memcpy(u->as_of + off, data, size);
            u->as_of[off + size] = 0;
            return MHD_YES;
        }
        if (key && strcmp(key, "operator") == 0 && u->takes_operator && off + size < sizeof u->operator_id) {
            memcpy(u->operator_id + off, data, size);
            u->operator_id[off + size] = 0;
            return MHD_YES;
        }
        snprintf(u->bad, sizeof u->bad, "unknown form field '%.60s' (expected dataset files and %s)",
                 key ? key : "", u->takes_operator ? "operator" : "as_of");
        return MHD_NO;
    }
    if (!good_name(filename)) {
        snprintf(u->bad, sizeof u->bad, "'%.80s' is not a dataset file name (e.g. elements.csv)", filename);
        return MHD_NO;
    }
    int i = file_for(u, filename);
    if (i < 0)
        return MHD_NO;
    for (size_t done = 0; done < size;) {
        ssize_t w = write(u->fds[i], data + done, size - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0) {
            snprintf(u->bad, sizeof u->bad, "cannot keep the file '%s': %s", filename, strerror(errno));
            return MHD_NO;
        }
        done += (size_t)w;
    }
    return MHD_YES;
}

static void upload_release(struct upload *u)
{
    for (size_t i = 0; i < u->n; i++) {
        if (u->fds[i] >= 0)
            close(u->fds[i]);
        unlink(u->paths[i]);
        free(u->paths[i]);
    }
    if (u->dir[0])
        rmdir(u->dir);
}

/* The upload's private folder (mode 0700) under $TMPDIR or /tmp. */
static int make_dir(struct upload *u)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(u->dir, sizeof u->dir, "%s/nis5g-upload-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(u->dir))
        return 0;
    u->dir[0] = 0;
    return -1;
}

/* The body's parts into a fresh private folder. 0, or answered (400/500). */
static int receive(struct srv_req *r, struct upload *u, int *answered)
{
    *answered = 0;
    if (make_dir(u)) {
        *answered = 1;
        return srv_send_error(r, 500, "io", "cannot make a folder for the upload", NULL);
    }
    struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, u);
    if (!pp) {
        *answered = 1;
        return srv_send_error(r, 400, "usage", "the body must be multipart/form-data with the dataset's files", NULL);
    }
    enum MHD_Result ok = MHD_post_process(pp, r->body.data ? r->body.data : "", r->body.len);
    MHD_destroy_post_processor(pp);
    for (size_t i = 0; i < u->n; i++) {
        close(u->fds[i]);
        u->fds[i] = -1;
    }
    if (u->bad[0] || ok != MHD_YES || u->n == 0) {
        *answered = 1;
        return srv_send_error(r, 400, "usage",
                              u->bad[0] ? u->bad : "the body must be multipart/form-data with the dataset's files",
                              NULL);
    }
    return 0;
}

/* Diagnostics name the uploaded files, not the server's folder. */
void srv_diags_strip(struct nis5g_diags *d, const char *dir)
{
    size_t n = strlen(dir);
    for (size_t i = 0; i < d->n; i++) {
        char *f = d->v[i].file;
        if (f && strncmp(f, dir, n) == 0 && f[n] == '/')
            memmove(f, f + n + 1, strlen(f + n + 1) + 1);
    }
}

static void take_saved(const void *result, void *arg)
{
    *(int64_t *)arg = ((const struct nis5g_import_query_result *)result)->saved.id;
}

/* "upload by ann: operators.csv, elements.csv": the source a snapshot
 * records, rather than the server's private folder. */
static void upload_source(const struct srv_req *r, const struct upload *u, struct nis5g_buf *out)
{
    nis5g_buf_addf(out, "upload by %s:", r->user);
    for (size_t i = 0; i < u->n; i++)
        nis5g_buf_addf(out, "%s %s", i ? "," : "", u->names[i]);
}

SRV_HANDLER(srv_api_import)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    struct upload u = { .r = r };
    int answered, rc = receive(r, &u, &answered);
    if (answered) {
        upload_release(&u);
        return rc;
    }
    struct nis5g_import_params *p = nis5g_xcalloc(1, q->params_size);
    q->params_init(p);
    struct nis5g_err err = { 0 };
    size_t base = 0;
    const struct nis5g_opt *o = nis5g_opt_find(q->opts, "as-of", &base);
    if (u.as_of[0] && o && nis5g_opt_set(o, (char *)p + base, u.as_of, &err)) {
        rc = srv_send_err(r, &err, NULL);
        goto out;
    }
    /* the folder, as `nis5g import DIR` reads one: the same checks of its
     * file names (a misspelt dataset file is an error, other files not) */
    o = nis5g_opt_find(q->opts, "paths", &base);
    nis5g_opt_set(o, (char *)p + base, u.dir, &err);
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    json_t *doc = NULL;
    if (!(rc = srv_change_begin(r, &err))) {
        int64_t saved = -1;
        struct nis5g_buf source = NIS5G_BUF_INIT;
        upload_source(r, &u, &source);
        rc = srv_query_exec_take(r, q, p, &doc, &diags, &err, take_saved, &saved);
        if (!rc)
            rc = nis5g_store_set_source(r->st, saved, source.data, &err);
        rc = srv_change_end(r, rc, "import", source.data, &err);
        nis5g_buf_release(&source);
    }
    srv_diags_strip(&diags, u.dir);
    if (rc) {
        json_decref(doc);
        char msg[300];
        snprintf(msg, sizeof msg, "%s", err.msg);
        if (strncmp(msg, u.dir, strlen(u.dir)) == 0)
            snprintf(msg, sizeof msg, "the dataset has errors; nothing was imported");
        rc = srv_send_error(r, srv_status_for(err.code ? err.code : NIS5G_EINTERNAL),
                            nis5g_strerror(err.code ? err.code : NIS5G_EINTERNAL), msg, &diags);
    } else {
        rc = srv_send_json(r, 200, doc);
    }
    nis5g_diags_release(&diags);
out:
    nis5g_opts_release(q->opts, p);
    free(p);
    upload_release(&u);
    return rc;
}

/* The operator a submission is for: an operator's user's own (naming
 * another in the form is refused), or the form's for analysts and admins.
 * NULL after answering. */
static const char *submission_operator(struct srv_req *r, const struct upload *u, int *rc)
{
    if (r->role == SRV_ROLE_OPERATOR) {
        if (u->operator_id[0] && strcmp(u->operator_id, r->operator_id) != 0) {
            *rc = srv_send_error(r, 403, "forbidden", "an operator submits for its own operator only", NULL);
            return NULL;
        }
        return r->operator_id;
    }
    if (!u->operator_id[0]) {
        *rc = srv_send_error(r, 400, "usage", "the form needs an \"operator\" field: the operator the files are of",
                             NULL);
        return NULL;
    }
    return u->operator_id;
}

SRV_HANDLER(srv_api_submit)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    struct upload u = { .r = r, .takes_operator = 1 };
    int answered, rc = receive(r, &u, &answered);
    const char *op = answered ? NULL : submission_operator(r, &u, &rc);
    if (!op) {
        upload_release(&u);
        return rc;
    }
    struct nis5g_submit_params *p = srv_query_params_new(q);
    struct nis5g_buf source = NIS5G_BUF_INIT;
    upload_source(r, &u, &source);
    p->operator_id = op;
    p->dir = u.dir;
    p->shown = ""; /* the uploaded names, as the operator sent them */
    p->source = source.data;
    rc = srv_run_change(r, q, p, "submission.submit", op, u.dir);
    nis5g_buf_release(&source);
    nis5g_opts_release(q->opts, p);
    free(p);
    upload_release(&u);
    return rc;
}

/* One body kept as a file called name in a private folder. */
static int body_file(struct srv_req *r, struct upload *u, const char *name, const void *data, size_t len,
                     int *answered)
{
    *answered = 0;
    int i;
    if (make_dir(u) || (i = file_for(u, name)) < 0) {
        *answered = 1;
        return srv_send_error(r, 500, "io", "cannot keep the upload", NULL);
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(u->fds[i], (const char *)data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            break;
        done += (size_t)w;
    }
    close(u->fds[i]);
    u->fds[i] = -1;
    if (done < len) {
        *answered = 1;
        return srv_send_error(r, 500, "io", "cannot keep the upload", NULL);
    }
    return 0;
}

static void take_status(const void *result, void *arg)
{
    const struct nis5g_package_import_result *x = result;
    struct nis5g_err *e = arg;
    e->code = x->status;
    snprintf(e->msg, sizeof e->msg, "%s", x->msg);
}

/* A package refused on its merits (signature, signer, replay ...) changes
 * nothing; it is answered 400 with the reason and the per-package result. */
SRV_HANDLER(srv_api_import_package)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    struct upload u = { .r = r };
    const char *name = srv_arg(r, "name");
    if (!name || !good_name(name))
        name = "package.json";
    int answered, rc = body_file(r, &u, name, r->body.data ? r->body.data : "", r->body.len, &answered);
    if (answered) {
        upload_release(&u);
        return rc;
    }
    void *p = srv_query_params_new(q);
    srv_query_param_set(q, p, "files", u.paths[0]);
    struct nis5g_err err = { 0 }, refused = { 0 };
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    json_t *doc = NULL;
    if (!(rc = srv_change_begin(r, &err))) {
        rc = srv_query_exec_take(r, q, p, &doc, &diags, &err, take_status, &refused);
        if (!rc && refused.code) {
            err = refused;
            rc = refused.code;
        }
        rc = srv_change_end(r, rc, "import-package", name, &err);
    }
    json_t *pk = json_object_get(doc, "packages");
    for (size_t i = 0; json_is_array(pk) && i < json_array_size(pk); i++)
        json_object_set_new(json_array_get(pk, i), "file", json_string(name));
    if (rc && doc) {
        json_t *e = json_pack("{s:{s:s, s:s, s:[], s:O}}", "error", "code", nis5g_strerror(err.code), "message",
                              err.msg, "diagnostics", "packages", pk ? pk : json_null());
        rc = srv_send_json(r, srv_status_for(err.code), e);
    } else {
        rc = rc ? srv_send_err(r, &err, &diags) : srv_send_json(r, 200, json_incref(doc));
    }
    json_decref(doc);
    nis5g_diags_release(&diags);
    nis5g_opts_release(q->opts, p);
    free(p);
    upload_release(&u);
    return rc;
}

SRV_HANDLER(srv_api_trust_add)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    const char *state = srv_json_str(body, "state"), *key = srv_json_str(body, "public_key");
    int rc;
    if (!state || !key) {
        rc = srv_send_error(r, 400, "usage",
                            "the body must be {\"state\": CC, \"public_key\": the text of the .pub file, "
                            "\"replace\": true to rotate a key}",
                            NULL);
        json_decref(body);
        return rc;
    }
    struct upload u = { .r = r };
    int answered;
    rc = body_file(r, &u, "key.pub", key, strlen(key), &answered);
    if (!answered) {
        void *p = srv_query_params_new(q);
        struct nis5g_err err = { 0 };
        if (srv_query_param_set(q, p, "state", state) || srv_query_param_set(q, p, "pubkey_file", u.paths[0]) ||
            (json_is_true(json_object_get(body, "replace")) && srv_query_param_set(q, p, "replace", NULL)))
            rc = srv_send_err(r, &err, NULL);
        else
            rc = srv_run_change(r, q, p, "trust.add", state, u.dir);
        nis5g_opts_release(q->opts, p);
        free(p);
    }
    upload_release(&u);
    json_decref(body);
    return rc;
}
