/* SPDX-License-Identifier: BSD-2-Clause */
/* The settings catalogue: values checked, defaults for unset or unusable
 * ones, and the boot configuration (CI mode, delay, -boot menu=on). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nvram/chrp.c"
#include "nvram/settings.c"
#include "boot/config.c"

/* The firmware pieces settings.c and config.c use, faked: a system
 * partition holding the "name=value" strings, /chosen with or without
 * qemu,boot-menu, a counting log. */
enum log_level log_verbosity = LOG_INFO;
static bool boot_menu;
static int errors_logged;
static struct dt_node chosen;

int nvram_write(uint32_t offset, const void *buf, uint32_t len)
{
    (void)offset;
    (void)buf;
    (void)len;
    return 0;
}

struct dt_node *dt_find(const char *path)
{
    return strcmp(path, "/chosen") == 0 ? &chosen : NULL;
}

bool dt_get_u32(const struct dt_node *node, const char *name, uint32_t *out)
{
    if (node != &chosen || strcmp(name, "qemu,boot-menu") || !boot_menu)
        return false;
    *out = 1;
    return true;
}

void log_error(const char *fmt, ...)
{
    (void)fmt;
    errors_logged++;
}

static char info_line[160];
void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(info_line, sizeof(info_line), fmt, ap);
    va_end(ap);
}

/* Where the output and input settings route text and keys. */
static unsigned routed_out, routed_in;
void console_route(unsigned output, unsigned input)
{
    routed_out = output;
    routed_in = input;
}

static void set_env(const char *a, const char *b, const char *c)
{
    const char *env[] = { a, b, c };
    uint8_t data[256] = { 0 };
    size_t used = 0;
    for (int i = 0; i < 3 && env[i]; i++) {
        strcpy((char *)data + used, env[i]);
        used += strlen(env[i]) + 1;
    }
    info_line[0] = '\0';
    settings_attach(0, data, sizeof(data), true);
    errors_logged = 0;
    boot_menu = false;
}

static void values_are_checked(void **state)
{
    (void)state;
    char why[96];
    assert_int_equal(setting_check("ci-mode", "on", why, sizeof(why)), 0);
    assert_int_equal(setting_check("ci-mode", "o", why, sizeof(why)), ERR_INVALID);
    assert_string_equal(why, "ci-mode takes auto|on|off");
    assert_int_equal(setting_check("ci-mode", "on|off", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("ci-mode", "", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("auto-boot?", "false", why, sizeof(why)), 0);
    assert_int_equal(setting_check("boot-delay", "3600", why, sizeof(why)), 0);
    assert_int_equal(setting_check("boot-delay", "0", why, sizeof(why)), 0);
    assert_int_equal(setting_check("boot-delay", "3601", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("boot-delay", "99999999999999999999", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("boot-delay", "-1", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("boot-delay", "", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("boot-device", "anything at all", why, sizeof(why)), 0);
    assert_int_equal(setting_check("someone-elses", "x", why, sizeof(why)), 0);
    assert_int_equal(setting_check("a=b", "x", why, sizeof(why)), ERR_INVALID);
    assert_int_equal(setting_check("", "x", why, sizeof(why)), ERR_INVALID);
    for (unsigned i = 0; i < setting_info_count; i++)   /* every default is valid */
        assert_int_equal(setting_check(setting_infos[i].name, setting_infos[i].fallback, why,
                                       sizeof(why)), 0);
}

static void defaults_stand_in_for_unset_and_bad_values(void **state)
{
    (void)state;
    char v[32];
    set_env("ci-mode=sometimes", "boot-file=vmlinux", NULL);
    setting_value("ci-mode", v, sizeof(v));
    assert_string_equal(v, "auto");
    assert_int_equal(errors_logged, 1);
    setting_value("boot-file", v, sizeof(v));
    assert_string_equal(v, "vmlinux");
    setting_value("log-level", v, sizeof(v));
    assert_string_equal(v, "info");
    setting_value("not-a-setting", v, sizeof(v));
    assert_string_equal(v, "");
}

static void boot_configuration(void **state)
{
    (void)state;
    struct boot_config cfg;
    set_env(NULL, NULL, NULL);
    boot_config_load(&cfg);
    assert_int_equal(cfg.ci, CI_AUTO);
    assert_int_equal(cfg.delay_s, 0);
    assert_true(cfg.auto_boot);
    assert_false(cfg.menu);
    assert_int_equal(log_verbosity, LOG_INFO);
    assert_int_equal(routed_out, CONSOLE_ALL);
    assert_int_equal(routed_in, CONSOLE_ALL);
    assert_false(cfg.fdt_entry);

    set_env("ci-mode=on", "auto-boot?=false", "log-level=debug");
    boot_config_load(&cfg);
    assert_int_equal(cfg.ci, CI_ON);
    assert_false(cfg.auto_boot);
    assert_int_equal(log_verbosity, LOG_DEBUG);

    /* -boot menu=on: the menu, for 3 s unless boot-delay says otherwise. */
    set_env("ci-mode=off", "log-level=quiet", NULL);
    boot_menu = true;
    boot_config_load(&cfg);
    assert_int_equal(cfg.ci, CI_OFF);
    assert_true(cfg.menu);
    assert_int_equal(cfg.delay_s, MENU_DELAY_S);
    assert_int_equal(log_verbosity, LOG_QUIET);
    set_env("boot-delay=0", NULL, NULL);
    boot_menu = true;
    boot_config_load(&cfg);
    assert_int_equal(cfg.delay_s, 0);
    set_env("boot-delay=12", NULL, NULL);
    boot_config_load(&cfg);
    assert_int_equal(cfg.delay_s, 12);
    set_env("boot-delay=soon", NULL, NULL);
    boot_config_load(&cfg);
    assert_int_equal(cfg.delay_s, 0);
    assert_int_equal(errors_logged, 1);
    log_verbosity = LOG_INFO;

    set_env("output=screen", "kernel-entry=fdt", NULL);
    boot_config_load(&cfg);
    assert_int_equal(routed_out, 1u << CONSOLE_SCREEN);
    assert_int_equal(routed_in, CONSOLE_ALL);
    assert_true(cfg.fdt_entry);
    set_env("output=serial", "kernel-entry=elf", "input=virtio");
    boot_config_load(&cfg);
    assert_int_equal(routed_out, 1u << CONSOLE_HVTERM | 1u << CONSOLE_VIRTIO);
    assert_int_equal(routed_in, 1u << CONSOLE_VIRTIO);
    assert_false(cfg.fdt_entry);
    assert_int_equal(errors_logged, 1);
    set_env("output=virtio", "input=keyboard", NULL);
    boot_config_load(&cfg);
    assert_int_equal(routed_out, 1u << CONSOLE_VIRTIO);
    assert_int_equal(routed_in, 1u << CONSOLE_KEYBOARD);
    set_env("output=tv", "input=mind", NULL);
    boot_config_load(&cfg);
    assert_int_equal(routed_out, CONSOLE_ALL);
    assert_int_equal(routed_in, CONSOLE_ALL);
    assert_int_equal(errors_logged, 2);
}

/* -prom-env ci-mode=on -prom-env ci-mode=off: the last, as QEMU's own
 * options behave, in one line. */
static void a_setting_given_twice_takes_the_last(void **state)
{
    (void)state;
    char v[16];
    set_env("ci-mode=on", "boot-file=a", "ci-mode=off");
    assert_string_equal(info_line, "setting ci-mode given 2 times: the last, ci-mode=off, is used\n");
    setting_value("ci-mode", v, sizeof(v));
    assert_string_equal(v, "off");
    set_env("ci-mode=on", "boot-file=a", NULL);
    assert_string_equal(info_line, "");
}

/* Settings recovered from a damaged layout are read, never written back. */
static void recovered_settings_are_read_only(void **state)
{
    (void)state;
    static const uint8_t data[] = "ci-mode=on\0";
    char why[120], v[16];
    settings_attach(0, data, sizeof(data), false);
    assert_int_equal(setting_get("ci-mode", v, sizeof(v)), 0);
    assert_int_equal(setting_set("boot-file", "x", why, sizeof(why)), ERR_IO);
    assert_string_equal(why, "the NVRAM layout is damaged (see the start-up lines): settings are read-only");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_are_checked),
        cmocka_unit_test(defaults_stand_in_for_unset_and_bad_values),
        cmocka_unit_test(boot_configuration),
        cmocka_unit_test(a_setting_given_twice_takes_the_last),
        cmocka_unit_test(recovered_settings_are_read_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
