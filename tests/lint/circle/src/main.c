/* main.c - fixture: a program includes both, which is no circle */
#include "a.h"
#include "b.h"
int main(void) { return b(); }
