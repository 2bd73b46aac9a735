/* SPDX-License-Identifier: BSD-2-Clause */
/* Assembly helpers for the 64-bit ELFv1 ABI the firmware is built with. */
#ifndef BOARD_ASM_H
#define BOARD_ASM_H

/* A C-callable function: a descriptor in .opd pointing at the code label. */
#define FUNC_START(name)                        \
    .section ".opd", "aw";                      \
    .balign 8;                                  \
    .globl name;                                \
name:                                           \
    .quad .L.name, .TOC.@tocbase, 0;            \
    .previous;                                  \
    .type name, @function;                      \
.L.name:

#define FUNC_END(name) .size name, . - .L.name

/* Call C function `fn` through its descriptor (loads r2 and ctr). Uses r12. */
#define CALL_C(fn)                              \
    lis     %r12, fn@ha;                        \
    addi    %r12, %r12, fn@l;                   \
    ld      %r2, 8(%r12);                       \
    ld      %r12, 0(%r12);                      \
    mtctr   %r12;                               \
    bctrl

/* Load the address of a firmware symbol (all live below 2 GiB). */
#define LOAD_ADDR(reg, sym)                     \
    lis     reg, sym@ha;                        \
    addi    reg, reg, sym@l

#endif
