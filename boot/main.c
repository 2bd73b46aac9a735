/* The boot flow: board up, tree in, memory accounted for, client interface
 * ready, then the first thing that boots. Only here is "nothing left to try"
 * decided, and it always ends the VM rather than waiting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libfdt.h>
#include "../board/console.h"
#include "../board/layout.h"
#include "../board/libc_glue.h"
#include "../board/log.h"
#include "../board/rtas.h"
#include "../board/timebase.h"
#include "../fdt/ram.h"
#include "../fdt/reserve.h"
#include "../fdt/tree.h"
#include "../mem/claim.h"
#include "../mem/firmware.h"
#include "../of/client.h"
#include "../of/instance.h"
#include "../of/memory.h"
#include "../of/path.h"
#include "../of/platform.h"
#include "../nvram/setup.h"
#include "../of/disk.h"
#include "../of/net.h"
#include "../net/netboot.h"
#include "../net/netdev.h"
#include "../pci/pci.h"
#include "../ultravisor/secure.h"
#include "../virtio/devices.h"
#include "blockdev.h"
#include "boot.h"

#define CLIENT_STACK_SIZE 0x40000
#define MAX_RAM_RANGES 16

void enter_client(uint64_t entry, uint64_t r3, uint64_t r4, uint64_t r5, uint64_t stack,
                  uint64_t msr) __attribute__((noreturn));

extern char __fw_end[];

/* RAM into the claim allocator, then the firmware's own memory out of it:
 * image and stacks at 0, and a heap as high in the RMA (the RAM at 0, the
 * only RAM reachable with the MMU off) as possible below 4 GiB. QEMU's flat
 * tree and the ranges it reserved (-kernel, -initrd) are avoided while the
 * heap is placed, and given back: the boot paths claim what they use. */
static void memory_init(const void *fdt)
{
    struct mem_range ram[MAX_RAM_RANGES], avoid[RESERVE_MAX + 1];
    unsigned nram = fdt_ram_ranges(fdt, ram, MAX_RAM_RANGES), navoid = 0;
    uint64_t low = (uint64_t)(uintptr_t)__fw_end, limit = 0;

    claim_init(ram, nram);
    if (claim(FW_BASE, low, 0) == CLAIM_FAILED)
        fatal("RAM does not cover the firmware's own 0x%lx bytes at 0", (unsigned long)low);
    fw_own(FW_BASE, low);
    for (unsigned i = 0; i < nram; i++)
        if (ram[i].base == 0)
            limit = ram[i].size < 0x100000000ull ? ram[i].size : 0x100000000ull;

    reserve_init_from_fdt(fdt);         /* static storage: fine before the heap */
    avoid[navoid].base = (uintptr_t)fdt;
    avoid[navoid++].size = fdt_totalsize(fdt);
    for (unsigned i = 0; i < reserve_count(); i++) {
        avoid[navoid].base = reserve_get(i)->addr;
        avoid[navoid++].size = reserve_get(i)->size;
    }
    for (unsigned i = 0; i < navoid; i++)
        if (claim(avoid[i].base, avoid[i].size, 0) == CLAIM_FAILED)
            avoid[i].size = 0;          /* not ours to give back */

    uint64_t heap = claim_top(FW_HEAP_SIZE, 0x10000, limit);
    if (heap == CLAIM_FAILED)
        fatal("no room for the firmware's 0x%x-byte heap in the first 0x%lx bytes of RAM",
              FW_HEAP_SIZE, (unsigned long)limit);
    fw_own(heap, FW_HEAP_SIZE);
    heap_init((void *)(uintptr_t)heap, FW_HEAP_SIZE);
    for (unsigned i = 0; i < navoid; i++)
        if (avoid[i].size)
            release(avoid[i].base, avoid[i].size);
}

static void timebase_from_tree(void)
{
    struct dt_node *cpu = platform_boot_cpu();
    uint32_t freq;
    if (cpu && dt_get_u32(cpu, "timebase-frequency", &freq))
        timebase_init(freq);
}

/* A kind of boot device: how many there are, their nodes, how to boot one. */
struct boot_kind {
    const char *name;
    unsigned (*count)(void);
    struct dt_node *(*node)(unsigned i);
    int (*boot)(unsigned i, struct boot_target *t, char *why, unsigned long whylen);
};

static struct dt_node *disk_node(unsigned i) { return blockdev_get(i)->node; }
static struct dt_node *net_node(unsigned i) { return netdev_get(i)->node; }
static int boot_disk(unsigned i, struct boot_target *t, char *why, unsigned long whylen)
{
    return disk_boot(blockdev_get(i), t, why, whylen);
}
static int boot_net(unsigned i, struct boot_target *t, char *why, unsigned long whylen)
{
    return net_boot(netdev_get(i), t, why, whylen);
}

static const struct boot_kind disks = { "disk", blockdev_count, disk_node, boot_disk };
static const struct boot_kind networks = { "network", netdev_count, net_node, boot_net };

/* Each device of a kind in turn, with one line for every one that fails. */
static bool try_kind(const struct boot_kind *k, struct boot_target *t, char *why, size_t whylen)
{
    for (unsigned i = 0; i < k->count(); i++) {
        struct dt_node *node = k->node(i);
        char path[OF_PATH_MAX];
        dt_path(node, path, sizeof(path));
        log_info("trying %s %s\n", k->name, path);
        if (k->boot(i, t, why, whylen) == BOOT_FOUND) {
            t->source = node->name;
            t->device = node;
            return true;
        }
        log_info("%s %s: %s\n", k->name, path, why);
    }
    return false;
}

/* -kernel first (QEMU loaded it, so the user meant it), then disks, then
 * networks; -boot once=n (QEMU's qemu,boot-device "n"; QEMU 7.2 sets it for
 * nothing else) puts networks first. */
static bool find_boot_target(struct boot_target *t, char *why, size_t whylen)
{
    int found = qemu_kernel_find(t, why, whylen);
    if (found == BOOT_ERROR)
        fatal("-kernel: %s", why);
    if (found == BOOT_FOUND)
        return true;
    struct dt_node *chosen = dt_find("/chosen");
    const char *order = chosen ? dt_get_string(chosen, "qemu,boot-device") : NULL;
    bool net_first = order && order[0] == 'n';
    if ((net_first && try_kind(&networks, t, why, whylen)) || try_kind(&disks, t, why, whylen) ||
        (!net_first && try_kind(&networks, t, why, whylen)))
        return true;
    sniprintf(why, whylen, "no -kernel, and no bootable disk (%u tried) or network (%u tried)",
              blockdev_count(), netdev_count());
    return false;
}

/* /chosen/bootpath names the device the client came from: GRUB looks there
 * for its boot disk, as it does under SLOF. */
static void publish_bootpath(const struct dt_node *device)
{
    char path[OF_PATH_MAX];
    struct dt_node *chosen = dt_find("/chosen");
    if (chosen && device && dt_path(device, path, sizeof(path)) < sizeof(path))
        dt_set_string(chosen, "bootpath", path);
}

void sluice_main(void *fdt)
{
    char why[160];
    struct boot_target t = { 0 };

    console_puts("\nSluice " SLUICE_VERSION " firmware for QEMU pseries\n");
    if (fdt_check_header(fdt) != 0)
        fatal("no valid device tree at 0x%lx", (unsigned long)(uintptr_t)fdt);
    rtas_init(fdt);
    memory_init(fdt);
    int err = dt_import(fdt, fdt_totalsize(fdt));
    if (err)
        fatal("QEMU's device tree is unusable: %s", fdt_strerror(err));
    timebase_from_tree();
    if (platform_init())
        fatal("cannot set up /chosen");
    of_publish_available();
    nvram_setup();
    platform_publish_options();
    secure_init();

    pci_init();
    virtio_probe_all();
    of_disks_bind();
    of_nets_bind();

    if (!find_boot_target(&t, why, sizeof(why)))
        fatal("nothing to boot: %s", why);
    publish_bootpath(t.device);

    uint64_t stack = claim_top(CLIENT_STACK_SIZE, 0x1000, UINT32_MAX);
    if (stack == CLAIM_FAILED)
        fatal("no memory for the client's stack");
    of_publish_available();
    log_info("booting %s: %s %s-endian %s at 0x%lx, initrd: %lu bytes\n", t.source,
             t.elf32 ? "32-bit" : "64-bit", t.little_endian ? "little" : "big",
             t.elf32 ? "program" : "kernel", (unsigned long)t.entry, (unsigned long)t.initrd_size);
    /* Big-endian, MMU and interrupts off, as the firmware runs itself; 32-bit
     * programs get 32-bit mode, in which their addresses wrap as they expect. */
    uint64_t msr = MSR_ME | MSR_RI | (t.elf32 ? 0 : 1ull << MSR_SF_BIT);
    enter_client(t.entry, t.initrd, t.initrd_size, (uint64_t)(uintptr_t)ci_entry,
                 stack + CLIENT_STACK_SIZE - 0x100, msr);
}
