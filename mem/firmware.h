/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory the firmware itself lives in: its image and stacks at 0 (where
 * QEMU loads -bios) and its heap, placed at boot near the top of the RMA.
 * Both are claimed like any other memory; they are also remembered here so
 * that a client pointer or an image landing on them is refused by name.
 */
#ifndef MEM_FIRMWARE_H
#define MEM_FIRMWARE_H

#include <stdbool.h>
#include <stdint.h>

#define FW_MAX_REGIONS 4

/* Record [base, base+size) (already claimed) as the firmware's own. */
void fw_own(uint64_t base, uint64_t size);
/* True when any byte of [addr, addr+len) is the firmware's. */
bool fw_overlaps(uint64_t addr, uint64_t len);

#endif
