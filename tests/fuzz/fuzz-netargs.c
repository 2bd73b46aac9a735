/* SPDX-License-Identifier: BSD-2-Clause */
/* A network device's boot arguments, from the prompt, the boot-device
 * setting in NVRAM (which may be damaged) or QEMU's boot list. */
#include "fuzz.h"
#include "net/addr.c"
#include "net/netargs.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[512];
    if (size >= sizeof(text))
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    struct net_args a;
    unsigned bad;
    if (net_args_parse(text, &a, &bad) != 0) {
        PROMISE(bad <= size);
        return 0;
    }
    PROMISE(strnlen(a.file, sizeof(a.file)) < sizeof(a.file));
    PROMISE(strchr(a.file, '\\') == NULL && strchr(a.file, ',') == NULL);
    return 0;
}
