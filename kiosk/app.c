/* app.c - placeholder until the UI lands */
typedef int app_placeholder;
