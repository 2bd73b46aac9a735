/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ultravisor of a POWER secure VM (Protected Execution Facility): ucalls
 * (`sc 2`, numbers as in Linux's asm/ultravisor-api.h) and the MSR bit that
 * says the guest is secure. From then on devices and the hypervisor reach
 * only the pages the guest has shared. The policy (what to do about it) is
 * dev/secure.c's.
 */
#ifndef BOARD_UV_H
#define BOARD_UV_H

#include <stdbool.h>
#include <stdint.h>

#define UV_ESM               0xf110
#define UV_SHARE_PAGE        0xf130
#define UV_UNSHARE_PAGE      0xf134
#define UV_UNSHARE_ALL_PAGES 0xf140

#define U_SUCCESS            0
#define UV_PAGE              4096ull

#define MSR_S                (1ull << 22)   /* secure state */

uint64_t cpu_msr(void);

bool uv_guest_secure(void);
/* Share or unshare [addr, addr + len) (page-aligned); 0, or ERR_IO with the
 * ucall's return code logged. */
int uv_share(uint64_t addr, uint64_t len);
int uv_unshare(uint64_t addr, uint64_t len);
int uv_unshare_all(void);

#endif
