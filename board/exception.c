/* SPDX-License-Identifier: BSD-2-Clause */
/* Any exception is fatal to the firmware: print what a developer needs to find
 * the cause, then end the VM. The frame layout matches board/entry.S. */
#include <stdint.h>
#include "exception.h"
#include "log.h"
#include "power.h"

struct exc_frame exc_frame;

static const struct {
    uint32_t vector;
    const char *name;
} vector_names[] = {
    { 0x100, "System Reset" },      { 0x200, "Machine Check" },
    { 0x300, "Data Storage" },      { 0x380, "Data Segment" },
    { 0x400, "Instruction Storage" }, { 0x480, "Instruction Segment" },
    { 0x500, "External" },          { 0x600, "Alignment" },
    { 0x700, "Program" },           { 0x800, "FP Unavailable" },
    { 0x900, "Decrementer" },       { 0x980, "Hypervisor Decrementer" },
    { 0xa00, "Directed Privileged Doorbell" }, { 0xc00, "System Call" },
    { 0xd00, "Trace" },             { 0xe00, "Hypervisor Data Storage" },
    { 0xe20, "Hypervisor Instruction Storage" }, { 0xe40, "Hypervisor Emulation Assistance" },
    { 0xe60, "Hypervisor Maintenance" }, { 0xe80, "Directed Hypervisor Doorbell" },
    { 0xea0, "Hypervisor Virtualization" }, { 0xf00, "Performance Monitor" },
    { 0xf20, "Vector Unavailable" }, { 0xf40, "VSX Unavailable" },
    { 0xf60, "Facility Unavailable" }, { 0x1500, "Denormalisation" },
    { 0x1700, "Altivec Assist" },
};

static const char *vector_name(uint64_t vector)
{
    for (unsigned i = 0; i < sizeof(vector_names) / sizeof(vector_names[0]); i++)
        if (vector_names[i].vector == vector)
            return vector_names[i].name;
    return "Unknown";
}

void exception_report(uint64_t vector, const struct exc_frame *f)
{
    static int depth;
    const char *name = vector_name(vector);

    /* An exception while reporting one: skip straight to ending the VM, and
     * if even that faults, stop the CPU rather than loop. */
    if (depth++ > 0) {
        if (depth == 2)
            power_fail("nested exception while reporting one");
        for (;;)
            ;
    }

    log_error("exception 0x%lx (%s) at 0x%lx\n", (unsigned long)vector, name,
              (unsigned long)f->srr0);
    log_raw("  SRR0 %016lx  SRR1 %016lx  LR  %016lx  CTR %016lx\n",
            (unsigned long)f->srr0, (unsigned long)f->srr1, (unsigned long)f->lr,
            (unsigned long)f->ctr);
    log_raw("  CR   %08lx          XER  %08lx          DAR %016lx  DSISR %08lx\n",
            (unsigned long)f->cr, (unsigned long)f->xer, (unsigned long)f->dar,
            (unsigned long)f->dsisr);
    for (int i = 0; i < 32; i += 4)
        log_raw("  r%-2d %016lx  r%-2d %016lx  r%-2d %016lx  r%-2d %016lx\n",
                i, (unsigned long)f->gpr[i], i + 1, (unsigned long)f->gpr[i + 1],
                i + 2, (unsigned long)f->gpr[i + 2], i + 3, (unsigned long)f->gpr[i + 3]);
    fatal("exception 0x%lx (%s) at 0x%lx", (unsigned long)vector, name,
          (unsigned long)f->srr0);
}
