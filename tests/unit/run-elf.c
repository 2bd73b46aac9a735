/* SPDX-License-Identifier: BSD-2-Clause */
/* ELF parser: every header field is untrusted. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "loader/elf.c"
#include "elfgen.h"

#define KV 0xc000000000000000ull
static uint8_t file[8192];

/* A Debian-vmlinux-shaped image: little-endian, linked at 0xc000..., paddr 0. */
static size_t make_vmlinux(void)
{
    struct gen_seg s[2] = {
        { 1, 0x1000, KV, 0, 0x800, 0x2000 },
        { 4, 0x1800, KV + 0x800, 0x800, 0x80, 0x80 },   /* PT_NOTE: ignored */
    };
    gen_elf(file, true, true, KV, s, 2);
    return 0x1800 + 0x80;
}

static void vmlinux_loads_by_physical_address(void **state)
{
    (void)state;
    struct elf_image img;
    assert_int_equal(elf_parse(file, make_vmlinux(), &img), ELF_OK);
    assert_true(img.is64);
    assert_true(img.little_endian);
    assert_true(img.kernel_virtual);
    assert_int_equal(img.nsegs, 1);
    assert_int_equal(img.seg[0].dest, 0);
    assert_int_equal(img.highest, 0x2000);
    assert_int_equal(elf_entry_dest(&img), 0);
    elf_relocate(&img, 0x400000);
    assert_int_equal(img.seg[0].dest, 0x400000);
    assert_int_equal(elf_entry_dest(&img), 0x400000);
}

static void elf32_big_endian_loads_by_vaddr(void **state)
{
    (void)state;
    struct elf_image img;
    struct gen_seg s = { 1, 0x1000, 0x200000, 0x200000, 0x100, 0x400 };
    gen_elf(file, false, false, 0x200010, &s, 1);
    assert_int_equal(elf_parse(file, 0x1100, &img), ELF_OK);
    assert_false(img.is64);
    assert_false(img.little_endian);
    assert_false(img.kernel_virtual);
    assert_int_equal(img.seg[0].dest, 0x200000);
    assert_int_equal(elf_entry_dest(&img), 0x200010);
}

static void every_truncation_is_refused(void **state)
{
    (void)state;
    struct elf_image img;
    make_vmlinux();
    /* The loadable data ends at 0x1800; the PT_NOTE after it is never read. */
    for (size_t len = 0; len < 0x1800; len++)
        assert_int_not_equal(elf_parse(file, len, &img), ELF_OK);
    assert_int_equal(elf_parse(file, 0x1800, &img), ELF_OK);
}

static void expect(int err, void (*mutate)(void))
{
    struct elf_image img;
    size_t len = make_vmlinux();
    mutate();
    assert_int_equal(elf_parse(file, len, &img), err);
}

static void m_magic(void) { file[1] = 'X'; }
static void m_class(void) { file[4] = 3; }
static void m_data(void) { file[5] = 0; }
static void m_machine(void) { put(file + 18, 20, 2, true); }
static void m_type(void) { put(file + 16, 1, 2, true); }
static void m_phentsize(void) { put(file + 54, 55, 2, true); }
static void m_phnum0(void) { put(file + 56, 0, 2, true); }
static void m_phnum_huge(void) { put(file + 56, 0xffff, 2, true); }
static void m_phoff_past(void) { put(file + 32, 0x10000, 8, true); }
static void m_phoff_wrap(void) { put(file + 32, UINT64_MAX - 8, 8, true); }
static void m_filesz_gt_memsz(void) { put(file + 64 + 32, 0x3000, 8, true); }
static void m_offset_past(void) { put(file + 64 + 8, 0x100000, 8, true); }
static void m_offset_wrap(void) { put(file + 64 + 8, UINT64_MAX - 0x10, 8, true); }
static void m_vaddr_wrap(void) { put(file + 64 + 16, UINT64_MAX - 0x100, 8, true); }
static void m_entry_outside(void) { put(file + 24, KV + 0x100000, 8, true); }
static void m_no_load(void) { put(file + 64, 6, 4, true); }

static void malformed_headers_are_refused(void **state)
{
    (void)state;
    expect(ELF_ERR_MAGIC, m_magic);
    expect(ELF_ERR_CLASS, m_class);
    expect(ELF_ERR_CLASS, m_data);
    expect(ELF_ERR_MACHINE, m_machine);
    expect(ELF_ERR_TYPE, m_type);
    expect(ELF_ERR_PHDR, m_phentsize);
    expect(ELF_ERR_PHDR, m_phnum0);
    expect(ELF_ERR_TOO_MANY, m_phnum_huge);
    expect(ELF_ERR_SHORT, m_phoff_past);
    expect(ELF_ERR_PHDR, m_phoff_wrap);
    expect(ELF_ERR_SEGMENT, m_filesz_gt_memsz);
    expect(ELF_ERR_SHORT, m_offset_past);
    expect(ELF_ERR_SEGMENT, m_offset_wrap);
    expect(ELF_ERR_SEGMENT, m_vaddr_wrap);
    expect(ELF_ERR_ENTRY, m_entry_outside);
    expect(ELF_ERR_NO_LOAD, m_no_load);
}

static void overlapping_segments_are_refused(void **state)
{
    (void)state;
    struct elf_image img;
    struct gen_seg s[2] = {
        { 1, 0x1000, 0x200000, 0x200000, 0x100, 0x1000 },
        { 1, 0x1100, 0x200800, 0x200800, 0x100, 0x100 },
    };
    gen_elf(file, true, false, 0x200000, s, 2);
    assert_int_equal(elf_parse(file, 0x1200, &img), ELF_ERR_OVERLAP);
}

static void elf32_segment_past_4g_is_refused(void **state)
{
    (void)state;
    struct elf_image img;
    struct gen_seg s = { 1, 0x100, 0xfffff000, 0xfffff000, 0x10, 0x2000 };
    gen_elf(file, false, false, 0xfffff000, &s, 1);
    assert_int_equal(elf_parse(file, 0x200, &img), ELF_ERR_SEGMENT);
}

/* Found by fuzz-elf: one segment of 2^64 - 1 bytes at 0 parsed, and moving
 * the image (elf_relocate) then wrapped its end around. */
static void an_image_larger_than_4g_is_refused(void **state)
{
    (void)state;
    struct elf_image img;
    struct gen_seg s = { 1, 0, 0, 0, 0, UINT64_MAX };
    gen_elf(file, true, false, 0x1000000, &s, 1);
    assert_int_equal(elf_parse(file, 0x200, &img), ELF_ERR_SEGMENT);
    struct gen_seg two[2] = {
        { 1, 0x100, 0x100000, 0x100000, 0x10, 0x10 },
        { 1, 0x100, 0x200000000, 0x200000000, 0x10, 0x10 },
    };
    gen_elf(file, true, false, 0x100000, two, 2);
    assert_int_equal(elf_parse(file, 0x200, &img), ELF_ERR_SEGMENT);
    two[1].vaddr = two[1].paddr = 0xfffff000;
    gen_elf(file, true, false, 0x100000, two, 2);
    assert_int_equal(elf_parse(file, 0x200, &img), ELF_OK);
}

/* 17 loadable segments (more than the old limit of 16) load; a program
 * header table of more than 64 entries is refused as such. */
static void many_segments_load_and_too_many_headers_are_refused(void **state)
{
    (void)state;
    struct elf_image img;
    struct gen_seg s[ELF_MAX_PHDRS + 1];
    for (unsigned i = 0; i <= ELF_MAX_PHDRS; i++)
        s[i] = (struct gen_seg){ 1, 0x1000, 0x100000 + i * 0x1000, 0x100000 + i * 0x1000, 0x10, 0x10 };
    gen_elf(file, true, false, 0x100000, s, 17);
    assert_int_equal(elf_parse(file, 0x1010, &img), ELF_OK);
    assert_int_equal(img.nsegs, 17);
    gen_elf(file, true, false, 0x100000, s, ELF_MAX_PHDRS);
    assert_int_equal(elf_parse(file, 0x1010, &img), ELF_OK);
    gen_elf(file, true, false, 0x100000, s, ELF_MAX_PHDRS + 1);
    assert_int_equal(elf_parse(file, 0x1010, &img), ELF_ERR_TOO_MANY);
    uint64_t need;
    assert_int_equal(elf_headers_size(file, 64, &need), ELF_ERR_TOO_MANY);
}

/* A program header table far into the file (patchelf puts it at the end):
 * the headers' size says how much to read first, and the file parses. */
static void headers_past_the_first_64k(void **state)
{
    (void)state;
    static uint8_t big[0x30000];
    struct elf_image img;
    struct gen_seg s = { 1, 0x1000, 0x100000, 0x100000, 0x10, 0x10 };
    size_t end = gen_elf(big, true, true, 0x100000, &s, 1);
    memcpy(big + 0x20000, big + 64, end - 64);              /* move the table */
    memset(big + 64, 0, end - 64);
    put(big + 32, 0x20000, 8, true);
    uint64_t need;
    assert_int_equal(elf_headers_size(big, 64, &need), ELF_OK);
    assert_int_equal(need, 0x20000 + 56);
    assert_int_equal(elf_headers_size(big, 63, &need), ELF_ERR_SHORT);
    assert_int_equal(elf_headers_size(big, 4, &need), ELF_ERR_SHORT);
    assert_int_equal(elf_parse(big, 0x20000 + 56, &img), ELF_OK);
    assert_int_equal(elf_parse(big, 0x20000 + 55, &img), ELF_ERR_SHORT);
    put(big + 24, 0x900000, 8, true);                        /* entry outside: said so */
    assert_int_equal(elf_parse(big, 0x20000 + 56, &img), ELF_ERR_ENTRY);
}

/* Random corruption of a valid header never crashes or reads out of bounds
 * (ASan watches), and whatever parses has segments inside the file. */
static void random_corruption_is_safe(void **state)
{
    (void)state;
    srand(1275);
    for (int round = 0; round < 20000; round++) {
        size_t len = make_vmlinux();
        int flips = 1 + rand() % 8;
        for (int i = 0; i < flips; i++)
            file[rand() % 200] = (uint8_t)rand();
        len = (size_t)rand() % (len + 1);
        uint8_t *copy = malloc(len ? len : 1);
        memcpy(copy, file, len);
        struct elf_image img;
        if (elf_parse(copy, len, &img) == ELF_OK)
            for (unsigned s = 0; s < img.nsegs; s++)
                assert_true(img.seg[s].offset + img.seg[s].filesz <= len);
        free(copy);
    }
}

static void every_error_has_a_message(void **state)
{
    (void)state;
    for (int e = ELF_ERR_OVERLAP; e <= 0; e++)
        assert_string_not_equal(elf_strerror(e), "unknown ELF error");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vmlinux_loads_by_physical_address),
        cmocka_unit_test(elf32_big_endian_loads_by_vaddr),
        cmocka_unit_test(every_truncation_is_refused),
        cmocka_unit_test(malformed_headers_are_refused),
        cmocka_unit_test(overlapping_segments_are_refused),
        cmocka_unit_test(elf32_segment_past_4g_is_refused),
        cmocka_unit_test(many_segments_load_and_too_many_headers_are_refused),
        cmocka_unit_test(headers_past_the_first_64k),
        cmocka_unit_test(random_corruption_is_safe),
        cmocka_unit_test(every_error_has_a_message),
        cmocka_unit_test(an_image_larger_than_4g_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
