/* SPDX-License-Identifier: BSD-2-Clause */
/* CHRP NVRAM partitions: scan, checksum, format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "nvram/chrp.c"

static char why[160];
static uint8_t nv[65536];

/* The CHRP definition, as QEMU writes -prom-env partitions: bytes 0 and 2-15
 * summed, carries folded back at the end. */
static uint8_t chrp_definition(const uint8_t *h)
{
    uint32_t sum = h[0];
    for (int i = 2; i < 16; i++)
        sum += h[i];
    while (sum > 0xff)
        sum = (sum & 0xff) + (sum >> 8);
    return (uint8_t)sum;
}

/* Linux's nvram_checksum (arch/powerpc/kernel/nvram_64.c), re-derived: 16-bit
 * words summed, then folded. It differs from the definition for a few
 * headers with rare carries, so what Sluice writes must satisfy both. */
static uint8_t linux_checksum(const uint8_t *h)
{
    unsigned sum = h[0] + ((h[2] << 8) | h[3]);
    for (int i = 4; i < 16; i += 2)
        sum += (h[i] << 8) | h[i + 1];
    sum = ((sum & 0xffff) + (sum >> 16)) & 0xffff;
    unsigned swapped = (sum >> 8) + (sum << 8);
    return (uint8_t)(((sum + swapped) >> 8) & 0xff);
}

static void checksum_is_the_chrp_one(void **state)
{
    (void)state;
    uint8_t h[16];
    srand(3);
    for (int i = 0; i < 100000; i++) {
        for (int k = 0; k < 16; k++)
            h[k] = (uint8_t)rand();
        assert_int_equal(chrp_checksum(h), chrp_definition(h));
    }
}

static void format_then_scan(void **state)
{
    (void)state;
    struct chrp_part p[4];
    assert_int_equal(chrp_format(nv, sizeof(nv)), 0);
    assert_int_equal(chrp_scan(nv, sizeof(nv), p, 4, why, sizeof(why)), 2);
    assert_int_equal(p[0].sig, CHRP_SIG_SYSTEM);
    assert_string_equal(p[0].name, "system");
    assert_int_equal(p[0].length, CHRP_SYSTEM_SIZE);
    assert_int_equal(p[1].sig, CHRP_SIG_FREE);
    assert_int_equal(p[1].offset + p[1].length, sizeof(nv));
    for (int i = 0; i < 2; i++)     /* Linux accepts both headers */
        assert_int_equal(nv[p[i].offset + 1], linux_checksum(nv + p[i].offset));
}

static void blank_and_damaged_images_are_refused(void **state)
{
    (void)state;
    struct chrp_part p[4];
    memset(nv, 0, sizeof(nv));
    assert_int_equal(chrp_scan(nv, sizeof(nv), p, 4, why, sizeof(why)), CHRP_ERR_LENGTH);
    chrp_format(nv, sizeof(nv));
    nv[CHRP_SYSTEM_SIZE + 5] ^= 1;                      /* free header's name */
    assert_int_equal(chrp_scan(nv, sizeof(nv), p, 4, why, sizeof(why)), CHRP_ERR_CHECKSUM);
    /* Which header, where, and what its checksum should have been. */
    char expect[96];
    snprintf(expect, sizeof(expect), "the partition header at offset 0x%x has checksum 0x%02x, not 0x%02x",
             CHRP_SYSTEM_SIZE, nv[CHRP_SYSTEM_SIZE + 1], chrp_checksum(nv + CHRP_SYSTEM_SIZE));
    assert_string_equal(why, expect);
    chrp_format(nv, sizeof(nv));
    assert_int_equal(chrp_scan(nv, sizeof(nv) - 16, p, 4, why, sizeof(why)), CHRP_ERR_LENGTH);  /* past the end */
    snprintf(expect, sizeof(expect), "the partition at offset 0x%x is %u bytes long, past the end of NVRAM",
             CHRP_SYSTEM_SIZE, (unsigned)(sizeof(nv) - CHRP_SYSTEM_SIZE));
    assert_string_equal(why, expect);
    assert_int_equal(chrp_scan(nv, 8, p, 4, why, sizeof(why)), CHRP_ERR_SHORT);
    assert_int_equal(chrp_scan(nv, sizeof(nv), p, 1, why, sizeof(why)), CHRP_ERR_TOO_MANY);
    assert_int_equal(chrp_format(nv, CHRP_SYSTEM_SIZE), ERR_RANGE);  /* no room for free space */
}

static void random_images_are_safe(void **state)
{
    (void)state;
    struct chrp_part p[8];
    srand(9);
    for (int round = 0; round < 2000; round++) {
        chrp_format(nv, 4096 + 16 * (size_t)(rand() % 256));
        for (int i = 0; i < 6; i++)
            nv[rand() % 8192] = (uint8_t)rand();
        size_t len = (size_t)rand() % 8192;
        int n = chrp_scan(nv, len, p, 8, why, sizeof(why));
        for (int i = 0; i < n; i++)
            assert_true(p[i].offset + p[i].length <= len);
    }
}

/* -prom-env settings as QEMU writes them: name=value strings, NUL-separated. */
static void settings_are_found_exactly(void **state)
{
    (void)state;
    static const uint8_t env[] = "boot-device=disk\0secure-mode=on\0secure=no\0empty=\0\0\xff\xff";
    char v[16];
    assert_int_equal(chrp_env_get(env, sizeof(env), "secure-mode", v, sizeof(v)), 0);
    assert_string_equal(v, "on");
    assert_int_equal(chrp_env_get(env, sizeof(env), "secure", v, sizeof(v)), 0);
    assert_string_equal(v, "no");
    assert_int_equal(chrp_env_get(env, sizeof(env), "empty", v, sizeof(v)), 0);
    assert_string_equal(v, "");
    assert_int_equal(chrp_env_get(env, sizeof(env), "boot", v, sizeof(v)), ERR_NOT_FOUND);
    assert_int_equal(chrp_env_get(env, sizeof(env), "nothere", v, sizeof(v)), ERR_NOT_FOUND);
    assert_int_equal(chrp_env_get(env, sizeof(env), "boot-device", v, 4), ERR_RANGE);   /* too long */
}

/* A name given twice (-prom-env ci-mode=on -prom-env ci-mode=off): the last. */
static void the_last_of_a_repeated_setting_counts(void **state)
{
    (void)state;
    static const uint8_t env[] = "ci-mode=on\0boot-file=x\0ci-mode=off\0\0";
    char v[8];
    assert_int_equal(chrp_env_get(env, sizeof(env), "ci-mode", v, sizeof(v)), 0);
    assert_string_equal(v, "off");
}

/* QEMU's layout when a -prom-env value passes the 2 KiB it gives them: its
 * free partition's header at 0x800, inside the system partition. The
 * settings before it and after the value it cut are still read. */
static void a_layout_qemu_overran_keeps_what_it_can(void **state)
{
    (void)state;
    struct chrp_part p[8];
    uint8_t out[8192];
    char lost[40], v[16];
    size_t at, used = CHRP_BLOCK;
    memset(nv, 0, sizeof(nv));
    used += (size_t)sprintf((char *)nv + used, "ci-mode=on") + 1;
    used += (size_t)sprintf((char *)nv + used, "boot-args=") ;
    memset(nv + used, 'a', 3000);
    used += 3001;
    used += (size_t)sprintf((char *)nv + used, "log-level=debug") + 1;
    header(nv, CHRP_SIG_SYSTEM, (used + 1 + 15) & ~15ul, "system");
    header(nv + 0x800, CHRP_SIG_FREE, sizeof(nv) - 0x800, "wwwwwwwwwwww");
    assert_true(chrp_scan(nv, sizeof(nv), p, 8, why, sizeof(why)) < 0);
    assert_int_equal(chrp_find_overrun(nv, sizeof(nv), &at), 0);
    assert_int_equal(at, 0x800);
    size_t n = chrp_overrun_settings(nv, at, out, lost, sizeof(lost));
    assert_string_equal(lost, "boot-args");
    assert_int_equal(chrp_env_get(out, n, "ci-mode", v, sizeof(v)), 0);
    assert_string_equal(v, "on");
    assert_int_equal(chrp_env_get(out, n, "log-level", v, sizeof(v)), 0);
    assert_string_equal(v, "debug");
    assert_int_equal(chrp_env_get(out, n, "boot-args", v, sizeof(v)), ERR_NOT_FOUND);

    /* Settings that ended before the header lose nothing. */
    memset(nv, 0, sizeof(nv));
    sprintf((char *)nv + CHRP_BLOCK, "ci-mode=on");
    header(nv, CHRP_SIG_SYSTEM, 0x1000, "system");
    header(nv + 0x800, CHRP_SIG_FREE, sizeof(nv) - 0x800, "wwwwwwwwwwww");
    assert_int_equal(chrp_find_overrun(nv, sizeof(nv), &at), 0);
    n = chrp_overrun_settings(nv, at, out, lost, sizeof(lost));
    assert_string_equal(lost, "");
    assert_int_equal(chrp_env_get(out, n, "ci-mode", v, sizeof(v)), 0);

    /* Other damage is not taken for it. */
    header(nv + 0x800, CHRP_SIG_FREE, 0x1000, "wwwwwwwwwwww");      /* not to the end */
    assert_int_equal(chrp_find_overrun(nv, sizeof(nv), &at), ERR_NOT_FOUND);
    header(nv, CHRP_SIG_FREE, 0x1000, "free");                        /* no system partition first */
    assert_int_equal(chrp_find_overrun(nv, sizeof(nv), &at), ERR_NOT_FOUND);
}

static void a_setting_running_off_the_end_is_ignored(void **state)
{
    (void)state;
    static const uint8_t env[] = { 'a', '=', '1', 0, 'b', '=', '2' };
    char v[8];
    assert_int_equal(chrp_env_get(env, sizeof(env), "a", v, sizeof(v)), 0);
    assert_int_equal(chrp_env_get(env, sizeof(env), "b", v, sizeof(v)), ERR_NOT_FOUND);
    assert_int_equal(chrp_env_get(env, 0, "a", v, sizeof(v)), ERR_NOT_FOUND);
}

/* Settings as the data of a system partition, for set/next round trips. */
static const char *env_text(const uint8_t *data, size_t len)
{
    static char text[256];
    size_t pos = 0;
    text[0] = '\0';
    for (const char *e; (e = chrp_env_next(data, len, &pos));)
        snprintf(text + strlen(text), sizeof(text) - strlen(text), "%s;", e);
    return text;
}

static void settings_are_set_replaced_and_removed(void **state)
{
    (void)state;
    uint8_t data[48] = "boot-device=disk\0a=1\0boot-device=net\0";
    assert_int_equal(chrp_env_set(data, sizeof(data), "a", "2"), 0);
    assert_string_equal(env_text(data, sizeof(data)), "boot-device=disk;boot-device=net;a=2;");
    /* Every copy of a name goes: QEMU writes -prom-env duplicates as given. */
    assert_int_equal(chrp_env_set(data, sizeof(data), "boot-device", "disk1"), 0);
    assert_string_equal(env_text(data, sizeof(data)), "a=2;boot-device=disk1;");
    assert_int_equal(chrp_env_set(data, sizeof(data), "a", NULL), 0);
    assert_string_equal(env_text(data, sizeof(data)), "boot-device=disk1;");
    assert_int_equal(chrp_env_set(data, sizeof(data), "missing", NULL), 0);
    /* Nothing but zeros after the last string. */
    for (size_t i = strlen("boot-device=disk1") + 1; i < sizeof(data); i++)
        assert_int_equal(data[i], 0);
    char v[16];
    assert_int_equal(chrp_env_get(data, sizeof(data), "boot-device", v, sizeof(v)), 0);
    assert_string_equal(v, "disk1");
}

static void a_setting_that_does_not_fit_changes_nothing(void **state)
{
    (void)state;
    uint8_t data[16] = "x=1\0y=2\0";
    uint8_t before[16];
    memcpy(before, data, sizeof(data));
    assert_int_equal(chrp_env_set(data, sizeof(data), "long-name", "value"), ERR_FULL);
    assert_memory_equal(data, before, sizeof(data));
    /* Replacing frees the old entry's room first; exactly full still fits. */
    assert_int_equal(chrp_env_set(data, sizeof(data), "x", "12345678"), 0);
    assert_string_equal(env_text(data, sizeof(data)), "y=2;x=12345678;");
    assert_int_equal(chrp_env_set(data, sizeof(data), "z", ""), ERR_FULL);
}

static void a_torn_setting_is_dropped_on_write(void **state)
{
    (void)state;
    uint8_t data[8] = { 'a', '=', '1', 0, 'b', '=', '2', '2' };
    assert_string_equal(env_text(data, sizeof(data)), "a=1;");
    assert_int_equal(chrp_env_set(data, sizeof(data), "c", "3"), 0);
    assert_string_equal(env_text(data, sizeof(data)), "a=1;c=3;");
}

static void random_settings_stay_consistent(void **state)
{
    (void)state;
    uint8_t data[200];
    char name[8], value[40], got[64];
    srand(5);
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)rand();
    for (int i = 0; i < 20000; i++) {
        snprintf(name, sizeof(name), "n%d", rand() % 12);
        size_t vlen = (size_t)rand() % sizeof(value);
        for (size_t j = 0; j < vlen; j++)
            value[j] = (char)('a' + rand() % 26);
        value[vlen] = '\0';
        bool remove = rand() % 4 == 0;
        if (chrp_env_set(data, sizeof(data), name, remove ? NULL : value) == 0) {
            int found = chrp_env_get(data, sizeof(data), name, got, sizeof(got));
            assert_int_equal(found, remove ? ERR_NOT_FOUND : 0);
            if (!remove)
                assert_string_equal(got, value);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(checksum_is_the_chrp_one),
        cmocka_unit_test(format_then_scan),
        cmocka_unit_test(blank_and_damaged_images_are_refused),
        cmocka_unit_test(random_images_are_safe),
        cmocka_unit_test(settings_are_found_exactly),
        cmocka_unit_test(the_last_of_a_repeated_setting_counts),
        cmocka_unit_test(a_layout_qemu_overran_keeps_what_it_can),
        cmocka_unit_test(a_setting_running_off_the_end_is_ignored),
        cmocka_unit_test(settings_are_set_replaced_and_removed),
        cmocka_unit_test(a_setting_that_does_not_fit_changes_nothing),
        cmocka_unit_test(a_torn_setting_is_dropped_on_write),
        cmocka_unit_test(random_settings_stay_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
