/* test-eumap.c — the SVG map from a hand-made TopoJSON: quantized,
 * delta-encoded arcs decoded (a reversed arc too), EU states coloured by
 * class with their code and label, others grey, states without a value
 * hatched, polygons outside Europe left out. */
#include "harness.h"
#include "nis5g/eumap.h"

/* Sweden: a square 15-16°E × 60-61°N from two arcs (the second used
 * reversed); Norway: a triangle; France: a square near Paris plus one in
 * French Guiana (outside the window); Germany without a value. */
static const char topo[] =
    "{\"type\":\"Topology\",\"transform\":{\"scale\":[0.5,0.5],\"translate\":[0,0]},"
    "\"objects\":{\"countries\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"id\":\"752\",\"arcs\":[[0,-2]]},"
    "{\"type\":\"Polygon\",\"id\":\"578\",\"arcs\":[[2]]},"
    "{\"type\":\"MultiPolygon\",\"id\":\"250\",\"arcs\":[[[3]],[[4]]]},"
    "{\"type\":\"Polygon\",\"id\":\"276\",\"arcs\":[[5]]}]}},"
    "\"arcs\":["
    "[[30,120],[2,0],[0,2]],"              /* (15,60) (16,60) (16,61) */
    "[[30,120],[0,2],[2,0]],"              /* (15,60) (15,61) (16,61): reversed closes the square */
    "[[20,120],[4,0],[-2,6],[-2,-6]],"     /* Norway */
    "[[4,96],[2,0],[0,2],[-2,0],[0,-2]],"  /* France (2,48)-(3,49) */
    "[[-106,8],[2,0],[0,2],[-2,0],[0,-2]]," /* French Guiana (-53,4): outside */
    "[[20,100],[4,0],[0,4],[-4,0],[0,-4]]" /* Germany (10,50)-(12,52) */
    "]}";

static int count(const char *s, const char *sub)
{
    int n = 0;
    for (const char *p = s; (p = strstr(p, sub)); p++)
        n++;
    return n;
}

TEST(map)
{
    struct nis5g_eumap_value v[] = { { "SE", 0.95, "SE: 95%" }, { "FR", 0.1, NULL } };
    struct nis5g_buf b = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_eumap_svg(topo, sizeof topo - 1, v, 2, 0, 1, "Test <map>", &b, NULL), 0);
    ASSERT(strncmp(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
    ASSERT(strstr(b.data, "<title>Test &lt;map&gt;</title>") != NULL);
    ASSERT(strstr(b.data, "fill=\"#a50f15\" stroke=\"#555555\" stroke-width=\"0.7\" fill-rule=\"evenodd\" "
                          "data-state=\"SE\"><title>SE: 95%</title>") != NULL);
    ASSERT(strstr(b.data, "fill=\"#fee5d9\"") != NULL && strstr(b.data, "data-state=\"FR\"><title>FR: 0.1</title>") != NULL);
    ASSERT(strstr(b.data, "fill=\"url(#nodata)\" stroke=\"#555555\" stroke-width=\"0.7\" fill-rule=\"evenodd\" "
                          "data-state=\"DE\"><title>DE: no data</title>") != NULL);
    ASSERT(strstr(b.data, "fill=\"#f7f7f7\" stroke=\"#bbbbbb\"") != NULL); /* Norway */
    ASSERT_EQ_INT(count(b.data, "fill-rule="), 4); /* SE, NO, FR, DE */
    /* France: one ring only (Guiana is outside the window) */
    const char *fr = strstr(b.data, "fill=\"#fee5d9\"");
    const char *start = fr;
    while (start > b.data && strncmp(start, "<path d=\"", 9) != 0)
        start--;
    ASSERT_EQ_INT(count(start, "Z") - count(fr, "Z"), 1);
    /* Sweden's square: M and four L (the ring closes on its first point; the
     * point shared by the two arcs is written once) */
    const char *se = strstr(b.data, "data-state=\"SE\"");
    const char *ss = se;
    while (ss > b.data && strncmp(ss, "<path d=\"", 9) != 0)
        ss--;
    ASSERT_EQ_INT(count(ss, "L") - count(se, "L"), 4);
    nis5g_buf_release(&b);
    ASSERT_EQ_INT(nis5g_eumap_svg("{}", 2, v, 0, 0, 1, "x", &b, NULL), NIS5G_EPARSE);
    nis5g_buf_release(&b);
    ASSERT_EQ_STR(nis5g_eumap_alpha2("752"), "SE");
    ASSERT(nis5g_eumap_alpha2("578") == NULL);
}
