/* SPDX-License-Identifier: BSD-2-Clause */
/* PAPR and QEMU-specific hypercall numbers, and the one way to make a call. */
#ifndef BOARD_HCALL_H
#define BOARD_HCALL_H

#include <stddef.h>
#include <stdint.h>

#define H_SUCCESS            0
#define H_BUSY               1
#define H_CLOSED             2
#define H_HARDWARE           (-1)
#define H_PARAMETER          (-4)
#define H_DROPPED            (-12)
#define H_RESOURCE           (-16)

#define H_GET_TCE            0x1c
#define H_PUT_TCE            0x20
#define H_GET_TERM_CHAR      0x54
#define H_PUT_TERM_CHAR      0x58
#define H_LOGICAL_CI_LOAD    0x3c
#define H_LOGICAL_CI_STORE   0x40
#define H_STUFF_TCE          0x138
#define H_PUT_TCE_INDIRECT   0x13c
/* VIO: command/response queues (vscsi), logical LAN (vlan) */
#define H_REG_CRQ            0xfc
#define H_FREE_CRQ           0x100
#define H_SEND_CRQ           0x108
#define H_REGISTER_LOGICAL_LAN  0x114
#define H_FREE_LOGICAL_LAN      0x118
#define H_ADD_LOGICAL_LAN_BUFFER 0x11c
#define H_SEND_LOGICAL_LAN      0x120

#define KVMPPC_H_RTAS        0xf000
#define KVMPPC_H_LOGICAL_MEMOP 0xf001
#define KVMPPC_H_CAS         0xf002
#define KVMPPC_H_UPDATE_DT   0xf003

/* r3..r12 on entry and exit: r[0] is the opcode in and the status out. */
struct hcall_regs {
    uint64_t r[10];
};

long hv_call(struct hcall_regs *regs);

/* The common case: up to four arguments, outputs (r4..) copied to `out`. */
static inline long hcall(uint64_t op, uint64_t a1, uint64_t a2, uint64_t a3,
                         uint64_t a4, uint64_t out[3])
{
    struct hcall_regs regs = { { op, a1, a2, a3, a4 } };
    hv_call(&regs);
    if (out) {
        out[0] = regs.r[1];
        out[1] = regs.r[2];
        out[2] = regs.r[3];
    }
    return (long)regs.r[0];
}

#endif
