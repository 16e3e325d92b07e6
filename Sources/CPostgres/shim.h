/* libpq-fe.h lives in /usr/include/postgresql (libpq-dev), off the default include path;
   its own #include "postgres_ext.h" is found next to it, so no -I or pkg-config is needed. */
#include <postgresql/libpq-fe.h>
