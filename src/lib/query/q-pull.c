/*
 * q-pull.c — the pull operation (exports.h, docs/pull.md): fetch from a
 * peer's server the approved packages addressed to this state since the
 * last version pulled from it, and import each exactly like
 * import-package. Each package is one transaction: its import, the new
 * progress of that URL and the audit entry commit together, so a pull cut
 * short keeps what it finished and the next one goes on from there; a
 * package already held is skipped and counted.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/audit.h"
#include "nis5g/exports.h"
#include "nis5g/fetch.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "nis5g/query.h"

#define T struct nis5g_pull_params
const struct nis5g_opt nis5g_pull_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "url", .arg = "URL", .offset = offsetof(T, url),
      .help = "the peer's server (http:// or https://, as nis5g serve prints it)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL },
    { .type = NIS5G_OPT_STRING, .name = "token-file", .arg = "F", .offset = offsetof(T, token_file),
      .help = "a file holding the peer token the peer's administrator gave (nis5g token create)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_STR_(T, "cacert", 0, "FILE", cacert, "trust this CA file (a self-signed peer) instead of the system's"),
    NIS5G_OPT_END_,
};
#undef T

/* The token: the file's first line, without surrounding blanks. */
static int read_token(const char *file, struct nis5g_buf *tok, struct nis5g_err *err)
{
    char *data = NULL;
    size_t len = 0;
    if (nis5g_read_file(file, &data, &len))
        return nis5g_err_set(err, NIS5G_EUSAGE, "cannot read the token file '%s'", file);
    size_t a = 0, b;
    while (a < len && (data[a] == ' ' || data[a] == '\t' || data[a] == '\n' || data[a] == '\r'))
        a++;
    for (b = a; b < len && data[b] != '\n' && data[b] != '\r' && data[b] != ' ' && data[b] != '\t'; b++)
        ;
    nis5g_buf_add(tok, data + a, b - a);
    free(data);
    return b > a ? 0 : nis5g_err_set(err, NIS5G_EUSAGE, "the token file '%s' holds no token", file);
}

/* A GET that must answer 200 with a body. */
static int get(const char *url, const struct nis5g_fetch_opts *fo, struct nis5g_buf *out, struct nis5g_err *err)
{
    long status = 0;
    int rc = nis5g_fetch_get(url, fo, out, &status, err);
    if (rc || status == 200)
        return rc;
    json_t *doc = json_loadb(out->data ? out->data : "", out->len, 0, NULL);
    const char *msg = json_string_value(json_object_get(json_object_get(doc, "error"), "message"));
    rc = nis5g_err_set(err, status == 401 || status == 403 ? NIS5G_EDENIED : NIS5G_EIO, "%s: HTTP %ld%s%s", url,
                       status, msg ? ": " : "", msg ? msg : "");
    json_decref(doc);
    return rc;
}

static int audit(struct nis5g_store *st, const char *url, const char *outcome, const char *detail,
                 struct nis5g_err *err)
{
    struct nis5g_audit_entry e = { .user = "cli", .role = "admin", .address = "local", .action = "pull",
                                   .target = (char *)url, .outcome = (char *)outcome, .detail = (char *)detail };
    return nis5g_audit_append(st, &e, NULL, err);
}

/* The list of what is new at the peer, checked for the members used. */
static int list(const char *base, int64_t since, const struct nis5g_fetch_opts *fo, json_t **out,
                struct nis5g_err *err)
{
    struct nis5g_buf url = NIS5G_BUF_INIT, body = NIS5G_BUF_INIT;
    nis5g_buf_addf(&url, "%s/api/v1/packages?since=%lld", base, (long long)since);
    int rc = get(url.data, fo, &body, err);
    json_t *doc = rc ? NULL : json_loadb(body.data ? body.data : "", body.len, 0, NULL);
    json_t *a = json_object_get(doc, "packages");
    for (size_t i = 0; !rc && json_is_array(a) && i < json_array_size(a); i++) {
        json_t *x = json_array_get(a, i);
        if (!json_is_integer(json_object_get(x, "id")) || !json_is_integer(json_object_get(x, "version")) ||
            json_integer_value(json_object_get(x, "version")) <= since ||
            strlen(json_string_value(json_object_get(x, "digest")) ? json_string_value(json_object_get(x, "digest"))
                                                                    : "") != NIS5G_DIGEST_HEX)
            rc = nis5g_err_set(err, NIS5G_EPARSE, "%s: package %zu of the list lacks an id, a version above %lld "
                               "or a digest", url.data, i + 1, (long long)since);
    }
    if (!rc && !json_is_array(a))
        rc = nis5g_err_set(err, NIS5G_EPARSE, "%s: not a list of packages (docs/pull.md)", url.data);
    if (rc)
        json_decref(doc);
    else
        *out = json_incref(a), json_decref(doc);
    nis5g_buf_release(&url);
    nis5g_buf_release(&body);
    return rc;
}

/* Fetch one listed package, check it has the listed digest, import it and
 * move the URL's progress in one transaction with its audit entry. */
static int pull_one(const struct nis5g_query_env *env, const struct nis5g_pull_params *p, const char *own,
                    const json_t *x, const struct nis5g_fetch_opts *fo, struct nis5g_pull_result *r,
                    struct nis5g_err *err)
{
    struct nis5g_pull_item *it = &r->v[r->n];
    memset(it, 0, sizeof *it);
    it->id = json_integer_value(json_object_get(x, "id"));
    it->version = json_integer_value(json_object_get(x, "version"));
    struct nis5g_buf url = NIS5G_BUF_INIT, bytes = NIS5G_BUF_INIT;
    nis5g_buf_addf(&url, "%s/api/v1/packages/%lld", r->url, (long long)it->id);
    int rc = get(url.data, fo, &bytes, err);
    char digest[NIS5G_DIGEST_HEX + 1];
    const char *want = json_string_value(json_object_get(x, "digest")); /* checked by list() */
    if (!rc) {
        nis5g_digest_hex(bytes.data ? bytes.data : "", bytes.len, digest);
        if (strcmp(digest, want) != 0)
            rc = nis5g_err_set(err, NIS5G_EVERIFY, "%s: the bytes received hash to %s, not to the digest listed %s",
                               url.data, digest, want);
    }
    const char *who = env->who ? env->who : p->by ? p->by : "unknown";
    const char *tlp = json_string_value(json_object_get(x, "tlp"));
    int own_tx = 0;
    if (!rc)
        rc = nis5g_store_begin(env->store, "pull_one", &own_tx, err);
    if (!rc) {
        struct nis5g_import_result res;
        rc = nis5g_package_import_bytes(env->store, bytes.data ? bytes.data : "", bytes.len, url.data, own, who,
                                        &res, err);
        memcpy(it->signer, res.signer, sizeof it->signer);
        memcpy(it->snapshot, res.snapshot, sizeof it->snapshot);
        snprintf(it->tlp, sizeof it->tlp, "%s", tlp ? tlp : "");
        snprintf(it->msg, sizeof it->msg, "%s", res.msg);
        it->held = res.held;
        if (rc)
            nis5g_err_set(err, rc, "%s: refused: %s", url.data, res.msg);
        if (!rc)
            rc = nis5g_pull_progress_set(env->store, r->url, it->version, err);
        if (!rc) {
            struct nis5g_buf d = NIS5G_BUF_INIT;
            nis5g_buf_addf(&d, "package %lld version %lld by %s: %s", (long long)it->id, (long long)it->version, who,
                           res.msg);
            rc = audit(env->store, r->url, "ok", d.data, err);
            nis5g_buf_release(&d);
        }
        rc = nis5g_store_end(env->store, "pull_one", own_tx, rc, err);
    }
    if (!rc) {
        r->n++;
        r->held += it->held;
        r->imported += !it->held;
        r->version = it->version;
    }
    nis5g_buf_release(&url);
    nis5g_buf_release(&bytes);
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_pull_params *p = params;
    struct nis5g_pull_result *r = result;
    size_t n = strlen(p->url ? p->url : "");
    while (n && p->url[n - 1] == '/')
        n--;
    if ((strncmp(p->url, "http://", 7) != 0 && strncmp(p->url, "https://", 8) != 0) || n >= sizeof r->url)
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected the peer's URL (http://HOST:PORT or https://...), got '%s'",
                             p->url ? p->url : "");
    memcpy(r->url, p->url, n);
    r->url[n] = 0;
    struct nis5g_pubkey self;
    struct nis5g_buf tok = NIS5G_BUF_INIT;
    json_t *a = NULL;
    int rc = nis5g_identity_get(env->store, &self, err);
    if (!rc)
        rc = read_token(p->token_file, &tok, err);
    if (!rc)
        rc = nis5g_pull_progress_get(env->store, r->url, &r->since, err);
    r->version = r->since;
    struct nis5g_fetch_opts fo = { .token = tok.data, .cacert = p->cacert };
    if (!rc)
        rc = list(r->url, r->since, &fo, &a, err);
    if (!rc) {
        r->listed = json_array_size(a);
        r->v = nis5g_xcalloc(r->listed ? r->listed : 1, sizeof *r->v);
    }
    for (size_t i = 0; !rc && i < r->listed; i++)
        rc = pull_one(env, p, self.state, json_array_get(a, i), &fo, r, err);
    if (rc && r->listed) {
        char was[sizeof err->msg];
        snprintf(was, sizeof was, "%s", err->msg);
        nis5g_err_set(err, err->code, "%s (%zu of %zu packages pulled before; run the pull again to go on)", was,
                      r->n, r->listed);
    }
    if (rc) {
        struct nis5g_err ignored = { 0 };
        audit(env->store, r->url, "failed", err->msg, &ignored);
    }
    json_decref(a);
    nis5g_buf_release(&tok);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_pull_result *r = result;
    free(r->v);
    r->v = NULL;
}

json_t *nis5g_pull_json(const void *result)
{
    const struct nis5g_pull_result *r = result;
    json_t *a = json_array();
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_pull_item *x = &r->v[i];
        json_array_append_new(a, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)x->id, "version",
                                           (json_int_t)x->version, "signer", x->signer, "snapshot", x->snapshot,
                                           "tlp", x->tlp, "result", x->held ? "held" : "imported", "message",
                                           x->msg));
    }
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:o}", "url", r->url, "since", (json_int_t)r->since, "version",
                     (json_int_t)r->version, "listed", (json_int_t)r->listed, "imported", (json_int_t)r->imported,
                     "held", (json_int_t)r->held, "packages", a);
}

const struct nis5g_query nis5g_query_pull = {
    .name = "pull",
    .summary = "fetch the approved packages a peer's server exported to this state and import them",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_pull_opts,
    .params_size = sizeof(struct nis5g_pull_params),
    .result_size = sizeof(struct nis5g_pull_result),
    .compute = compute,
    .to_json = nis5g_pull_json,
    .release = release,
};
