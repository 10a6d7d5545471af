/*
 * fetch.c — HTTP(S) GET through libcurl (fetch.h), for nis5g pull
 * (docs/pull.md). Only http and https, no redirects (a peer's API does not
 * redirect, and a redirect would carry the token elsewhere), TLS peers
 * verified against the system's CAs or the one CA file given.
 */
#include <pthread.h>
#include <string.h>

#include <curl/curl.h>

#include "nis5g/fetch.h"

struct sink {
    struct nis5g_buf *out;
    size_t max;
    int over;
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
    struct sink *s = arg;
    size_t len = size * n;
    if (s->out->len + len > s->max) {
        s->over = 1;
        return 0; /* libcurl stops with CURLE_WRITE_ERROR */
    }
    nis5g_buf_add(s->out, p, len);
    return len;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_ready = CURLE_FAILED_INIT;

static void curl_init_once(void)
{
    curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT);
}

int nis5g_fetch_get(const char *url, const struct nis5g_fetch_opts *o, struct nis5g_buf *out, long *status,
                    struct nis5g_err *err)
{
    *status = 0;
    nis5g_buf_reset(out);
    pthread_once(&curl_once, curl_init_once);
    CURL *c = curl_ready == CURLE_OK ? curl_easy_init() : NULL;
    if (!c)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "cannot start libcurl");
    struct sink s = { .out = out, .max = o->max_bytes ? o->max_bytes : (size_t)64 << 20 };
    struct nis5g_buf auth = NIS5G_BUF_INIT;
    struct curl_slist *h = NULL;
    if (o->token) {
        nis5g_buf_addf(&auth, "Authorization: Bearer %s", o->token);
        h = curl_slist_append(h, auth.data);
    }
    h = curl_slist_append(h, "Accept: application/json");
    char why[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L); /* a stalled peer: give up after a minute */
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "nis5g-pull");
    if (o->cacert)
        curl_easy_setopt(c, CURLOPT_CAINFO, o->cacert);
    CURLcode rc = curl_easy_perform(c);
    int ret = 0;
    if (s.over)
        ret = nis5g_err_set(err, NIS5G_ELIMIT, "%s: the answer is longer than %zu bytes", url, s.max);
    else if (rc != CURLE_OK)
        ret = nis5g_err_set(err, NIS5G_EIO, "cannot fetch %s: %s", url, why[0] ? why : curl_easy_strerror(rc));
    else
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    if (ret)
        nis5g_buf_reset(out);
    curl_slist_free_all(h);
    nis5g_buf_release(&auth);
    curl_easy_cleanup(c);
    return ret;
}
