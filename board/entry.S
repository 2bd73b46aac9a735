/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reset entry and exception vectors.
 *
 * QEMU starts CPU 0 at 0x100 (the system-reset vector) with MSR = 0: 32-bit,
 * big-endian, MMU off, r3 = flattened device tree. The same vector is taken
 * again on a later system reset (e.g. an NMI), always in 64-bit mode, as
 * every interrupt is: MSR[SF] clear at 0x100 is QEMU's reset, set is an
 * exception. (No flag in memory can say it: the image is never written, so
 * that it stays the file QEMU loaded, and memory past it outlives a reset.)
 * Every other vector saves the registers and reports them; nothing here
 * returns from an exception, because the firmware has no use for one.
 */
#include "asm.h"
#include "layout.h"

    .section .vectors, "ax"
    .globl __vectors
__vectors:

#define VECTOR(n)                               \
    . = n;                                      \
    mtsprg1 %r1;                                \
    mtsprg2 %r3;                                \
    li      %r3, n;                             \
    b       exception_entry

    VECTOR(0x100)
    VECTOR(0x200)
    VECTOR(0x300)
    VECTOR(0x380)
    VECTOR(0x400)
    VECTOR(0x480)
    VECTOR(0x500)
    VECTOR(0x600)
    VECTOR(0x700)
    VECTOR(0x800)
    VECTOR(0x900)
    VECTOR(0x980)
    VECTOR(0xa00)
    VECTOR(0xb00)
    VECTOR(0xc00)
    VECTOR(0xd00)
    VECTOR(0xe00)
    VECTOR(0xe20)
    VECTOR(0xe40)
    VECTOR(0xe60)
    VECTOR(0xe80)
    VECTOR(0xea0)
    VECTOR(0xf00)
    VECTOR(0xf20)
    VECTOR(0xf40)
    VECTOR(0xf60)
    VECTOR(0x1500)
    VECTOR(0x1700)

    . = 0x1780
exception_entry:
    cmpwi   %r3, 0x100
    bne     1f
    mfmsr   %r1
    rldicl. %r1, %r1, 1, 63     /* MSR[SF] */
    beq     cold_start
1:  /* Save everything into exc_frame (layout: struct exc_frame). */
    LOAD_ADDR(%r1, exc_frame)
    std     %r0, 0(%r1)
    std     %r2, 16(%r1)
    std     %r4, 32(%r1)
    std     %r5, 40(%r1)
    b       exception_save_rest

    .text
cold_start:
    /* Into 64-bit mode with machine checks enabled; rfid sets the MSR atomically. */
    LOAD_ADDR(%r4, 2f)
    mtsrr0  %r4
    li      %r4, 1
    sldi    %r4, %r4, MSR_SF_BIT
    ori     %r4, %r4, MSR_ME | MSR_RI
    mtsrr1  %r4
    rfid
2:  mfsprg2 %r31                /* the FDT address QEMU passed in r3 */
    LOAD_ADDR(%r4, __data_load) /* writable data: the image's copy, past it */
    LOAD_ADDR(%r5, __data_start)
    LOAD_ADDR(%r6, __data_end)
6:  cmpld   %r5, %r6
    bge     7f
    ld      %r7, 0(%r4)
    std     %r7, 0(%r5)
    addi    %r4, %r4, 8
    addi    %r5, %r5, 8
    b       6b
7:  LOAD_ADDR(%r4, __bss_start)
    LOAD_ADDR(%r5, __bss_end)
    li      %r6, 0
3:  cmpld   %r4, %r5
    bge     4f
    std     %r6, 0(%r4)
    addi    %r4, %r4, 8
    b       3b
4:  LOAD_ADDR(%r1, __main_stack_top)
    addi    %r1, %r1, -128
    li      %r0, 0
    std     %r0, 0(%r1)
    mr      %r3, %r31
    CALL_C(sluice_main)
5:  b       5b

exception_save_rest:
    std     %r6, 48(%r1)
    std     %r7, 56(%r1)
    std     %r8, 64(%r1)
    std     %r9, 72(%r1)
    std     %r10, 80(%r1)
    std     %r11, 88(%r1)
    std     %r12, 96(%r1)
    std     %r13, 104(%r1)
    std     %r14, 112(%r1)
    std     %r15, 120(%r1)
    std     %r16, 128(%r1)
    std     %r17, 136(%r1)
    std     %r18, 144(%r1)
    std     %r19, 152(%r1)
    std     %r20, 160(%r1)
    std     %r21, 168(%r1)
    std     %r22, 176(%r1)
    std     %r23, 184(%r1)
    std     %r24, 192(%r1)
    std     %r25, 200(%r1)
    std     %r26, 208(%r1)
    std     %r27, 216(%r1)
    std     %r28, 224(%r1)
    std     %r29, 232(%r1)
    std     %r30, 240(%r1)
    std     %r31, 248(%r1)
    mfsprg1 %r4
    std     %r4, 8(%r1)         /* r1 at the time of the exception */
    mfsprg2 %r4
    std     %r4, 24(%r1)        /* r3 */
    mfsrr0  %r4
    std     %r4, 256(%r1)
    mfsrr1  %r4
    std     %r4, 264(%r1)
    mflr    %r4
    std     %r4, 272(%r1)
    mfctr   %r4
    std     %r4, 280(%r1)
    mfcr    %r4
    std     %r4, 288(%r1)
    mfxer   %r4
    std     %r4, 296(%r1)
    mfdar   %r4
    std     %r4, 304(%r1)
    mfdsisr %r4
    std     %r4, 312(%r1)
    std     %r3, 320(%r1)       /* vector */
    mr      %r4, %r1
    LOAD_ADDR(%r1, __exc_stack_top)
    addi    %r1, %r1, -128
    li      %r0, 0
    std     %r0, 0(%r1)
    CALL_C(exception_report)
8:  b       8b
