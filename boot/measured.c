/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../board/layout.h"
#include "../board/log.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../nvram/settings.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "../tpm/tpm.h"
#include "measured.h"

extern char __image_end[];

/* The settings that change what boots, in PCR 1 with their values (the
 * default when unset) whether or not they are set. */
static const char *const boot_settings[] = {
    "boot-device", "boot-file", "boot-args", "auto-boot?", "ci-mode", "secure-mode",
    "kernel-entry", "tpm", "network-mode",
};
#define PCR1_SETTING_MAX 256
#define CMDLINE_PREFIX "kernel_cmdline: "

/* The devices tried, in order: "path (reason), ...". */
static char *tried;
static size_t tried_len;

void boot_measure_firmware(void)
{
    measure_firmware((const void *)FW_BASE, (size_t)(uintptr_t)__image_end, "Sluice " SLUICE_VERSION);
}

void boot_measure_search(void)
{
    free(tried);
    tried = NULL;
    tried_len = 0;
    measure_discard();
}

void boot_measure_attempt(const char *what, const char *reason)
{
    size_t add = strlen(what) + strlen(reason) + 5;
    char *grown = realloc(tried, tried_len + add + 1);
    if (!grown)
        return;                   /* PCR 1 then lacks it, and a verifier's prediction fails */
    tried = grown;
    tried_len += (size_t)sniprintf(tried + tried_len, add + 1, "%s%s (%s)", tried_len ? ", " : "",
                                   what, reason);
}

void boot_measure_failed(void)
{
    measure_discard();
}

int boot_measure_refuses(char *why, size_t whylen)
{
    char mode[16];
    const char *reason;
    setting_value("tpm", mode, sizeof(mode));
    if (strcmp(mode, "required") != 0 || tpm_working())
        return 0;
    tpm_failure_reason(&reason);
    sniprintf(why, whylen, "tpm=required, and nothing can be measured: %s", reason);
    return ERR_FAIL;
}

/* PCR 1: what decided what boots, as text a verifier can predict. */
static void stage_config(const struct boot_target *t)
{
    size_t cap = 128 + tried_len + sizeof(boot_settings) / sizeof(boot_settings[0]) * (PCR1_SETTING_MAX + 32);
    char *text = malloc(cap), value[PCR1_SETTING_MAX];
    if (!text) {
        tpm_stop(TPM_FAIL_LOG, "no memory to measure the boot configuration");
        return;
    }
    size_t n = (size_t)sniprintf(text, cap, "boot order as tried: %s\nbooted: %s%s%s\n",
                                 tried_len ? tried : "-kernel", t->source,
                                 t->device[0] ? " " : "", t->device);
    for (unsigned i = 0; i < sizeof(boot_settings) / sizeof(boot_settings[0]); i++) {
        setting_value(boot_settings[i], value, sizeof(value));
        n += (size_t)sniprintf(text + n, cap - n, "%s=%s\n", boot_settings[i], value);
    }
    measure_stage(1, EV_PLATFORM_CONFIG_FLAGS, text, n, text, (uint32_t)n);
    free(text);
}

/* PCR 8: the command line in /chosen, as GRUB measures one: the event
 * "kernel_cmdline: <text>" with its NUL, the digest of the text alone. */
static void stage_cmdline(void)
{
    struct dt_node *chosen = dt_find("/chosen");
    const char *args = chosen ? dt_get_string(chosen, "bootargs") : NULL;
    size_t len = args ? strlen(args) : 0, elen = sizeof(CMDLINE_PREFIX) + len;
    char *event = malloc(elen);
    if (!event) {
        tpm_stop(TPM_FAIL_LOG, "no memory to measure the command line");
        return;
    }
    memcpy(event, CMDLINE_PREFIX, sizeof(CMDLINE_PREFIX) - 1);
    memcpy(event + sizeof(CMDLINE_PREFIX) - 1, args ? args : "", len + 1);
    measure_stage(8, EV_IPL, args ? args : "", len, event, (uint32_t)elen);
    free(event);
}

void boot_measure_handoff(const struct boot_target *t)
{
    char why[200];
    if (tpm_working()) {
        stage_config(t);
        stage_cmdline();
    }
    measure_handoff();
    if (boot_measure_refuses(why, sizeof(why)))
        fatal("%s", why);
}
