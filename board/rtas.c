/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include <libfdt.h>
#include "../lib/err.h"
#include "hcall.h"
#include "rtas.h"

/* The services the firmware uses itself; the OS gets every token via the tree. */
static const char *const known[] = {
    "power-off", "ibm,os-term", "system-reboot", "start-cpu",
    "ibm,read-pci-config", "ibm,write-pci-config", "nvram-fetch", "nvram-store",
};
static int32_t tokens[sizeof(known) / sizeof(known[0])];
static int have_tokens;

/* QEMU numbers its RTAS services from a fixed base; when its tree cannot be
 * read at all, this is the one token the firmware still needs, to end the VM. */
#define QEMU_OS_TERM_TOKEN 0x201f

/* mr r4,r3; li r3,0; ori r3,r3,0xf000; sc 1; blr — 0xf000 does not fit li's
 * signed immediate, hence the ori. */
const uint32_t rtas_stub[5] = {
    0x7c641b78, 0x38600000, 0x6063f000, 0x44000022, 0x4e800020,
};

int rtas_init(const void *fdt)
{
    int node = fdt_path_offset(fdt, "/rtas");
    for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        int len;
        const fdt32_t *p = node >= 0 ? fdt_getprop(fdt, node, known[i], &len) : NULL;
        tokens[i] = (p && len == 4) ? (int32_t)fdt32_to_cpu(*p) : -1;
    }
    have_tokens = 1;
    return node >= 0 ? 0 : node;
}

int32_t rtas_token(const char *name)
{
    if (!have_tokens)
        return strcmp(name, "ibm,os-term") == 0 ? QEMU_OS_TERM_TOKEN : -1;
    for (unsigned i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (strcmp(known[i], name) == 0)
            return tokens[i];
    return -1;
}

int32_t rtas_call(const char *name, int nargs, int nret, const uint32_t *args,
                  uint32_t *rets)
{
    struct {
        uint32_t token, nargs, nret;
        uint32_t cells[RTAS_MAX_ARGS];
    } __attribute__((aligned(8))) blk;
    int32_t token = rtas_token(name);

    if (token < 0)
        return ERR_NOT_FOUND;
    if (nargs < 0 || nret < 1 || nargs + nret > RTAS_MAX_ARGS)
        return ERR_INVALID;
    blk.token = (uint32_t)token;
    blk.nargs = (uint32_t)nargs;
    blk.nret = (uint32_t)nret;
    memcpy(blk.cells, args, (size_t)nargs * 4);
    memset(blk.cells + nargs, 0, (size_t)nret * 4);
    hcall(KVMPPC_H_RTAS, (uint64_t)(uintptr_t)&blk, 0, 0, 0, NULL);
    if (rets)
        memcpy(rets, blk.cells + nargs, (size_t)nret * 4);
    return (int32_t)blk.cells[nargs];
}
