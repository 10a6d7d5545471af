/*
 * http.c — libmicrohttpd glue: the daemon's options (TLS 1.2/1.3 only,
 * connection limits, timeouts against slow clients), one request's life
 * (collect the body up to the limit, find the route, check who asks, run
 * the handler), the security headers on every response, and the graceful
 * stop on SIGTERM/SIGINT (no new connections, requests in flight finish).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sqlite3.h>

#include "nis5g/opts.h"
#include "server.h"

#define CSP "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

/* ---- responses ---- */

static void add_security_headers(struct srv_req *r, struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->srv->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
}


/* srv_send with one more header (Retry-After, Allow ...) */
static int send_h(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len,
                  const char *hname, const char *hval)
{
    const char *const h[] = { hname, hval, NULL };
    return srv_send_headers(r, status, type, body, len, hname ? h : NULL);
}

int srv_send_headers(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len,
                     const char *const *headers)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (type)
        MHD_add_response_header(resp, "Content-Type", type);
    for (size_t i = 0; headers && headers[i] && headers[i + 1]; i += 2)
        MHD_add_response_header(resp, headers[i], headers[i + 1]);
    add_security_headers(r, resp);
    int rc = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    return rc;
}

int srv_send_with(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len,
                  const char *hname, const char *hval)
{
    return send_h(r, status, type, body, len, hname, hval);
}

int srv_send(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len)
{
    return send_h(r, status, type, body, len, NULL, NULL);
}

int srv_send_json_with(struct srv_req *r, unsigned status, json_t *doc, const char *hname, const char *hval)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    if (!doc || nis5g_json_dump(doc, &b)) {
        nis5g_buf_release(&b);
        json_decref(doc);
        static const char oom[] = "{\"error\":{\"code\":\"nomem\",\"message\":\"out of memory\"}}\n";
        return srv_send(r, 500, "application/json", oom, sizeof oom - 1);
    }
    int rc = send_h(r, status, "application/json", b.data, b.len, hname, hval);
    nis5g_buf_release(&b);
    json_decref(doc);
    return rc;
}

int srv_send_json(struct srv_req *r, unsigned status, json_t *doc)
{
    return srv_send_json_with(r, status, doc, NULL, NULL);
}

static json_t *error_doc(const char *code, const char *msg, const struct nis5g_diags *diags);

int srv_send_error(struct srv_req *r, unsigned status, const char *code, const char *msg,
                   const struct nis5g_diags *diags)
{
    return srv_send_json(r, status, error_doc(code, msg, diags));
}

int srv_send_error_headers(struct srv_req *r, unsigned status, const char *code, const char *msg, const char *hname,
                           const char *hval)
{
    return srv_send_json_with(r, status, error_doc(code, msg, NULL), hname, hval);
}

static json_t *error_doc(const char *code, const char *msg, const struct nis5g_diags *diags)
{
    static const char *const sev[] = { "error", "warning", "note" };
    json_t *list = json_array();
    for (size_t i = 0; diags && i < diags->n; i++) {
        const struct nis5g_diag *g = &diags->v[i];
        json_t *d = json_object();
        json_object_set_new(d, "severity", json_string(sev[g->severity]));
        json_object_set_new(d, "file", g->file ? json_string(g->file) : json_null());
        json_object_set_new(d, "line", json_integer(g->line));
        json_object_set_new(d, "col", json_integer(g->col));
        json_object_set_new(d, "message", json_string(g->msg ? g->msg : ""));
        if (g->got)
            json_object_set_new(d, "got", json_string(g->got));
        json_object_set_new(d, "excerpt", g->source ? json_string(g->source) : json_null());
        json_array_append_new(list, d);
    }
    return json_pack("{s:{s:s, s:s, s:o}}", "error", "code", code, "message", msg, "diagnostics", list);
}

unsigned srv_status_for(int code)
{
    switch (code) {
    case NIS5G_EUSAGE:
    case NIS5G_EPARSE:
    case NIS5G_EINPUT:
    case NIS5G_EVERIFY:
        return 400;
    case NIS5G_ENOTFOUND:
        return 404;
    case NIS5G_EEXIST:
        return 409;
    case NIS5G_EDENIED:
        return 403;
    default:
        return 500;
    }
}

int srv_send_err(struct srv_req *r, const struct nis5g_err *err, const struct nis5g_diags *diags)
{
    int code = err->code ? err->code : NIS5G_EINTERNAL;
    return srv_send_error(r, srv_status_for(code), nis5g_strerror(code), err->msg, diags);
}

const char *srv_arg(struct srv_req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

/* Each worker thread keeps its own workspace connection (a connection is
 * not shared between threads): opening one per request would cost more
 * than most answers. A request always leaves it outside a transaction. */
static pthread_key_t thread_store;
static pthread_once_t thread_store_once = PTHREAD_ONCE_INIT;

static void close_thread_store(void *st)
{
    nis5g_store_close(st);
}

static void make_thread_store_key(void)
{
    pthread_key_create(&thread_store, close_thread_store);
}

int64_t srv_path_id(const struct srv_req *r)
{
    uint64_t v;
    return nis5g_parse_uint(r->param, &v) == 0 && v <= INT64_MAX ? (int64_t)v : 0;
}

int srv_req_store(struct srv_req *r, struct nis5g_store **out, struct nis5g_err *err)
{
    if (!r->st) {
        pthread_once(&thread_store_once, make_thread_store_key);
        r->st = pthread_getspecific(thread_store);
        if (!r->st) {
            if (nis5g_store_open(r->srv->cfg.db_path, 0, &r->st, err))
                return err->code;
            pthread_setspecific(thread_store, r->st);
        }
    }
    *out = r->st;
    return 0;
}

json_t *srv_body_object(struct srv_req *r)
{
    json_error_t je;
    json_t *j = r->body.len ? json_loadb(r->body.data, r->body.len, JSON_REJECT_DUPLICATES, &je) : NULL;
    if (!j || !json_is_object(j)) {
        char msg[256];
        if (!r->body.len)
            snprintf(msg, sizeof msg, "a JSON object is expected in the request body");
        else if (!j)
            snprintf(msg, sizeof msg, "the body is not valid JSON: %s (line %d, column %d)", je.text, je.line,
                     je.column);
        else
            snprintf(msg, sizeof msg, "the body must be a JSON object");
        json_decref(j);
        srv_send_error(r, 400, "parse", msg, NULL);
        return NULL;
    }
    return j;
}

const char *srv_json_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

int srv_change_begin(struct srv_req *r, struct nis5g_err *err)
{
    struct nis5g_store *st = NULL;
    if (srv_req_store(r, &st, err))
        return err->code;
    return nis5g_store_exec(st, "BEGIN IMMEDIATE", err);
}

int srv_change_end(struct srv_req *r, int rc, const char *action, const char *target, struct nis5g_err *err)
{
    struct nis5g_err e2 = { 0 };
    if (!rc)
        rc = srv_audit(r, action, target, "ok", NULL, err);
    if (!rc)
        rc = nis5g_store_exec(r->st, "COMMIT", err);
    if (rc) {
        nis5g_store_exec(r->st, "ROLLBACK", &e2);
        srv_audit(r, action, target, "failed", err->msg, &e2);
    }
    return rc;
}

/* ---- one request ---- */

static struct srv_req *req_new(struct srv *s, struct MHD_Connection *conn, const char *method, const char *url)
{
    struct srv_req *r = nis5g_xcalloc(1, sizeof *r);
    r->srv = s;
    r->conn = conn;
    r->method = method;
    r->url = url;
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *sa = ci ? ci->client_addr : NULL;
    if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, r->addr, sizeof r->addr);
    else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, r->addr, sizeof r->addr);
    else
        snprintf(r->addr, sizeof r->addr, "unknown");
    pthread_mutex_lock(&s->inflight_mu);
    s->inflight++;
    pthread_mutex_unlock(&s->inflight_mu);
    return r;
}

static void req_free(struct srv_req *r)
{
    struct srv *s = r->srv;
    nis5g_buf_release(&r->body);
    if (r->st && !sqlite3_get_autocommit(nis5g_store_db(r->st)))
        sqlite3_exec(nis5g_store_db(r->st), "ROLLBACK", NULL, NULL, NULL); /* never left open */
    free(r);
    pthread_mutex_lock(&s->inflight_mu);
    if (--s->inflight == 0)
        pthread_cond_broadcast(&s->inflight_cv);
    pthread_mutex_unlock(&s->inflight_mu);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    if (*con_cls)
        req_free(*con_cls);
    *con_cls = NULL;
}


static int dispatch(struct srv_req *r)
{
    if (r->too_large) {
        char msg[96];
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes", r->srv->cfg.max_body);
        return srv_send_error(r, 413, "limit", msg, NULL);
    }
    int path_known = 0;
    const struct srv_route *route = srv_route_find(r, r->method, r->url, &path_known);
    if (!route && path_known)
        return srv_send_error(r, 405, "method", "this method is not allowed on this path", NULL);
    /* who asks does not matter to the routes anyone may call: a stale
     * session cookie must not keep the login page or the login away */
    int rc = route && route->roles == SRV_ANYONE ? MHD_YES + 1 : srv_authenticate(r);
    if (rc != MHD_YES + 1)
        return rc; /* answered (401, 429 ...) */
    if (!route)
        return r->role ? srv_send_error(r, 404, "not_found", "no such route", NULL)
                       : srv_send_error(r, 401, "unauthenticated", "authentication required", NULL);
    rc = srv_authorize(r, route);
    if (rc != MHD_YES + 1)
        return rc;
    return route->handler(r, route);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls)
{
    struct srv *s = cls;
    struct srv_req *r = *con_cls;
    if (!r) {
        *con_cls = req_new(s, conn, method, url);
        return MHD_YES;
    }
    if (*upload_size) {
        if (r->body.len + *upload_size > s->cfg.max_body)
            r->too_large = 1; /* keep reading, answer 413 at the end */
        else
            nis5g_buf_add(&r->body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return dispatch(r) == MHD_YES ? MHD_YES : MHD_NO;
}

/* ---- the daemon ---- */

/* Percent-decoding of the path and the query string, as libmicrohttpd's
 * own, except that a value holding an encoded NUL (%00) stays encoded:
 * decoded, the code after it would see a shorter name than the client
 * sent ("PUT /api/v1/policies/x%00y" storing policy "x"); encoded, it is
 * refused as any other bad name. */
static size_t unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    size_t n = strlen(s);
    char *copy = nis5g_xmalloc(n + 1);
    memcpy(copy, s, n + 1);
    size_t m = MHD_http_unescape(s);
    if (memchr(s, 0, m)) {
        memcpy(s, copy, n + 1);
        m = n;
    }
    free(copy);
    return m;
}

static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, int *loopback,
                        struct nis5g_err *err)
{
    char host[128];
    const char *colon = strrchr(listen, ':');
    uint64_t port;
    if (!colon || (size_t)(colon - listen) >= sizeof host || nis5g_parse_uint(colon + 1, &port) || port > 65535)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--listen expects ADDRESS:PORT (e.g. 127.0.0.1:8355 or [::1]:8355) "
                             "\xe2\x80\x94 got '%s'", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = 0;
    memset(ss, 0, sizeof *ss);
    if (host[0] == '[' && host[strlen(host) - 1] == ']') {
        host[strlen(host) - 1] = 0;
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a->sin6_addr) != 1)
            return nis5g_err_set(err, NIS5G_EUSAGE, "--listen: '%s' is not an IPv6 address", host + 1);
        *loopback = IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
        *len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        if (strcmp(host, "localhost") == 0)
            snprintf(host, sizeof host, "127.0.0.1");
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return nis5g_err_set(err, NIS5G_EUSAGE, "--listen: '%s' is not an IPv4 address", host);
        *loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
        *len = sizeof *a;
    }
    return 0;
}

static volatile sig_atomic_t stop_signal;
static int stop_pipe[2] = { -1, -1 };

static void on_signal(int sig)
{
    stop_signal = sig;
    if (stop_pipe[1] >= 0) {
        ssize_t w = write(stop_pipe[1], "x", 1);
        (void)w;
    }
}

static int read_pem(const char *path, char **out, struct nis5g_err *err)
{
    size_t len;
    if (nis5g_read_file(path, out, &len) != 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "cannot read '%s': %s", path, strerror(errno));
    return 0;
}

static struct MHD_Daemon *start(struct srv *s, const struct sockaddr_storage *ss, char *cert, char *key)
{
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    flags |= MHD_USE_EPOLL;
    if (ss->ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (s->tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem opts[] = {
        { MHD_OPTION_SOCK_ADDR, 0, (void *)ss },
        { MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)(s->cfg.threads ? s->cfg.threads : 4), NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, (intptr_t)s->cfg.timeout_s, NULL },
        { MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)s->cfg.max_per_ip, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, 1024, NULL },
        { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, NULL },
        { MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL },
        { s->tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, key },
        { MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)"NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2" },
        { MHD_OPTION_END, 0, NULL },
    };
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
}

struct MHD_Daemon *srv_start_inprocess(struct srv *s)
{
    return MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_request, s, MHD_OPTION_NOTIFY_COMPLETED,
                            completed, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)0, MHD_OPTION_END);
}

/* Load the latest snapshot into the cache while the first clients
 * connect, so that the dashboard's first page does not wait for it. A
 * workspace without a snapshot, or a failure, leaves it to the first
 * request (which then says why). */
static void *warm_up(void *arg)
{
    struct srv *s = arg;
    struct nis5g_store *st;
    struct nis5g_err err = { 0 };
    if (nis5g_store_open(s->cfg.db_path, 0, &st, &err) == 0) {
        struct srv_model *sm;
        if (srv_cache_get(&s->cache, st, NIS5G_NO_DATE, &sm, &err) == 0)
            srv_cache_put(&s->cache, sm);
        nis5g_store_close(st);
    }
    return NULL;
}

int srv_run(struct srv *s, FILE *out, struct nis5g_err *err)
{
    struct sockaddr_storage ss;
    socklen_t sslen;
    int loopback = 0;
    if (parse_listen(s->cfg.listen, &ss, &sslen, &loopback, err))
        return err->code;
    if (!!s->cfg.tls_cert != !!s->cfg.tls_key)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--tls-cert and --tls-key go together");
    s->tls = s->cfg.tls_cert != NULL;
    if (!loopback && !s->tls)
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "refusing to listen on %s without TLS: session cookies would cross the network in "
                             "clear (give --tls-cert and --tls-key, or listen on 127.0.0.1 or [::1])",
                             s->cfg.listen);
    char *cert = NULL, *key = NULL;
    if (s->tls && (read_pem(s->cfg.tls_cert, &cert, err) || read_pem(s->cfg.tls_key, &key, err))) {
        free(cert);
        return err->code;
    }
    if (pipe(stop_pipe) != 0) {
        free(cert);
        free(key);
        return nis5g_err_set(err, NIS5G_EIO, "cannot make a pipe: %s", strerror(errno));
    }
    struct sigaction sa = { 0 };
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct MHD_Daemon *d = start(s, &ss, cert, key);
    if (!d) {
        free(cert);
        free(key);
        close(stop_pipe[0]);
        close(stop_pipe[1]);
        return nis5g_err_set(err, NIS5G_EIO, "cannot listen on %s: %s", s->cfg.listen,
                             errno ? strerror(errno) : "the address is in use or not available");
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[128];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(s->cfg.listen, ':') - s->cfg.listen), s->cfg.listen);
    fprintf(out, "listening on %s://%s:%u\n", s->tls ? "https" : "http", host, di ? di->port : 0);
    fflush(out);
    pthread_t warm;
    int warming = pthread_create(&warm, NULL, warm_up, s) == 0;
    char c;
    while (!stop_signal && read(stop_pipe[0], &c, 1) < 0 && errno == EINTR)
        ;
    /* no new connections; the requests in flight finish */
    MHD_socket ls = MHD_quiesce_daemon(d);
    /* Quiescing only stops accepting: the socket still listens, and a new
     * client would wait in its backlog until the exit. Shut it down so new
     * connections are refused at once; it is closed after the stop, as the
     * daemon's threads may still hold it. */
    if (ls != MHD_INVALID_SOCKET)
        shutdown(ls, SHUT_RDWR);
    pthread_mutex_lock(&s->inflight_mu);
    while (s->inflight > 0)
        pthread_cond_wait(&s->inflight_cv, &s->inflight_mu);
    pthread_mutex_unlock(&s->inflight_mu);
    MHD_stop_daemon(d);
    if (warming)
        pthread_join(warm, NULL);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
    close(stop_pipe[0]);
    close(stop_pipe[1]);
    stop_pipe[0] = stop_pipe[1] = -1;
    free(cert);
    free(key);
    fprintf(out, "stopped (%s)\n", stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}

int nis5g_serve(const struct nis5g_serve_opts *o, FILE *out, struct nis5g_err *err)
{
    struct srv s = { 0 };
    s.cfg = *o;
    srv_cache_init(&s.cache);
    srv_docs_init(&s.docs);
    pthread_mutex_init(&s.inflight_mu, NULL);
    pthread_cond_init(&s.inflight_cv, NULL);
    int rc = srv_run(&s, out, err);
    srv_cache_release_all(&s.cache);
    srv_docs_release(&s.docs);
    pthread_mutex_destroy(&s.inflight_mu);
    pthread_cond_destroy(&s.inflight_cv);
    return rc;
}
