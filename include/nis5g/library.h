/*
 * library.h — the EU toolbox as a CISO Assistant library (docs/export-library.md).
 *
 * The catalogues of data/ (toolbox.csv, scenarios.csv, mapping.csv; see
 * catalog.h) become one YAML document in the shape of the libraries CISO
 * Assistant ships: the nine risk scenarios R1-R9 as `threats`, the toolbox
 * measures as `reference_controls`, and a `framework` whose requirement
 * nodes are the three families (strategic, technical, supporting) at depth
 * 1 and one assessable node per measure at depth 2, each naming its
 * reference control and the scenarios it mitigates (mapping.csv).
 *
 * The YAML is written by hand: every string is a double-quoted scalar
 * (nis5g_yaml_quote), keys and list order are fixed, so the same
 * catalogues always give the same bytes.
 */
#ifndef NIS5G_LIBRARY_H
#define NIS5G_LIBRARY_H

#include <stddef.h>

#include "nis5g/buf.h"
#include "nis5g/catalog.h"

/* Append s (n bytes of UTF-8) as a YAML double-quoted scalar: the quotes
 * around it, '\\' and '"' escaped, tab, LF and CR as \t \n \r, the other
 * C0 controls, DEL, the C1 controls, U+2028, U+2029 and U+FEFF as \xNN or
 * \uNNNN. Any text comes back unchanged through a YAML parser. */
void nis5g_yaml_quote(struct nis5g_buf *b, const char *s, size_t n);

/* The URN prefix of every object of the library. */
#define NIS5G_LIBRARY_URN "urn:nis5g:risk"
#define NIS5G_LIBRARY_ID "eu-5g-toolbox"

struct nis5g_library_counts {
    size_t threats, reference_controls, requirement_nodes, links; /* links: threat references */
};

/* Append the library of catalogue c to out. counts may be NULL. */
void nis5g_library_yaml(const struct nis5g_catalog *c, struct nis5g_buf *out, struct nis5g_library_counts *counts);

#endif
