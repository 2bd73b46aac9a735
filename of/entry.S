/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The client-interface entry. Clients (Linux prom_init, GRUB) call it in
 * 32-bit big-endian mode with r3 = argument block and LR = return address,
 * and expect only r1, r2, r13-r31 and the non-volatile CR fields back. The
 * firmware switches to 64-bit mode with interrupts off (a client that calls
 * with MSR[EE] set must not have a decrementer tick land in the firmware's
 * vectors) on its own stack, dispatches, and returns through rfid so the
 * caller's MSR (mode and EE included) is restored exactly.
 */
#include "../board/asm.h"
#include "../board/layout.h"

    .text
    .globl ci_entry
ci_entry:
    mfmsr   %r11
    li      %r12, 1
    sldi    %r12, %r12, MSR_SF_BIT
    or      %r12, %r11, %r12
    rldicl  %r12, %r12, 48, 1   /* clear MSR[EE]: rotate it to the top, */
    rotldi  %r12, %r12, 16      /* mask it off, rotate back */
    mtmsrd  %r12
    isync
    LOAD_ADDR(%r12, __ci_stack_top)
    std     %r1, -8(%r12)
    std     %r2, -16(%r12)
    mflr    %r0
    std     %r0, -24(%r12)
    mfcr    %r0
    std     %r0, -32(%r12)
    std     %r11, -40(%r12)
    addi    %r1, %r12, -(48 + 128)
    li      %r0, 0
    std     %r0, 0(%r1)
    clrldi  %r3, %r3, 32        /* the caller's high half is not ours to trust */
    CALL_C(ci_dispatch)
    LOAD_ADDR(%r12, __ci_stack_top)
    ld      %r1, -8(%r12)
    ld      %r2, -16(%r12)
    ld      %r0, -32(%r12)
    mtcr    %r0
    ld      %r0, -24(%r12)
    mtlr    %r0
    mtsrr0  %r0
    ld      %r11, -40(%r12)
    mtsrr1  %r11
    rfid
