/* SPDX-License-Identifier: BSD-2-Clause */
/* Return from the system-call interrupt the simulated ultravisor served:
 * every register back from the frame board/entry.S saved (r3 now holding
 * the ucall's return code), then rfid to the instruction after `sc 2`. */
#include "asm.h"

FUNC_START(uvsim_resume)
    ld      %r4, 256(%r3)
    mtsrr0  %r4
    ld      %r4, 264(%r3)
    mtsrr1  %r4
    ld      %r4, 272(%r3)
    mtlr    %r4
    ld      %r4, 280(%r3)
    mtctr   %r4
    ld      %r4, 288(%r3)
    mtcrf   0xff, %r4
    ld      %r4, 296(%r3)
    mtxer   %r4
    ld      %r0, 0(%r3)
    ld      %r1, 8(%r3)
    ld      %r2, 16(%r3)
    .irp n, 4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      %r\n, (\n * 8)(%r3)
    .endr
    ld      %r3, 24(%r3)
    rfid
FUNC_END(uvsim_resume)
