/*
 * The C host of the embedding samples (Samples/embed/README.md): it passes the `cases`
 * table in as CSV, registers `target(region)`, runs rates.gzq and prints the table the
 * program prints (gzq writes to the process's stdout through C stdio), then a line of
 * its own from the program's JSON result.
 *
 *   gcc -ISources/GZQC/include Samples/embed/c/rates.c -L.build/debug -lgzqc \
 *       -Wl,-rpath,$PWD/.build/debug -o rates && ./rates Samples/embed/rates.gzq
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gzq.h"

static const char *cases_csv =
    "region,concluded,corrected\n"
    "贵阳市,2412,301\n"
    "遵义市,1980,205\n"
    "毕节市,1630,126\n"
    "六盘水市,905,98\n"
    "安顺市,760,71\n";

static const struct { const char *region; const char *target; } targets[] = {
    {"\"贵阳市\"", "0.12"}, {"\"遵义市\"", "0.10"}, {"\"毕节市\"", "0.08"},
    {"\"六盘水市\"", "0.10"}, {"\"安顺市\"", "0.10"},
};
enum { target_count = sizeof targets / sizeof targets[0] };

/* target(region): arguments and results are JSON text. */
static void target(gzq_call *call, void *user_data) {
    const char *region = gzq_call_arg(call, 0);
    (void)user_data;
    for (int i = 0; i < target_count; i++) {
        if (strcmp(region, targets[i].region) == 0) {
            gzq_call_return(call, targets[i].target);
            return;
        }
    }
    gzq_call_error(call, "no target for this prefecture");
}

/* The whole file as a NUL-terminated string (NULL when it cannot be read). */
static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    long size;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (text = malloc((size_t)size + 1)) != NULL) {
        size_t n = fread(text, 1, (size_t)size, f);
        text[n] = '\0';
    }
    fclose(f);
    return text;
}

static int fail(gzq_interp *gzq) {
    const char *text = gzq_last_error_text(gzq);
    fprintf(stderr, "%s", text ? text : "error\n");
    gzq_free(gzq);
    return 1;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "Samples/embed/rates.gzq";
    char *program = read_file(path);
    if (!program) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    gzq_interp *gzq = gzq_new();
    char *result = NULL;
    if (!gzq) return 1;
    if (gzq_set_global_csv(gzq, "cases", cases_csv) != GZQ_OK) return fail(gzq);
    if (gzq_register(gzq, "target", 1, target, NULL) != GZQ_OK) return fail(gzq);
    int status = gzq_eval(gzq, program, &result);
    free(program);
    if (status != GZQ_OK) return fail(gzq);
    printf("prefectures within their target: %s of %d\n", result, target_count);
    gzq_string_free(result);
    gzq_free(gzq);
    return 0;
}
