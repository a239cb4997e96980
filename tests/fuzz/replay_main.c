/* replay_main.c - runs a libFuzzer target's LLVMFuzzerTestOneInput over every file of the
 * folders (or files) given, without libFuzzer: the seed corpora and every crash kept as a
 * regression seed run in the normal gcc build's ctest. Fails when an input takes over 10 s. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "%s: cannot open\n", path); return 1; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) { fclose(f); free(buf); return 1; }
    fclose(f);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    clock_gettime(CLOCK_MONOTONIC, &b);
    free(buf);
    double s = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    if (s > 10) { fprintf(stderr, "%s: took %.1f s\n", path, s); return 1; }
    return 0;
}

int main(int argc, char **argv)
{
    int fails = 0, files = 0;
    for (int i = 1; i < argc; i++) {
        struct stat sb;
        if (stat(argv[i], &sb) != 0) { fprintf(stderr, "%s: missing\n", argv[i]); return 1; }
        if (!S_ISDIR(sb.st_mode)) { fails += run_file(argv[i]); files++; continue; }
        DIR *d = opendir(argv[i]);
        struct dirent *de;
        while (d && (de = readdir(d))) {
            if (de->d_name[0] == '.') continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
            fails += run_file(p);
            files++;
        }
        if (d) closedir(d);
    }
    printf("%d inputs, %d failed\n", files, fails);
    return fails || files == 0;
}
