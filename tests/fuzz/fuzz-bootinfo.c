/* SPDX-License-Identifier: BSD-2-Clause */
/* CHRP bootinfo.txt from a disc: what to boot and with what arguments, as
 * the file says. Whatever parses is a NUL-terminated path and arguments
 * that fit their buffers. */
#include "fuzz.h"
#include "loader/bootinfo.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bootinfo b;
    if (bootinfo_parse((const char *)data, size, &b) != 0)
        return 0;
    PROMISE(b.path[0] && strnlen(b.path, sizeof(b.path)) < sizeof(b.path));
    PROMISE(strnlen(b.args, sizeof(b.args)) < sizeof(b.args));
    return 0;
}
