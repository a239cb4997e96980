/* store_rescue.h - opening the kiosk's store so that a field fault never leaves the screen dark:
 * a corrupt file (SQLite cannot read it, or quick_check fails) is moved aside as
 * PATH.corrupt-YYYYmmddTHHMMSSZ (with its -wal/-shm) and a new empty store is opened (the caller
 * imports the demo; meta "store_recovered" names the copy); a store on a read-only disk is copied
 * to $TMPDIR and the copy opened. Both are logged at error priority. A busy store is not corrupt. */
#ifndef MAJAKKA_STORE_RESCUE_H
#define MAJAKKA_STORE_RESCUE_H
#include <stddef.h>
#include "store.h"

/* store_open, then the rescues above; fails only when none works. */
int store_rescue_open(const char *path, store **out, char *err, size_t errlen);

#endif
