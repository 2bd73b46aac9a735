/* SPDX-License-Identifier: BSD-2-Clause */
/* Physical memory the firmware owns while it runs. Shared by C, assembly and
 * the linker script. The image and stacks sit at 0, where QEMU loads -bios;
 * the heap is placed at boot near the top of the RMA (mem/firmware.h), as
 * SLOF keeps itself out of the way at the top of memory. Clients expect low
 * memory to be theirs: GRUB's powerpc-ieee1275 core is linked at 2 MiB and
 * asks for nothing below 1.5 MiB, QEMU puts -kernel at 4 MiB. */
#ifndef BOARD_LAYOUT_H
#define BOARD_LAYOUT_H

#define FW_BASE          0x0
#define FW_LOW_MAX       0x100000   /* image and stacks end below this */
#define FW_HEAP_SIZE     0x800000

#define MAIN_STACK_SIZE  0x10000    /* boot flow, until the client takes over */
#define CI_STACK_SIZE    0x10000    /* client-interface calls */
#define EXC_STACK_SIZE   0x4000     /* exception reports */

#define MSR_SF_BIT       63
#define MSR_ME           0x1000
#define MSR_RI           0x2

#endif
