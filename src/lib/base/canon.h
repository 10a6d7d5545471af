/*
 * canon.h — canonical JSON: one byte sequence per JSON value, so that a
 * signature over it can be checked by anyone who parses and re-serialises
 * the document (docs/package.md, "Canonical form").
 *
 * The form: object members sorted by the bytes of their keys (UTF-8, so
 * code point order), no insignificant whitespace, strings as raw UTF-8 with
 * only the escapes JSON requires (\" \\ \b \f \n \r \t, other control
 * characters as \u00XX in lower case), integers in decimal, reals as
 * ECMAScript writes numbers (RFC 8785): the shortest digits that read back
 * to the same double, plain notation for exponents in [-6, 18) ("100",
 * "0.000001"; ECMAScript's bound is 21, 18 keeps plain numbers within a
 * 64-bit integer), else "1e-7", "1.25e+20"; -0 is written 0. NaN and infinities
 * have no JSON form and are refused.
 */
#ifndef NIS5G_CANON_H
#define NIS5G_CANON_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"

/* Append the canonical form of v to out. NIS5G_EINPUT (with a message) for
 * a NaN or infinite real; out then holds a partial form. */
int nis5g_canon_dump(const json_t *v, struct nis5g_buf *out, struct nis5g_err *err);

/* Parse text (len bytes; duplicate keys and NUL bytes refused) and check
 * that it is exactly the canonical form of what it holds. Returns 0 and
 * *out (the caller's: json_decref), NIS5G_EPARSE when it is not JSON, or
 * NIS5G_EVERIFY when it is JSON but not in canonical form (the message
 * says where the bytes first differ). */
int nis5g_canon_parse(const char *text, size_t len, json_t **out, struct nis5g_err *err);

#endif
