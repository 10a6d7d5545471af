/*
 * country.c — the ISO 3166-1 alpha-2 list (officially assigned codes).
 */
#include <string.h>

#include "nis5g/country.h"

static const char iso[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS "
    "BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE "
    "EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM "
    "HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA "
    "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
    "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW ";

static const char eu27[] = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE ";

static int in_list(const char *list, const char *s, size_t n)
{
    if (n != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
        return 0;
    for (const char *p = list; *p; p += 3)
        if (p[0] == s[0] && p[1] == s[1])
            return 1;
    return 0;
}

int nis5g_country_valid(const char *s, size_t n)
{
    return in_list(iso, s, n);
}

int nis5g_country_eu27(const char *s, size_t n)
{
    return in_list(eu27, s, n);
}

const char *nis5g_country_normalise(const char *s, size_t n, size_t *out_n)
{
    if (n == 2 && s[0] == 'E' && s[1] == 'L') {
        *out_n = 2;
        return "GR";
    }
    *out_n = n;
    return s;
}
