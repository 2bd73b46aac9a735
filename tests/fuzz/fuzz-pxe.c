/* SPDX-License-Identifier: BSD-2-Clause */
/* pxelinux configs fetched by TFTP. */
#include "fuzz.h"
#include "net/pxe.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pxe_entry e;
    if (pxe_parse((const char *)data, size, &e) != 0)
        return 0;
    PROMISE(e.kernel[0] != '\0');
    PROMISE(strnlen(e.kernel, sizeof(e.kernel)) < sizeof(e.kernel));
    PROMISE(strnlen(e.initrd, sizeof(e.initrd)) < sizeof(e.initrd));
    PROMISE(strnlen(e.append, sizeof(e.append)) < sizeof(e.append));
    PROMISE(strnlen(e.label, sizeof(e.label)) < sizeof(e.label));
    return 0;
}
