/* hub_vmsg.h - the kiosks' validator's messages (core/bundle_validate.c, English) as the hub shows
 * them: in the user's language. The mapping is by message kind on the hub side; core knows
 * nothing of it: each kind's English text in assets/po/hub/en.po (web.v.*) is the pattern the
 * core's message is matched against ({1}, {2}: the quoted value, a count, a path), and the same
 * id's text in the user's language is filled with what they matched. A message no kind matches
 * is shown as it is. */
#ifndef MAJAKKA_HUB_VMSG_H
#define MAJAKKA_HUB_VMSG_H
#include <stddef.h>

/* msg: one message without its path ("is longer than 200 bytes"); out gets it in lang.
 * Returns 1 when a kind matched, 0 when msg was copied as it is. */
int hub_vmsg_translate(const char *lang, const char *msg, char *out, size_t n);

#endif
