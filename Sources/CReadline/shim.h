/* GNU readline for the gzq REPL (Sources/GZQTool/LineReader.swift).
 * No pkg-config: Debian's readline.pc adds -D flags that SwiftPM rejects, and the
 * headers are on the default include path (docs/BUILDING.md §1.1).
 * Licence: GNU readline is GPLv3; only the gzq executable links it, never the
 * GZQ library or the C API. */
#include <stdio.h>              /* readline.h needs FILE */
#include <readline/readline.h>
#include <readline/history.h>
