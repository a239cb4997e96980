/* a.h - fixture: a includes b */
#include "b.h"
