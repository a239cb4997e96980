/* b.c - fixture: b includes a, closing the circle */
#include "b.h"
#include "a.h"
int b(void) { return 0; }
