/* SPDX-License-Identifier: BSD-2-Clause */
/* The registers board/entry.S saves on any exception (offsets fixed there). */
#ifndef BOARD_EXCEPTION_H
#define BOARD_EXCEPTION_H

#include <stdint.h>

struct exc_frame {
    uint64_t gpr[32];
    uint64_t srr0, srr1, lr, ctr, cr, xer, dar, dsisr, vector;
};

/* Report the exception and end the VM. */
void exception_report(uint64_t vector, const struct exc_frame *f) __attribute__((noreturn));

#endif
