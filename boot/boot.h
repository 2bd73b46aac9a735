/* What the boot manager hands to the entry code. */
#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H

#include <stdbool.h>
#include <stdint.h>

struct dt_node;

struct boot_target {
    const char *source;          /* for the log: "-kernel", a device path */
    struct dt_node *device;      /* the disk or NIC it came from; NULL for -kernel */
    uint64_t entry;
    uint64_t initrd, initrd_size;
    bool little_endian;
    bool elf32;                  /* a 32-bit program (GRUB): entered with MSR[SF] clear */
};

/* Result codes for boot sources: found, nothing there, or broken. */
#define BOOT_FOUND 0
#define BOOT_NONE 1
#define BOOT_ERROR (-1)

/* The kernel QEMU loaded for -kernel (and its -initrd). On BOOT_ERROR the
 * reason is in `why`. */
int qemu_kernel_find(struct boot_target *t, char *why, unsigned long whylen);

struct blockdev;
/* The ELF in the disk's first PReP partition, loaded. */
int disk_boot(struct blockdev *dev, struct boot_target *t, char *why, unsigned long whylen);

#endif
