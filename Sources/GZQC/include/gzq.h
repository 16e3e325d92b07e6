/*
 * gzq.h — the C API of gzq, a small pipeline language for reform, justice and
 * education statistics (libgzqc.so).
 *
 * One gzq_interp is one interpreter: globals, registered functions and imported
 * modules persist across gzq_eval calls, as in a REPL session. Values cross the
 * boundary as JSON text (UTF-8):
 *
 *   gzq value            JSON
 *   null, bool           null, true/false
 *   int, float           number (NaN and infinities become null)
 *   string               string
 *   date                 "2021-06-30"
 *   list, record         array, object (keys in field order)
 *   table                array of objects, one per row, keys in column order
 *
 * and, from JSON into gzq (gzq_set_global_json, gzq_call_return): an array of
 * objects becomes a table (columns in the order keys first appear; a missing key
 * is null), one object becomes a record, a number, string, bool or null the
 * matching value (a number without fraction or exponent is an int; a string
 * holding an ISO date such as "2021-06-30" becomes a date). Nested arrays or
 * objects inside those, and arrays of non-objects, are not accepted.
 *
 * Errors: functions that can fail return an int status (GZQ_OK on success) and
 * leave the details for gzq_last_error. No Swift error or trap crosses this
 * boundary: every failure, including misuse (a NULL argument, invalid JSON or
 * CSV, a program error, a limit, an interrupt), is reported as a status.
 *
 * Threads: an interpreter runs programs on its own thread (with a large stack, so
 * deep recursion is an error, not a crash). Use one gzq_interp from one thread at
 * a time (the last error is per interpreter, not per thread); the one exception is
 * gzq_interrupt, which may be called from any thread at any time. Separate
 * interpreters are independent and may run in parallel.
 * Host functions (gzq_register) and the output callback run on the interpreter's
 * thread while the thread that called gzq_eval waits.
 *
 * Sandbox: a new interpreter may read or write no file at all; gzq_grant_folder
 * allows one folder (and everything below it). Paths are canonicalized first, so
 * neither ".." nor a symbolic link can reach outside a granted folder.
 *
 * Strings returned through a `char **` out-parameter are allocated by the library
 * and must be released with gzq_string_free. `const char *` results belong to the
 * library (see each function for how long they stay valid).
 *
 * From Python (ctypes): declare a `char **` out-parameter as
 * `ctypes.POINTER(ctypes.c_void_p)` and pass a `ctypes.c_void_p()` by reference,
 * read it with `ctypes.string_at(p.value)`, then free it with gzq_string_free
 * (whose argument is declared `c_void_p`). Declared as `c_char_p`, ctypes turns
 * the pointer into a bytes copy and the library's string can no longer be freed
 * (it leaks). `const char *` results may be declared `c_char_p`.
 *
 * A host function (gzq_register) or output callback written in Python that
 * raises: ctypes prints the traceback to stderr ("Exception ignored on calling
 * ctypes callback function") and returns to the library as if the callback had
 * returned normally, so the call's result is null (or the result set before the
 * exception) and the program goes on. To fail the gzq call instead, catch the
 * exception in the callback and call gzq_call_error with its message.
 *
 * Build: `swift build --product gzqc` gives .build/debug/libgzqc.so; link with
 * `-lgzqc` and an rpath (README, "Embedding"). A self-contained library (no Swift
 * runtime needed on the target machine):
 * `swift build -c release --product gzqc -Xswiftc -static-stdlib`.
 */
#ifndef GZQ_H
#define GZQ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* An interpreter (opaque). */
typedef struct gzq_interp gzq_interp;

/* One call of a host function, valid only during the callback (opaque). */
typedef struct gzq_call gzq_call;

/* Status codes. */
enum {
    GZQ_OK = 0,     /* success */
    GZQ_ERROR = 1,  /* the program or the data failed: see gzq_last_error */
    GZQ_MISUSE = 2  /* a NULL handle or argument, or an invalid name: see gzq_last_error when the handle is valid */
};

/* The library version, e.g. "0.1.0". Static storage; never free it. */
const char *gzq_version(void);

/* Creates an interpreter with the standard library loaded. It grants no file
 * access, has no limits besides call depth (10 000), and writes what programs
 * print to the process's stdout through C stdio (so it interleaves correctly
 * with the host's printf). Returns NULL only if memory is exhausted.
 * Release it with gzq_free. */
gzq_interp *gzq_new(void);

/* Releases an interpreter and everything it holds. NULL is ignored. Must not be
 * called while another thread is inside a call on the same interpreter. */
void gzq_free(gzq_interp *gzq);

/* Receives the text a program prints: `length` bytes of UTF-8 at `text` (also
 * NUL-terminated; the text may itself contain NUL bytes). Each print() call
 * delivers its whole line, newline included. `text` is valid only during the call. */
typedef void (*gzq_output_fn)(const char *text, size_t length, void *user_data);

/* Sends program output to `fn` (with `user_data`) instead of stdout; fn == NULL
 * discards output. */
void gzq_set_output(gzq_interp *gzq, gzq_output_fn fn, void *user_data);

/* Sends each warning a program raises (`check ... warn`) to `fn`, rendered as text
 * ("warning: check failed for 2 of 9 rows: ...", the caret lines, then the rows),
 * ending in a newline; the program goes on. fn == NULL (the default) drops warnings. */
void gzq_set_warnings(gzq_interp *gzq, gzq_output_fn fn, void *user_data);

/* Allows programs to read and write files inside `folder` (absolute, or relative
 * to the working directory) and its subfolders; may be called several times.
 * `import` is subject to the same rule. Returns GZQ_OK, or GZQ_MISUSE. */
int gzq_grant_folder(gzq_interp *gzq, const char *folder);

/* Sets resource limits for the following runs; each value <= 0 means "no limit"
 * (for max_call_depth: the default, 10 000). Exceeding one ends the run with a
 * runtime error (id "E-limit", or "E-stack" for call depth).
 *   max_steps         calls plus loop iterations per run
 *   max_memory_bytes  bytes of table storage the program creates per run
 *   timeout_seconds   wall-clock time per run
 * Returns GZQ_OK, or GZQ_MISUSE for a NULL handle. */
int gzq_set_limits(gzq_interp *gzq, long long max_steps, long long max_memory_bytes,
                   double timeout_seconds, int max_call_depth);

/* Sets how many threads may work on one table operation (reading a big CSV file,
 * a fast-path where/derive/select/summarize from 128K rows on) from the next
 * run on; <= 0 means every core (the default). Results never depend on it; say 1
 * to keep gzq on its own thread. Returns GZQ_OK, or GZQ_MISUSE for a NULL handle. */
int gzq_set_threads(gzq_interp *gzq, int threads);

/* Runs gzq source (UTF-8; invalid bytes are replaced by U+FFFD) and, when
 * `result_json` is not NULL, stores the value of its last statement there as
 * JSON (see the table above; free it with gzq_string_free). On failure
 * *result_json is set to NULL and the status is GZQ_ERROR (syntax or runtime
 * error, limit, interrupt) or GZQ_MISUSE; gzq_last_error has the details.
 * Top-level `let`s stay defined for later calls. */
int gzq_eval(gzq_interp *gzq, const char *source, char **result_json);

/* Binds the global variable `name` (an identifier) to the value of `json` (see
 * the conversion rules above: an array of objects becomes a table). Returns
 * GZQ_OK, GZQ_ERROR for invalid JSON (gzq_last_error gives its line and column,
 * id "E-input"), or GZQ_MISUSE. */
int gzq_set_global_json(gzq_interp *gzq, const char *name, const char *json);

/* Binds the global variable `name` to a table read from CSV text (RFC 4180, a
 * header row, comma-separated), exactly as read_csv reads a file holding these
 * bytes with its default options: types inferred per column, encoding "auto"
 * (a byte order mark, else UTF-8, else GB18030 — so a GBK export from Excel
 * works). The bytes are taken as they are, not repaired: bytes that are invalid
 * in every encoding tried are an error naming the first bad byte, its line and
 * column, as read_csv's. Returns GZQ_OK, GZQ_ERROR for malformed CSV or invalid
 * bytes (with line and column, id "E-input"), or GZQ_MISUSE. */
int gzq_set_global_csv(gzq_interp *gzq, const char *name, const char *csv);

/* As gzq_set_global_csv, for `length` bytes at `data` (which may hold NUL bytes,
 * as UTF-16 does) in `encoding`: "auto", "utf-8", "gb18030" (also "gbk",
 * "gb2312") or "utf-16"; NULL means "auto". An unknown encoding is GZQ_MISUSE. */
int gzq_set_global_csv_bytes(gzq_interp *gzq, const char *name, const char *data, size_t length,
                             const char *encoding);

/* A host function. Read the arguments with gzq_call_argc / gzq_call_arg, then
 * set the result with gzq_call_return (JSON) or fail the call with
 * gzq_call_error; returning without either returns null. It runs on the
 * interpreter's thread and must not call gzq_eval on the same interpreter. */
typedef void (*gzq_host_fn)(gzq_call *call, void *user_data);

/* Registers `fn` as the gzq function `name` taking exactly `arity` arguments
 * (0..64), visible to programs run after this call; it hides a builtin of the
 * same name. `user_data` is passed to every call and must stay valid while the
 * interpreter lives. Returns GZQ_OK or GZQ_MISUSE (NULL arguments, a name that is
 * not an identifier, an arity out of range). */
int gzq_register(gzq_interp *gzq, const char *name, int arity, gzq_host_fn fn, void *user_data);

/* The number of arguments of the call. */
int gzq_call_argc(const gzq_call *call);

/* Argument `index` (0-based) as JSON text ("42", "\"贵阳市\"", "[{...}]" for a
 * table), valid until the callback returns; NULL when index is out of range. */
const char *gzq_call_arg(const gzq_call *call, int index);

/* Sets the call's result from JSON text (copied). Invalid JSON fails the call
 * with a runtime error naming the function. A later call replaces the result. */
void gzq_call_return(gzq_call *call, const char *json);

/* Fails the call: the program stops with the runtime error "NAME(): message" at
 * the call's line and column (id "E-host"), which gzq's try/catch can catch. */
void gzq_call_error(gzq_call *call, const char *message);

/* The last error on this interpreter: returns its message ("unknown column 'x'"),
 * or NULL when the last status-returning call succeeded; stores its 1-based line
 * and column when the pointers are not NULL (0 when there is no source position).
 * Valid until the next call on this interpreter. */
const char *gzq_last_error(const gzq_interp *gzq, int *line, int *column);

/* The last error's stable id ("E-syntax", "E-resolve", "E-runtime", "E-host",
 * "E-permission", "E-limit", "E-stack", "E-interrupt", "E-input", "E-usage"),
 * or NULL. Valid until the next call on this interpreter. */
const char *gzq_last_error_id(const gzq_interp *gzq);

/* The last error's file name as given to the program ("<eval>" for gzq_eval), or NULL. */
const char *gzq_last_error_file(const gzq_interp *gzq);

/* The last error rendered for people, with the source line and a caret:
 *   error: unknown column 'x'
 *     --> <eval>:1:18
 *      | ...
 * (every error, for several syntax errors), or NULL. Valid until the next call. */
const char *gzq_last_error_text(const gzq_interp *gzq);

/* Asks a running gzq_eval on this interpreter to stop, from any thread (a
 * signal handler or watchdog); it fails with "interrupted" (id "E-interrupt")
 * within about a thousand steps. Without a running evaluation it has no effect. */
void gzq_interrupt(gzq_interp *gzq);

/* Frees a string the library returned through a `char **`. NULL is ignored. */
void gzq_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* GZQ_H */
