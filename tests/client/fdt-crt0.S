/* SPDX-License-Identifier: BSD-2-Clause */
/* Entered the ePAPR way: r3 = flattened tree, r4 = the entry address,
 * r5 = 0 (no client interface), r1 = a stack. */
#include "../../board/asm.h"

    .section .text.start, "ax"
    .globl _start
_start:
    stdu    %r1, -128(%r1)
    CALL_C(fdt_client_main)
1:  b       1b

/* long put_term_char(termno, len, hi, lo): H_PUT_TERM_CHAR, up to 16 bytes. */
FUNC_START(put_term_char)
    mr      %r7, %r6
    mr      %r6, %r5
    mr      %r5, %r4
    mr      %r4, %r3
    li      %r3, 0x58
    sc      1
    blr
FUNC_END(put_term_char)

/* void rtas_enter(entry, args): call RTAS the way Linux does, r3 = args. */
FUNC_START(rtas_enter)
    mflr    %r0
    std     %r0, 16(%r1)
    stdu    %r1, -128(%r1)
    std     %r2, 40(%r1)
    mtctr   %r3
    mr      %r3, %r4
    bctrl
    ld      %r2, 40(%r1)
    addi    %r1, %r1, 128
    ld      %r0, 16(%r1)
    mtlr    %r0
    blr
FUNC_END(rtas_enter)
