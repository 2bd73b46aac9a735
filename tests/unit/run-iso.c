/* SPDX-License-Identifier: BSD-2-Clause */
/* ISO9660 lookups and CHRP bootinfo.txt parsing, on volumes built here:
 * what installers ship, and what a broken or hostile disc holds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "loader/iso9660.c"
#include "loader/bootinfo.c"

#define SECTORS 64
static uint8_t iso[SECTORS * ISO_SECTOR];
static uint32_t block = ISO_SECTOR;
static int bad_sector = -1;

static int rd(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
    (void)ctx;
    uint64_t off = lba * block, len = (uint64_t)count * block;
    if (off + len > sizeof(iso) || (bad_sector >= 0 && (uint64_t)bad_sector * ISO_SECTOR >= off &&
                                    (uint64_t)bad_sector * ISO_SECTOR < off + len))
        return -1;
    memcpy(buf, iso + off, len);
    return 0;
}

static void le32_both(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint8_t)(v >> (8 * i));
        p[7 - i] = (uint8_t)(v >> (8 * i));
    }
}

/* A directory record at p: returns its length. rr: a Rock Ridge NM name. */
static size_t record(uint8_t *p, const char *name, uint32_t extent, uint32_t size, bool dir,
                     const char *rr)
{
    size_t n = strlen(name), len = 33 + n + (n % 2 == 0);
    memset(p, 0, len);
    if (rr) {
        uint8_t *su = p + len;
        su[0] = 'N', su[1] = 'M', su[2] = (uint8_t)(5 + strlen(rr)), su[3] = 1, su[4] = 0;
        memcpy(su + 5, rr, strlen(rr));
        len += 5 + strlen(rr);
        len += len % 2;
    }
    p[0] = (uint8_t)len;
    le32_both(p + 2, extent);
    le32_both(p + 10, size);
    p[25] = dir ? 2 : 0;
    p[32] = (uint8_t)n;
    memcpy(p + 33, name, n);
    return len;
}

/* PVD at 16, terminator at 17, root at 20: ".", "..", PPC/, BOOT/ (RR
 * name "boot"); PPC at 21: BOOTINFO.TXT;1 at 30; BOOT at 22: GRUB_ (RR
 * "grub") at 23: POWERPC.ELF;1 at 31. */
static void build(void)
{
    memset(iso, 0, sizeof(iso));
    uint8_t *pvd = iso + 16 * ISO_SECTOR;
    pvd[0] = 1;
    memcpy(pvd + 1, "CD001", 5);
    pvd[6] = 1;
    le32_both(pvd + 80, SECTORS);
    pvd[128] = 0x00, pvd[129] = 0x08, pvd[130] = 0x08, pvd[131] = 0x00;
    record(pvd + 156, "\0", 20, ISO_SECTOR, true, NULL);
    uint8_t *term = iso + 17 * ISO_SECTOR;
    term[0] = 255;
    memcpy(term + 1, "CD001", 5);
    uint8_t *root = iso + 20 * ISO_SECTOR;
    size_t off = record(root, "\0", 20, ISO_SECTOR, true, NULL);
    off += record(root + off, "\1", 20, ISO_SECTOR, true, NULL);
    off += record(root + off, "PPC", 21, ISO_SECTOR, true, NULL);
    record(root + off, "BOOT", 22, ISO_SECTOR, true, "boot");
    record(iso + 21 * ISO_SECTOR, "BOOTINFO.TXT;1", 30, 100, false, NULL);
    record(iso + 22 * ISO_SECTOR, "GRUB_", 23, ISO_SECTOR, true, "grub");
    record(iso + 23 * ISO_SECTOR, "POWERPC.ELF;1", 31, 5000, false, "powerpc.elf");
    block = ISO_SECTOR;
    bad_sector = -1;
}

static int find(const char *path, struct iso_file *f)
{
    return iso_find(rd, NULL, block, sizeof(iso) / block, path, f);
}

static void files_are_found_by_any_case_and_either_slash(void **state)
{
    (void)state;
    struct iso_file f;
    build();
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), 0);
    assert_int_equal(f.offset, 30 * ISO_SECTOR);
    assert_int_equal(f.size, 100);
    assert_int_equal(find("/PPC/BOOTINFO.TXT", &f), 0);
    assert_int_equal(find("\\boot\\grub\\powerpc.elf", &f), 0);     /* Rock Ridge names */
    assert_int_equal(f.offset, 31 * ISO_SECTOR);
    assert_int_equal(find("/ppc/nothere", &f), ISO_ERR_NOT_FOUND);
    assert_int_equal(find("/ppc", &f), ISO_ERR_NOT_FILE);
    assert_int_equal(find("/ppc/bootinfo.txt/x", &f), ISO_ERR_NOT_FOUND);
    static const uint32_t sizes[] = { 512, 2048, 4096 };        /* an ISO image on a disk too */
    for (unsigned i = 0; i < 3; i++) {
        block = sizes[i];
        assert_int_equal(find("\\ppc\\bootinfo.txt", &f), 0);
        assert_int_equal(f.offset, 30 * ISO_SECTOR);
    }
}

static void broken_volumes_are_refused(void **state)
{
    (void)state;
    struct iso_file f;
    build();
    iso[16 * ISO_SECTOR + 1] = 'X';
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_NOT_ISO);
    build();
    iso[21 * ISO_SECTOR] = 20;                       /* a record shorter than its header */
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_CORRUPT);
    build();
    iso[21 * ISO_SECTOR] = 255;
    iso[21 * ISO_SECTOR + 32] = 240;                 /* a name longer than its record */
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_CORRUPT);
    build();
    le32_both(iso + 21 * ISO_SECTOR + 10, 0xffffff00); /* a file past the volume */
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_CORRUPT);
    build();
    le32_both(iso + 20 * ISO_SECTOR + 68 + 10, 0x7fffffff);  /* a huge directory */
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_CORRUPT);
    build();
    bad_sector = 21;
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_READ);
    build();
    iso[16 * ISO_SECTOR + 129] = 0x02;               /* 512-byte logical blocks */
    assert_int_equal(find("\\ppc\\bootinfo.txt", &f), ISO_ERR_CORRUPT);
    assert_non_null(iso_strerror(ISO_ERR_CORRUPT));
}

/* Paths go as deep as the volume does (here 40 directories, each naming
 * itself and the file); a directory that names itself, walked without
 * end, stops when the walk has read its bound. */
static void deep_paths_are_followed_and_loops_end(void **state)
{
    (void)state;
    struct iso_file f;
    build();
    size_t off = record(iso + 21 * ISO_SECTOR, "PPC", 21, ISO_SECTOR, true, NULL);
    record(iso + 21 * ISO_SECTOR + off, "BOOTINFO.TXT;1", 30, 100, false, NULL);
    char path[400] = "";
    for (int i = 0; i < 40; i++)
        strcat(path, "/ppc");
    assert_int_equal(find(path, &f), ISO_ERR_NOT_FILE);
    strcat(path, "/bootinfo.txt");
    assert_int_equal(find(path, &f), 0);
    assert_int_equal(f.offset, 30 * ISO_SECTOR);
    size_t n = 4 * (WALK_MAX_BYTES / ISO_SECTOR + 1);
    char *endless = malloc(n + 1);
    for (size_t i = 0; i < n; i += 4)
        memcpy(endless + i, "/ppc", 4);
    endless[n] = '\0';
    assert_int_equal(find(endless, &f), ISO_ERR_TOO_MUCH);
    free(endless);
}

static void random_volumes_are_safe(void **state)
{
    (void)state;
    struct iso_file f;
    srand(9660);
    for (int round = 0; round < 3000; round++) {
        build();
        for (int i = 0; i < 10; i++)
            iso[16 * ISO_SECTOR + (size_t)rand() % (8 * ISO_SECTOR)] = (uint8_t)rand();
        if (find("\\boot\\grub\\powerpc.elf", &f) == 0)
            assert_true(f.offset + f.size <= sizeof(iso));
    }
}

static void bootinfo_names_the_program_and_its_arguments(void **state)
{
    (void)state;
    struct bootinfo b;
    const char *grub = "<chrp-boot>\n<os-name>grub 2.06</os-name>\n"
                       "<boot-script>boot &device;:\\boot\\grub\\powerpc.elf</boot-script>\n</chrp-boot>\n";
    assert_int_equal(bootinfo_parse(grub, strlen(grub), &b), 0);
    assert_string_equal(b.path, "\\boot\\grub\\powerpc.elf");
    assert_string_equal(b.args, "");
    const char *args = "<BOOT-SCRIPT>\r\n\" get-it\" type\r\nboot &device;:1,\\ppc\\chrp\\yaboot "
                       "conf=&device;:1,\\etc\\yaboot.conf\r\n</BOOT-SCRIPT>";
    assert_int_equal(bootinfo_parse(args, strlen(args), &b), 0);
    assert_string_equal(b.path, "\\ppc\\chrp\\yaboot");
    assert_string_equal(b.args, "conf=&device;:1,\\etc\\yaboot.conf");
    const char *reboot = "<boot-script>reboot\nboot &device;:\\install\\vmlinux</boot-script>";
    assert_int_equal(bootinfo_parse(reboot, strlen(reboot), &b), 0);
    assert_string_equal(b.path, "\\install\\vmlinux");
}

static void bootinfo_without_what_to_boot_is_refused(void **state)
{
    (void)state;
    struct bootinfo b;
    const char *none = "<chrp-boot><os-name>x</os-name></chrp-boot>";
    assert_int_equal(bootinfo_parse(none, strlen(none), &b), BOOTINFO_ERR_NO_SCRIPT);
    const char *open = "<boot-script>boot &device;:\\x";
    assert_int_equal(bootinfo_parse(open, strlen(open), &b), BOOTINFO_ERR_NO_SCRIPT);
    const char *other = "<boot-script>boot cdrom:\\x</boot-script>";
    assert_int_equal(bootinfo_parse(other, strlen(other), &b), BOOTINFO_ERR_NO_BOOT);
    char longp[600] = "<boot-script>boot &device;:\\";
    memset(longp + strlen(longp), 'a', 300);
    strcat(longp, "</boot-script>");
    assert_int_equal(bootinfo_parse(longp, strlen(longp), &b), BOOTINFO_ERR_TOO_LONG);
    const char *empty = "<boot-script>boot &device;: </boot-script>";
    assert_int_equal(bootinfo_parse(empty, strlen(empty), &b), BOOTINFO_ERR_NO_BOOT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(files_are_found_by_any_case_and_either_slash),
        cmocka_unit_test(broken_volumes_are_refused),
        cmocka_unit_test(deep_paths_are_followed_and_loops_end),
        cmocka_unit_test(random_volumes_are_safe),
        cmocka_unit_test(bootinfo_names_the_program_and_its_arguments),
        cmocka_unit_test(bootinfo_without_what_to_boot_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
