/* SPDX-License-Identifier: BSD-2-Clause */
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
#include "../board/watchdog.h"
#include "../fdt/check.h"
#include "../fdt/ram.h"
#include "../fdt/reserve.h"
#include "../fdt/tree.h"
#include "../dev/secure.h"
#include "../drivers/drivers.h"
#include "../mem/claim.h"
#include "../mem/firmware.h"
#include "../nvram/settings.h"
#include "../nvram/setup.h"
#include "../of/ciwatch.h"
#include "../of/client.h"
#include "../of/disk.h"
#include "../of/display.h"
#include "../of/instance.h"
#include "../of/memory.h"
#include "../of/net.h"
#include "../of/path.h"
#include "../of/platform.h"
#include "../of/usb.h"
#include "../of/vtpm.h"
#include "../pci/pci.h"
#include "../prompt/shell.h"
#include "boot.h"
#include "config.h"
#include "epapr.h"
#include "handoff.h"
#include "measured.h"
#include "select.h"

#define CLIENT_STACK_SIZE 0x40000
/* QEMU makes one memory node per NUMA node, and allows up to 128. */
#define MAX_RAM_RANGES 256

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

/* /chosen/bootpath names the device the client came from: GRUB looks there
 * for its boot disk, as it does under SLOF. */
/* With the file on the device when the loader named one, in the CHRP
 * syntax "[partition][,[filename]]" that GRUB parses: ":,<file>" names a
 * file on the whole device. */
static void publish_bootpath(const struct boot_target *t)
{
    char path[OF_PATH_MAX + BOOT_IMAGE_TEXT_MAX + 1];
    struct dt_node *chosen = dt_find("/chosen");
    if (!chosen || !t->device[0])
        return;
    size_t n = strlen(t->device);
    memcpy(path, t->device, n + 1);
    if (t->img.device_args[0])
        sniprintf(path + n, sizeof(path) - n, ":%s", t->img.device_args);
    else if (t->img.path[0])
        sniprintf(path + n, sizeof(path) - n, ":,%s", t->img.path);
    dt_set_string(chosen, "bootpath", path);
}

/* The arguments the boot source gave (a CD's bootinfo.txt), else the
 * boot-args setting, fill in a kernel command line nothing else gave. */
static void apply_boot_args(const struct boot_image *img)
{
    char args[OF_PATH_MAX];
    struct dt_node *chosen = dt_find("/chosen");
    const char *have = chosen ? dt_get_string(chosen, "bootargs") : NULL;
    if (img->args[0])
        sniprintf(args, sizeof(args), "%s", img->args);
    else
        setting_value("boot-args", args, sizeof(args));
    if (chosen && args[0] && (!have || !have[0])) {
        log_info("kernel command line from %s: %s\n", img->args[0] ? "the boot device" : "boot-args",
                 args);
        dt_set_string(chosen, "bootargs", args);
    }
}

#define OFFER_PROMPT_MS 3000

/* The prompt's `boot`: the same search, or the device it names. */
static int prompt_boot(void *ctx, const char *spec, char *why, size_t whylen)
{
    struct boot_target *t = ctx;
    return spec ? boot_named(spec, t, why, whylen) : boot_find(t, why, whylen);
}

/* The prompt is for people: entered when asked for (auto-boot?=false, a key
 * during the boot delay) or when nothing boots and someone may be there.
 * In CI mode it never is, and nothing to boot ends the VM at once. */
static void choose(const struct boot_config *cfg, struct boot_target *t)
{
    char why[160], offer[96];
    bool prompt_first = false;
    const struct prompt_boot pb = { prompt_boot, t };

    boot_order_announce();
    if (cfg->ci == CI_ON) {
        if (!cfg->auto_boot)
            log_info("auto-boot?=false ignored: ci-mode is on\n");
    } else if (!cfg->auto_boot) {
        prompt_first = true;
    } else if (cfg->menu) {
        int rc = boot_menu(cfg->delay_s * 1000, t, why, sizeof(why));
        if (rc == 0)
            return;
        prompt_first = rc < 0;
    } else if (cfg->delay_s) {
        sniprintf(offer, sizeof(offer), "press any key within %u s for the prompt", cfg->delay_s);
        prompt_first = prompt_key_within(cfg->delay_s * 1000, offer);
    }
    if (prompt_first) {
        prompt_run(&pb);
        return;
    }
    if (boot_find(t, why, sizeof(why)) == 0)
        return;
    if (cfg->ci == CI_ON)
        fatal("nothing to boot: %s", why);
    log_error("nothing to boot: %s\n", why);
    sniprintf(offer, sizeof(offer), "press any key within %u s for the prompt (ci-mode=on skips this wait)",
              OFFER_PROMPT_MS / 1000);
    if (cfg->ci == CI_AUTO && !prompt_key_within(OFFER_PROMPT_MS, offer))
        fatal("nothing to boot: %s", why);
    prompt_run(&pb);
}

/* What CI's guards call the client, and the input guard armed in CI mode. */
static void watch_client(const struct boot_config *cfg, const struct boot_target *t)
{
    char client[160];
    if (strcmp(t->source, "-kernel") == 0)
        sniprintf(client, sizeof(client), "the -kernel program");
    else if (t->img.path[0])
        sniprintf(client, sizeof(client), "%s from %s", t->img.path, t->device);
    else
        sniprintf(client, sizeof(client), "the program from %s", t->device);
    watchdog_doing(client);
    if (cfg->ci == CI_ON)
        ciwatch_arm(cfg->input_wait_s, client);
}

void sluice_main(void *fdt)
{
    struct boot_config cfg;
    struct boot_target t = { 0 };

    /* Before anything reads it: a tree libfdt could be misled by ends here.
     * A good one names the console, so even the banner reaches it. */
    int bad = fdt_blob_check(fdt, fdt_totalsize(fdt));
    if (!bad)
        console_init(fdt);
    console_puts("\nSluice " SLUICE_VERSION " firmware for QEMU pseries\n");
    if (bad)
        fatal("no valid device tree at 0x%lx: %s", (unsigned long)(uintptr_t)fdt, fdt_strerror(bad));
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
    boot_config_load(&cfg);             /* log-level applies from here on */
    watchdog_set(cfg.boot_limit_s);
    platform_publish_options();
    ci_set_quiesce(handoff_quiesce);
    secure_init();

    pci_init();
    drivers_probe();
    boot_measure_firmware();
    of_disks_bind();
    of_nets_bind();
    of_display_bind();
    of_usb_bind();
    of_vtpm_bind();
    platform_bind_console();

    choose(&cfg, &t);
    publish_bootpath(&t);
    apply_boot_args(&t.img);

    uint64_t stack = claim_top(CLIENT_STACK_SIZE, 0x1000, UINT32_MAX);
    if (stack == CLAIM_FAILED)
        fatal("no memory for the client's stack");
    of_publish_available();
    const struct boot_image *img = &t.img;
    log_info("booting %s: %s %s-endian %s at 0x%lx, initrd: %lu bytes\n", t.source,
             img->elf32 ? "32-bit" : "64-bit", img->little_endian ? "little" : "big",
             img->elf32 ? "program" : "kernel", (unsigned long)img->entry,
             (unsigned long)img->initrd_size);
    boot_measure_handoff(&t);
    watch_client(&cfg, &t);
    /* Big-endian, MMU and interrupts off, as the firmware runs itself; 32-bit
     * programs get 32-bit mode, in which their addresses wrap as they expect. */
    uint64_t msr = MSR_ME | MSR_RI | (img->elf32 ? 0 : 1ull << MSR_SF_BIT);
    if (cfg.fdt_entry && strcmp(t.source, "-kernel") == 0)
        epapr_enter(img, stack + CLIENT_STACK_SIZE - 0x100, msr);
    if (cfg.fdt_entry)
        log_info("kernel-entry=fdt is for -kernel images: entering %s through Open Firmware\n",
                 t.source);
    enter_client(img->entry, img->initrd, img->initrd_size, (uint64_t)(uintptr_t)ci_entry,
                 stack + CLIENT_STACK_SIZE - 0x100, msr);
}
