/* SPDX-License-Identifier: BSD-2-Clause */
/* Device registers. The firmware runs in real mode, where a pseries guest can
 * only reach RAM inside its real-mode area: device MMIO goes through the
 * H_LOGICAL_CI_LOAD/STORE hypercalls (cache-inhibited, as KVM requires), the
 * way SLOF does it. Values are as a big-endian CPU load sees them. */
#ifndef BOARD_MMIO_H
#define BOARD_MMIO_H

#include <stdint.h>

uint64_t mmio_read(uint64_t addr, unsigned size);
void mmio_write(uint64_t addr, unsigned size, uint64_t value);

/* Little-endian registers (virtio modern, PCI I/O ports). */
uint32_t mmio_read_le(uint64_t addr, unsigned size);
void mmio_write_le(uint64_t addr, unsigned size, uint32_t value);

/* Copy len bytes (8-byte aligned, a multiple of 8) between logical
 * addresses, RAM or device memory such as a framebuffer, in one hypercall
 * (KVMPPC_H_LOGICAL_MEMOP, as SLOF draws its screen); overlaps are fine. */
void mmio_copy(uint64_t dst, uint64_t src, uint64_t len);

#endif
