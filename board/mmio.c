/* SPDX-License-Identifier: BSD-2-Clause */
#include "../lib/bytes.h"
#include "hcall.h"
#include "log.h"
#include "mmio.h"

uint64_t mmio_read(uint64_t addr, unsigned size)
{
    uint64_t out[3];
    long rc = hcall(H_LOGICAL_CI_LOAD, size, addr, 0, 0, out);
    if (rc != H_SUCCESS) {
        log_error("MMIO read of %u bytes at 0x%lx failed (%ld)\n", size, (unsigned long)addr, rc);
        return ~0ull;
    }
    return out[0];
}

void mmio_write(uint64_t addr, unsigned size, uint64_t value)
{
    long rc = hcall(H_LOGICAL_CI_STORE, size, addr, value, 0, NULL);
    if (rc != H_SUCCESS)
        log_error("MMIO write of %u bytes at 0x%lx failed (%ld)\n", size, (unsigned long)addr, rc);
}

uint32_t mmio_read_le(uint64_t addr, unsigned size)
{
    return swap_bytes((uint32_t)mmio_read(addr, size), size);
}

void mmio_write_le(uint64_t addr, unsigned size, uint32_t value)
{
    mmio_write(addr, size, swap_bytes(value, size));
}

void mmio_copy(uint64_t dst, uint64_t src, uint64_t len)
{
    /* dst, src, element size 8 (3), count, operation 0 (copy) */
    struct hcall_regs regs = { { KVMPPC_H_LOGICAL_MEMOP, dst, src, 3, len / 8, 0 } };
    long rc = hv_call(&regs);
    if (rc != H_SUCCESS)
        log_error("copy of %lu bytes to 0x%lx failed (%ld)\n", (unsigned long)len,
                  (unsigned long)dst, rc);
}
