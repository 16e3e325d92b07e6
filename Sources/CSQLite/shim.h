/* The system SQLite for sqlite(path) (REFERENCE §14). */
#include <sqlite3.h>
