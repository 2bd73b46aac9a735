/* SPDX-License-Identifier: BSD-2-Clause */
/* Boot order: bootindex, then boot-device, then the scan; -boot letters;
 * aliases expanded by the caller; every device once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/order.c"

#define PHB "/pci@800000020000000"

static const struct boot_device devs[] = {
    { BOOT_DISK, 0, PHB "/scsi@0", false, NULL },
    { BOOT_DISK, 1, PHB "/scsi@1", false, NULL },
    { BOOT_DISK, 2, PHB "/pci@5/scsi@1", false, NULL },
    { BOOT_NET, 0, PHB "/ethernet@2", false, NULL },
    { BOOT_NET, 1, PHB "/ethernet@2,1", false, NULL },
};

/* The aliases Sluice makes, and absolute paths unchanged. */
static const char *expand(const char *spec, char *buf, size_t len, void *ctx)
{
    static const char *const aliases[][2] = {
        { "disk", PHB "/scsi@0" }, { "disk1", PHB "/scsi@1" }, { "disk2", PHB "/pci@5/scsi@1" },
        { "net", PHB "/ethernet@2" }, { "net1", PHB "/ethernet@2,1" },
    };
    (void)ctx;
    if (spec[0] == '/') {
        snprintf(buf, len, "%s", spec);
        return buf;
    }
    size_t n = strcspn(spec, ":/");
    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
        if (strlen(aliases[i][0]) == n && strncmp(spec, aliases[i][0], n) == 0) {
            snprintf(buf, len, "%s%s", aliases[i][1], spec + n);
            return buf;
        }
    return NULL;
}

static char missed[256];
static void unmatched(const char *spec, const char *reason, void *ctx)
{
    (void)ctx;
    size_t n = strlen(missed);
    snprintf(missed + n, sizeof(missed) - n, "%s%s:%s", n ? " " : "", reason, spec);
}

/* The order as "<device index><i|d|s> ..." (bootindex, boot-device, scan)
 * for short assertions. */
static const struct boot_device *devices = devs;
static unsigned ndevices = 5;
static const char *order(const char *list, const char *setting, const char *letters)
{
    static char text[256];
    struct boot_candidate out[8];
    struct boot_order_in in = { devices, ndevices, list, setting, letters, expand, unmatched, NULL };
    missed[0] = '\0';
    unsigned n = boot_order(&in, out, 8);
    text[0] = '\0';
    for (unsigned i = 0; i < n; i++) {
        size_t used = strlen(text);
        char tag = strcmp(out[i].reason, "bootindex") == 0     ? 'i'
                 : strcmp(out[i].reason, "boot-device") == 0 ? 'd'
                 : strcmp(out[i].reason, "scan") == 0        ? 's' : '?';
        snprintf(text + used, sizeof(text) - used, "%s%ld%c", i ? " " : "",
                 (long)(out[i].dev - devices), tag);
    }
    return text;
}

static void default_scan_is_disks_then_networks(void **state)
{
    (void)state;
    assert_string_equal(order(NULL, NULL, NULL), "0s 1s 2s 3s 4s");
    assert_string_equal(order("", "", ""), "0s 1s 2s 3s 4s");
    assert_string_equal(missed, "");
}

static void boot_letters_reorder_the_scan(void **state)
{
    (void)state;
    assert_string_equal(order(NULL, NULL, "n"), "3s 4s 0s 1s 2s");
    assert_string_equal(order(NULL, NULL, "cn"), "0s 1s 2s 3s 4s");
    assert_string_equal(order(NULL, NULL, "dan"), "3s 4s 0s 1s 2s");
}

/* QEMU's -boot d: CD drives first. Otherwise they come after the other
 * disks, so a CD left in the drive does not take over an installed system. */
static void cd_drives_follow_disks_unless_d_says_first(void **state)
{
    (void)state;
    static const struct boot_device with_cd[] = {
        { BOOT_DISK, 0, "/vdevice/v-scsi@71000002/disk@8200000000000000", true, NULL },
        { BOOT_DISK, 1, PHB "/scsi@0", false, NULL },
        { BOOT_NET, 0, PHB "/ethernet@2", false, NULL },
    };
    devices = with_cd, ndevices = 3;
    assert_string_equal(order(NULL, NULL, NULL), "1s 0s 2s");
    assert_string_equal(order(NULL, NULL, "d"), "0s 1s 2s");
    assert_string_equal(order(NULL, NULL, "nd"), "2s 0s 1s");
    assert_string_equal(order(NULL, NULL, "cdn"), "1s 0s 2s");
}

static int back_to_the_usual_devices(void **state)
{
    (void)state;
    devices = devs, ndevices = 5;
    return 0;
}

static void bootindex_comes_first_then_boot_device(void **state)
{
    (void)state;
    assert_string_equal(order(PHB "/ethernet@2 " PHB "/scsi@1", "disk2 disk1", "n"),
                        "3i 1i 2d 4s 0s");
    /* Device paths with arguments name the device; with more below them,
     * something that is not there, so nothing. */
    assert_string_equal(order(PHB "/scsi@1/disk@0,0  " PHB "/scsi@0:2", NULL, NULL),
                        "0i 1s 2s 3s 4s");
    assert_string_equal(missed, "bootindex:" PHB "/scsi@1/disk@0,0");
    missed[0] = '\0';
    assert_string_equal(order(NULL, "net1:speed=auto\tdisk2", NULL), "4d 2d 0s 1s 3s");
}

static void paths_must_match_whole_components(void **state)
{
    (void)state;
    assert_true(boot_path_matches(PHB "/scsi@1", PHB "/scsi@1"));
    assert_false(boot_path_matches(PHB "/scsi@1", PHB "/scsi@10"));
    assert_false(boot_path_matches(PHB "/ethernet@2", PHB "/ethernet@2,1"));
    assert_false(boot_path_matches(PHB "/scsi@1", PHB));
    assert_string_equal(order(PHB "/scsi@10 " PHB "/ethernet@2,1", NULL, NULL), "4i 0s 1s 2s 3s");
    assert_string_equal(missed, "bootindex:" PHB "/scsi@10");
    /* Children that are not there name nothing, not the device above them. */
    assert_false(boot_path_matches(PHB "/scsi@0", PHB "/scsi@0/foo@1"));
    assert_string_equal(order(NULL, PHB "/scsi@0/foo@1 " PHB "/scsi@0/disk@ZZZ:1", NULL), "0s 1s 2s 3s 4s");
    assert_string_equal(missed, "boot-device:" PHB "/scsi@0/foo@1 boot-device:" PHB "/scsi@0/disk@ZZZ:1");
}

static void entries_naming_nothing_are_reported(void **state)
{
    (void)state;
    char longspec[600];
    memset(longspec, 'x', sizeof(longspec) - 1);
    longspec[sizeof(longspec) - 1] = '\0';
    assert_string_equal(order("/nothere", "cdrom disk1 cdrom", NULL), "1d 0s 2s 3s 4s");
    assert_string_equal(missed, "bootindex:/nothere boot-device:cdrom boot-device:cdrom");
    assert_string_equal(order(NULL, longspec, NULL), "0s 1s 2s 3s 4s");
    assert_string_equal(missed, "boot-device:(an entry too long to be a path)");
}

static void every_device_once_and_out_is_bounded(void **state)
{
    (void)state;
    assert_string_equal(order("/pci@800000020000000/scsi@0 /pci@800000020000000/scsi@0", "disk disk",
                              "nnc"), "0i 3s 4s 1s 2s");
    struct boot_candidate out[2];
    struct boot_order_in in = { devs, 5, NULL, "net1 disk1 disk", NULL, expand, NULL, NULL };
    assert_int_equal(boot_order(&in, out, 2), 2);
    assert_ptr_equal(out[0].dev, &devs[4]);
    assert_ptr_equal(out[1].dev, &devs[1]);
}

/* -boot strict=on: QEMU ends the list with HALT, and only the devices the
 * list and the setting name are tried; upper-case hex names the same. */
static void strict_lists_stop_and_case_does_not_matter(void **state)
{
    (void)state;
    assert_string_equal(order(PHB "/ethernet@2 HALT", NULL, NULL), "3i");
    assert_string_equal(order(PHB "/ethernet@2 HALT", "disk1", "n"), "3i 1d");
    assert_string_equal(order("HALT", NULL, NULL), "");
    assert_true(boot_path_matches("/vdevice/v-scsi@71000002/disk@8200000000000000",
                                  "/vdevice/v-scsi@71000002/DISK@8200000000000000"));
    assert_true(boot_path_matches("/pci@800000020000000/scsi@0/disk@105412c00000000",
                                  "/pci@800000020000000/scsi@0/disk@105412C00000000:1"));
    assert_string_equal(order("/PCI@800000020000000/SCSI@1", NULL, NULL), "1i 0s 2s 3s 4s");
}

/* QEMU's pseries boot list drops the "/namespace@N,0" an NVMe bootindex
 * asks for: it names the controller (-device nvme) or "<controller>/nvme-ns"
 * (-device nvme-ns), and either names every namespace of that controller,
 * with the arguments given after it. A bus above does not. */
static void a_controller_names_its_namespaces(void **state)
{
    (void)state;
    static const struct boot_device with_nvme[] = {
        { BOOT_DISK, 0, PHB "/scsi@0", false, NULL },
        { BOOT_DISK, 1, PHB "/mass-storage@3/namespace@1,0", false, PHB "/mass-storage@3" },
        { BOOT_DISK, 2, PHB "/mass-storage@3/namespace@2,0", false, PHB "/mass-storage@3" },
        { BOOT_DISK, 3, PHB "/mass-storage@4/namespace@1,0", false, PHB "/mass-storage@4" },
    };
    const char *args = NULL;
    devices = with_nvme, ndevices = 4;
    assert_string_equal(order(PHB "/mass-storage@3", NULL, NULL), "1i 2i 0s 3s");
    assert_string_equal(order(PHB "/mass-storage@4/nvme-ns " PHB "/scsi@0", NULL, NULL), "3i 0i 1s 2s");
    assert_string_equal(order(PHB "/mass-storage@3/namespace@2,0", NULL, NULL), "2i 0s 1s 3s");
    assert_string_equal(order(PHB, NULL, NULL), "0s 1s 2s 3s");
    assert_string_equal(order(PHB "/mass-storage@30", NULL, NULL), "0s 1s 2s 3s");
    assert_true(boot_device_named(with_nvme, 4, 2, PHB "/MASS-STORAGE@3:2,\\boot", &args));
    assert_string_equal(args, "2,\\boot");
    assert_true(boot_device_named(with_nvme, 4, 2, PHB "/mass-storage@3/namespace@2,0:1", &args));
    assert_string_equal(args, "1");
    assert_false(boot_device_named(with_nvme, 4, 1, PHB "/mass-storage@3/namespace@2,0", &args));
    assert_false(boot_device_named(with_nvme, 4, 0, PHB "/mass-storage@3", &args));
    /* An nvme-ns of an nvme-subsys is "/nvme-ns": with two namespaces it
     * names neither; with one, seen through two controllers, it. */
    assert_string_equal(order("/nvme-ns", NULL, NULL), "0s 1s 2s 3s");
    assert_string_equal(missed, "bootindex:/nvme-ns");
    static const struct boot_device shared[] = {
        { BOOT_DISK, 0, PHB "/scsi@0", false, NULL },
        { BOOT_DISK, 1, PHB "/mass-storage@3/namespace@2,0", false, PHB "/mass-storage@3" },
        { BOOT_DISK, 2, PHB "/mass-storage@4/namespace@2,0", false, PHB "/mass-storage@4" },
    };
    devices = shared, ndevices = 3;
    assert_string_equal(order("/nvme-ns HALT", NULL, NULL), "1i 2i");
    devices = with_nvme, ndevices = 4;
    assert_false(boot_device_named(with_nvme, 4, 1, PHB "/mass-storage@3/namespace@9,0", &args));
    assert_false(boot_device_named(with_nvme, 4, 1, PHB "/mass-storage@3/nvme-ns@1", &args));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_scan_is_disks_then_networks),
        cmocka_unit_test(boot_letters_reorder_the_scan),
        cmocka_unit_test_teardown(cd_drives_follow_disks_unless_d_says_first, back_to_the_usual_devices),
        cmocka_unit_test(bootindex_comes_first_then_boot_device),
        cmocka_unit_test(paths_must_match_whole_components),
        cmocka_unit_test(entries_naming_nothing_are_reported),
        cmocka_unit_test(every_device_once_and_out_is_bounded),
        cmocka_unit_test(strict_lists_stop_and_case_does_not_matter),
        cmocka_unit_test_teardown(a_controller_names_its_namespaces, back_to_the_usual_devices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
