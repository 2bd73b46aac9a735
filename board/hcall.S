/* SPDX-License-Identifier: BSD-2-Clause */
/* Hypervisor calls (`sc 1`): r3 = opcode, r4.. = arguments; the hypervisor
 * returns status in r3 and outputs in r4..r12. One generic entry keeps every
 * caller in C; struct hcall_regs mirrors r3..r12. */
#include "asm.h"

/* The same register convention serves ultravisor calls (`sc 2`). */
.macro SYSTEM_CALL name, level
FUNC_START(\name)
    std     %r31, -8(%r1)
    mr      %r31, %r3
    ld      %r4, 8(%r31)
    ld      %r5, 16(%r31)
    ld      %r6, 24(%r31)
    ld      %r7, 32(%r31)
    ld      %r8, 40(%r31)
    ld      %r9, 48(%r31)
    ld      %r10, 56(%r31)
    ld      %r11, 64(%r31)
    ld      %r12, 72(%r31)
    ld      %r3, 0(%r31)
    sc      \level
    std     %r3, 0(%r31)
    std     %r4, 8(%r31)
    std     %r5, 16(%r31)
    std     %r6, 24(%r31)
    std     %r7, 32(%r31)
    std     %r8, 40(%r31)
    std     %r9, 48(%r31)
    std     %r10, 56(%r31)
    std     %r11, 64(%r31)
    std     %r12, 72(%r31)
    ld      %r31, -8(%r1)
    blr
FUNC_END(\name)
.endm

SYSTEM_CALL hv_call, 1
SYSTEM_CALL uv_call, 2

/* The machine state register, for the secure bit (MSR[S]). */
FUNC_START(cpu_msr)
    mfmsr   %r3
    blr
FUNC_END(cpu_msr)

/* Enter a client program: never returns.
 * enter_client(entry, r3, r4, r5, stack, msr): rfid sets the client's MSR
 * (32-bit for ELF32 programs such as GRUB) and jumps in one step. */
FUNC_START(enter_client)
    mtsrr0  %r3
    mtsrr1  %r8
    mr      %r3, %r4
    mr      %r4, %r5
    mr      %r5, %r6
    mr      %r1, %r7
    li      %r6, 0
    li      %r7, 0
    li      %r8, 0
    li      %r0, 0
    rfid
FUNC_END(enter_client)

/* Make freshly written instructions visible: the image was written by data
 * stores, and under KVM the instruction cache is not coherent with them. */
FUNC_START(sync_icache)
    /* r3 = start, r4 = length; 128-byte blocks cover every POWER CPU QEMU models. */
    add     %r4, %r3, %r4
    clrrdi  %r3, %r3, 7
    mr      %r5, %r3
1:  cmpld   %r5, %r4
    bge     2f
    dcbst   0, %r5
    addi    %r5, %r5, 128
    b       1b
2:  sync
    mr      %r5, %r3
3:  cmpld   %r5, %r4
    bge     4f
    icbi    0, %r5
    addi    %r5, %r5, 128
    b       3b
4:  sync
    isync
    blr
FUNC_END(sync_icache)
