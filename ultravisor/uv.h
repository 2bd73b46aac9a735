/*
 * The ultravisor of a POWER secure VM (Protected Execution Facility): ucalls
 * (`sc 2`, numbers as in Linux's asm/ultravisor-api.h) and what the guest can
 * tell about it. A guest is secure when MSR[S] is set; from then on devices
 * and the hypervisor reach only the pages it has shared.
 */
#ifndef ULTRAVISOR_UV_H
#define ULTRAVISOR_UV_H

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

/* Is there an ultravisor: a node compatible with "ibm,ultravisor", or a
 * guest already secure (which only an ultravisor can make it)? */
bool uv_present(void);
bool uv_guest_secure(void);
/* Share or unshare [addr, addr + len) (page-aligned); 0, or -1 with the
 * ucall's return code logged. */
int uv_share(uint64_t addr, uint64_t len);
int uv_unshare(uint64_t addr, uint64_t len);
int uv_unshare_all(void);

#endif
