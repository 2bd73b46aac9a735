/* Physical memory the firmware owns while it runs. Shared by C, assembly and
 * the linker script. QEMU loads -kernel at 4 MiB by default, so everything the
 * firmware needs (image, stacks, heap) lives below that. */
#ifndef BOARD_LAYOUT_H
#define BOARD_LAYOUT_H

#define FW_BASE          0x0
#define FW_LIMIT         0x400000   /* first byte the firmware does not own */

#define MAIN_STACK_SIZE  0x10000    /* boot flow, until the client takes over */
#define CI_STACK_SIZE    0x10000    /* client-interface calls */
#define EXC_STACK_SIZE   0x4000     /* exception reports */

#define MSR_SF_BIT       63
#define MSR_ME           0x1000
#define MSR_RI           0x2

#endif
