/* main.c - majakka-kiosk: command line, then the app. */
#include <stdio.h>
#include "store.h"
int main(void) { printf("majakka-kiosk %s\n", MAJAKKA_VERSION); return 0; }
