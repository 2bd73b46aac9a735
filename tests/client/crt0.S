/* SPDX-License-Identifier: BSD-2-Clause */
/* Entered like a kernel: r3/r4 = initrd, r5 = client-interface entry, r1 = stack. */
#include "../../board/asm.h"

    .section .text.start, "ax"
    .globl _start
_start:
    LOAD_ADDR(%r6, ci_entry_addr)
    std     %r5, 0(%r6)
    stdu    %r1, -128(%r1)
    CALL_C(client_main)
1:  b       1b

/* long ci_raw(void *args): call the firmware with r3 = args. */
FUNC_START(ci_raw)
    mflr    %r0
    std     %r0, 16(%r1)
    stdu    %r1, -128(%r1)
    std     %r2, 40(%r1)
    LOAD_ADDR(%r6, ci_entry_addr)
    ld      %r6, 0(%r6)
    mtctr   %r6
    bctrl
    ld      %r2, 40(%r1)
    addi    %r1, %r1, 128
    ld      %r0, 16(%r1)
    mtlr    %r0
    extsw   %r3, %r3
    blr
FUNC_END(ci_raw)

/* long uv_esm(kbase, fdt): ask the ultravisor to make the guest secure, as
 * Linux's prom_init does (`sc 2`, UV_ESM). */
FUNC_START(uv_esm)
    mr      %r5, %r4
    mr      %r4, %r3
    li      %r3, 0
    ori     %r3, %r3, 0xf110
    sc      2
    blr
FUNC_END(uv_esm)

/* An instruction that does not exist: the firmware's vectors must report it. */
FUNC_START(illegal_instruction)
    .long   0
    blr
FUNC_END(illegal_instruction)

    .data
    .balign 8
ci_entry_addr:
    .quad 0
