/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../board/console.h"
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../nvram/settings.h"
#include "config.h"

#define MENU_DELAY_S 3

void boot_config_load(struct boot_config *cfg)
{
    char v[16];
    setting_value("log-level", v, sizeof(v));
    log_verbosity = strcmp(v, "quiet") == 0 ? LOG_QUIET
                  : strcmp(v, "debug") == 0 ? LOG_DEBUG : LOG_INFO;
    setting_value("ci-mode", v, sizeof(v));
    cfg->ci = strcmp(v, "on") == 0 ? CI_ON : strcmp(v, "off") == 0 ? CI_OFF : CI_AUTO;
    setting_value("auto-boot?", v, sizeof(v));
    cfg->auto_boot = strcmp(v, "false") != 0;
    static const struct {
        const char *value;
        unsigned kinds;
    } outputs[] = {
        { "serial", 1u << CONSOLE_HVTERM | 1u << CONSOLE_VIRTIO }, { "screen", 1u << CONSOLE_SCREEN },
        { "hvterm", 1u << CONSOLE_HVTERM }, { "virtio", 1u << CONSOLE_VIRTIO },
    }, inputs[] = {
        { "hvterm", 1u << CONSOLE_HVTERM }, { "virtio", 1u << CONSOLE_VIRTIO },
        { "keyboard", 1u << CONSOLE_KEYBOARD },
    };
    unsigned out = CONSOLE_ALL, in = CONSOLE_ALL;
    setting_value("output", v, sizeof(v));
    for (unsigned i = 0; i < sizeof(outputs) / sizeof(outputs[0]); i++)
        if (strcmp(v, outputs[i].value) == 0)
            out = outputs[i].kinds;
    setting_value("input", v, sizeof(v));
    for (unsigned i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++)
        if (strcmp(v, inputs[i].value) == 0)
            in = inputs[i].kinds;
    console_route(out, in);
    setting_value("kernel-entry", v, sizeof(v));
    cfg->fdt_entry = strcmp(v, "fdt") == 0;
    setting_value("ci-input-wait", v, sizeof(v));
    setting_parse_seconds(v, &cfg->input_wait_s);
    setting_value("ci-boot-limit", v, sizeof(v));
    setting_parse_seconds(v, &cfg->boot_limit_s);
    struct dt_node *chosen = dt_find("/chosen");
    uint32_t menu = 0;
    cfg->menu = chosen && dt_get_u32(chosen, "qemu,boot-menu", &menu) && menu;
    cfg->delay_s = cfg->menu ? MENU_DELAY_S : 0;
    if (setting_get("boot-delay", v, sizeof(v)) != ERR_NOT_FOUND) {
        setting_value("boot-delay", v, sizeof(v));
        setting_parse_seconds(v, &cfg->delay_s);
    }
}
