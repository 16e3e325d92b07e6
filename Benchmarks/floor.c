/* The C floor for Q1 and Q3 (docs/PERFORMANCE.md): the tightest reasonable single-threaded loop
 * over in-memory typed arrays, to tell how far gzq's fast path is from what the hardware allows.
 *
 *     cc -O2 -o floor Benchmarks/floor.c && ./floor cases.csv 5
 *
 * Loads the generated cases CSV (untimed; this parser knows only that file's shape: no quotes,
 * ten columns) into the layout gzq's tables use — strings as UInt32 dictionary codes numbered in
 * order of first appearance, ints as int64, a validity bitmap of 64-bit words for the columns
 * with nulls — and also into a narrow layout (one byte a flag or code, int16 years, uint8 days).
 * Then times, medians of `runs`:
 *   Q3  where category == "行政处罚" and corrected == 1 and days > 30 | summarize n = count(), d = avg(days)
 *   Q1  where year >= 2017 | summarize n = count(), concluded = sum(concluded),
 *       corrected = sum(corrected), appear = avg(appeared) by region, year | derive rate = ...
 * Q3 is one branch-free pass; Q1 a direct-indexed region × year table (no hashing), the `where`
 * folded into the accumulation. Prints one JSON object with the medians (seconds) and the
 * answers, which Benchmarks/run checks against gzq's.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_CODES 256
#define YEAR0 2015
#define YEARS 10

typedef struct {
    char *names[MAX_CODES];
    size_t lengths[MAX_CODES];
    int count;
} Dictionary;

static uint32_t code_of(Dictionary *d, const char *s, size_t n) {
    for (int i = 0; i < d->count; i++)
        if (d->lengths[i] == n && memcmp(d->names[i], s, n) == 0) return (uint32_t)i;
    if (d->count == MAX_CODES) { fprintf(stderr, "floor: more than %d distinct strings\n", MAX_CODES); exit(1); }
    d->names[d->count] = strndup(s, n);
    d->lengths[d->count] = n;
    return (uint32_t)d->count++;
}

/* gzq's layout. */
static size_t rows;
static int64_t *year, *concluded, *corrected, *days, *appeared;
static uint32_t *region, *category;
static uint64_t *days_valid, *appeared_valid;
/* The narrow layout. */
static int16_t *year16;
static uint8_t *region8, *category8, *concluded8, *corrected8, *days8, *appeared8;
static Dictionary regions, categories, counties;

static void *xcalloc(size_t n, size_t size) {
    void *p = calloc(n, size);
    if (!p) { fprintf(stderr, "floor: out of memory\n"); exit(1); }
    return p;
}

static int64_t parse_int(const char *s, const char *end, int *present) {
    int64_t v = 0;
    *present = s < end;
    for (; s < end; s++) v = v * 10 + (*s - '0');
    return v;
}

static void load(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = xcalloc((size_t)size + 1, 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) { fprintf(stderr, "floor: short read\n"); exit(1); }
    fclose(f);
    size_t capacity = 0;
    for (long i = 0; i < size; i++) capacity += text[i] == '\n';
    year = xcalloc(capacity, 8); concluded = xcalloc(capacity, 8); corrected = xcalloc(capacity, 8);
    days = xcalloc(capacity, 8); appeared = xcalloc(capacity, 8);
    region = xcalloc(capacity, 4); category = xcalloc(capacity, 4);
    days_valid = xcalloc(capacity / 64 + 1, 8); appeared_valid = xcalloc(capacity / 64 + 1, 8);
    year16 = xcalloc(capacity, 2);
    region8 = xcalloc(capacity, 1); category8 = xcalloc(capacity, 1); concluded8 = xcalloc(capacity, 1);
    corrected8 = xcalloc(capacity, 1); days8 = xcalloc(capacity, 1); appeared8 = xcalloc(capacity, 1);

    char *p = strchr(text, '\n') + 1, *end = text + size;
    while (p < end) {
        const char *cell[10], *cell_end[10];
        for (int c = 0; c < 10; c++) {
            cell[c] = p;
            while (p < end && *p != ',' && *p != '\n') p++;
            cell_end[c] = p;
            if (p < end) p++;
        }
        size_t i = rows++;
        int present;
        year[i] = parse_int(cell[1], cell_end[1], &present);
        region[i] = code_of(&regions, cell[2], (size_t)(cell_end[2] - cell[2]));
        code_of(&counties, cell[3], (size_t)(cell_end[3] - cell[3]));
        category[i] = code_of(&categories, cell[4], (size_t)(cell_end[4] - cell[4]));
        concluded[i] = parse_int(cell[6], cell_end[6], &present);
        corrected[i] = parse_int(cell[7], cell_end[7], &present);
        days[i] = parse_int(cell[8], cell_end[8], &present);
        if (present) days_valid[i >> 6] |= 1ull << (i & 63);
        appeared[i] = parse_int(cell[9], cell_end[9], &present);
        if (present) appeared_valid[i >> 6] |= 1ull << (i & 63);
        year16[i] = (int16_t)year[i];
        region8[i] = (uint8_t)region[i]; category8[i] = (uint8_t)category[i];
        concluded8[i] = (uint8_t)concluded[i]; corrected8[i] = (uint8_t)corrected[i];
        days8[i] = (uint8_t)days[i]; appeared8[i] = (uint8_t)appeared[i];
    }
    free(text);
}

typedef struct { int64_t n, sum; } Q3Result;

/* One branch-free pass: every conjunct (and days' validity bit) as a 0/1 mask. */
__attribute__((noinline)) static Q3Result q3_wide(uint32_t code) {
    int64_t n = 0, sum = 0;
    for (size_t i = 0; i < rows; i++) {
        int64_t valid = (int64_t)((days_valid[i >> 6] >> (i & 63)) & 1);
        int64_t m = (category[i] == code) & (corrected[i] == 1) & (days[i] > 30) & valid;
        n += m;
        sum += days[i] & -m;
    }
    return (Q3Result){n, sum};
}

__attribute__((noinline)) static Q3Result q3_narrow(uint8_t code) {
    int64_t n = 0, sum = 0;
    for (size_t i = 0; i < rows; i++) {
        int valid = (int)((days_valid[i >> 6] >> (i & 63)) & 1);
        int m = (category8[i] == code) & (corrected8[i] == 1) & (days8[i] > 30) & valid;
        n += m;
        sum += days8[i] & -m;
    }
    return (Q3Result){n, sum};
}

typedef struct { int64_t n, concluded, corrected, appeared_n, appeared_sum; } Group;
static Group groups[MAX_CODES * YEARS];

/* Direct-indexed region × year slots; rows the `where` drops land in a discard slot. */
__attribute__((noinline)) static void q1_wide(void) {
    memset(groups, 0, sizeof groups);
    Group discard[1];
    for (size_t i = 0; i < rows; i++) {
        Group *g = year[i] >= 2017 ? &groups[region[i] * YEARS + (size_t)(year[i] - YEAR0)] : discard;
        int64_t v = (int64_t)((appeared_valid[i >> 6] >> (i & 63)) & 1);
        g->n += 1;
        g->concluded += concluded[i];
        g->corrected += corrected[i];
        g->appeared_n += v;
        g->appeared_sum += appeared[i] & -v;
    }
}

__attribute__((noinline)) static void q1_narrow(void) {
    memset(groups, 0, sizeof groups);
    Group discard[1];
    for (size_t i = 0; i < rows; i++) {
        Group *g = year16[i] >= 2017 ? &groups[region8[i] * YEARS + (size_t)(year16[i] - YEAR0)] : discard;
        int64_t v = (int64_t)((appeared_valid[i >> 6] >> (i & 63)) & 1);
        g->n += 1;
        g->concluded += concluded8[i];
        g->corrected += corrected8[i];
        g->appeared_n += v;
        g->appeared_sum += appeared8[i] & -v;
    }
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *t, int n) {
    qsort(t, (size_t)n, sizeof *t, by_value);
    return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

enum { Q3_WIDE, Q3_NARROW, Q1_WIDE, Q1_NARROW, KINDS };

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor CASES.csv RUNS\n"); return 2; }
    load(argv[1]);
    int runs = atoi(argv[2]);
    if (runs < 1) runs = 1;
    const char *wanted = "行政处罚";
    uint32_t code = code_of(&categories, wanted, strlen(wanted));
    double *times[KINDS];
    for (int k = 0; k < KINDS; k++) times[k] = xcalloc((size_t)runs, sizeof(double));
    Q3Result wide = {0, 0}, narrow = {0, 0};
    for (int r = 0; r < runs; r++) {
        double t0 = now();
        wide = q3_wide(code);
        double t1 = now();
        narrow = q3_narrow((uint8_t)code);
        double t2 = now();
        q1_narrow();
        double t3 = now();
        q1_wide();
        double t4 = now();
        times[Q3_WIDE][r] = t1 - t0; times[Q3_NARROW][r] = t2 - t1;
        times[Q1_NARROW][r] = t3 - t2; times[Q1_WIDE][r] = t4 - t3;
    }
    if (wide.n != narrow.n || wide.sum != narrow.sum) { fprintf(stderr, "floor: the two Q3 layouts disagree\n"); return 1; }
    /* median() sorts, so after it t[0] is the fastest run. */
    printf("{\"rows\": %zu, \"q3\": %.9f, \"q3_narrow\": %.9f, \"q1\": %.9f, \"q1_narrow\": %.9f,\n",
           rows, median(times[Q3_WIDE], runs), median(times[Q3_NARROW], runs),
           median(times[Q1_WIDE], runs), median(times[Q1_NARROW], runs));
    printf(" \"q3_min\": %.9f, \"q3_narrow_min\": %.9f, \"q1_min\": %.9f, \"q1_narrow_min\": %.9f,\n",
           times[Q3_WIDE][0], times[Q3_NARROW][0], times[Q1_WIDE][0], times[Q1_NARROW][0]);
    printf(" \"q3_answer\": [%lld, %.17g],\n \"q1_answer\": [", (long long)wide.n,
           wide.n ? (double)wide.sum / (double)wide.n : 0.0);
    int first = 1;
    for (int r = 0; r < regions.count; r++) {
        for (int y = 0; y < YEARS; y++) {
            Group *g = &groups[r * YEARS + y];
            if (g->n == 0) continue;
            printf("%s\n  [\"%s\", %d, %lld, %lld, %lld, %.17g, %.17g]", first ? "" : ",", regions.names[r], YEAR0 + y,
                   (long long)g->n, (long long)g->concluded, (long long)g->corrected,
                   g->appeared_n ? (double)g->appeared_sum / (double)g->appeared_n : 0.0,
                   g->concluded ? (double)g->corrected / (double)g->concluded : 0.0);
            first = 0;
        }
    }
    printf("]}\n");
    return 0;
}
