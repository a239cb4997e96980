/* b.h - fixture */
int b(void);
