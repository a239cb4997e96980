/* imp_ptv.h - Finland's national service catalogue (PTV, Palvelutietovaranto; its open API's
 * JSON, versions 7-11) into bundle entities (docs/imports.md, "PTV"): services with their Finnish,
 * Swedish and English texts, languages, charge type and organisation; service-location channels
 * as locations, their phones, emails and web pages as the service's contact; service hours
 * (normal and exception periods) as opening hours and exceptions. Ids get the prefix "ptv-".
 * The input is one service or channel object, an array of them, an API page ({"itemList": [...]}),
 * or an object with "services", "serviceChannels" and "organizations" lists; several documents
 * may be given as one array of them. */
#ifndef MAJAKKA_IMP_PTV_H
#define MAJAKKA_IMP_PTV_H
#include <stddef.h>
#include "imp.h"

int imp_ptv_json(const char *text, size_t len, const imp_opts *o, imp_result *r, char *err, size_t errlen);
int imp_ptv_doc(const json_t *doc, const imp_opts *o, imp_result *r, char *err, size_t errlen);

#endif
