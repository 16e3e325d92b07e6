/* zlib for the xlsx ZIP layer (raw deflate/inflate and crc32). */
#include <zlib.h>
