/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <string.h>
#include "../board/console.h"
#include "../board/log.h"
#include "../board/power.h"
#include "../board/timebase.h"
#include "../board/watchdog.h"
#include "../fdt/tree.h"
#include "../lib/err.h"
#include "../lib/text.h"
#include "../nvram/settings.h"
#include "../of/path.h"
#include "../of/platform.h"
#include "../tpm/measure.h"
#include "../tpm/tcglog.h"
#include "../tpm/tpm.h"
#include "format.h"
#include "line.h"
#include "shell.h"

#define LINE_MAX_CHARS 255
#define MAX_WORDS 16

static int console_getc(void *ctx)
{
    char c;
    (void)ctx;
    while (!console_read(&c, 1))
        watchdog_check();               /* a person may never come: CI's bound holds */
    return (unsigned char)c;
}

static void console_put(void *ctx, const char *s, size_t n)
{
    (void)ctx;
    console_write(s, n);
}

bool prompt_key_within(unsigned ms, const char *message)
{
    char c;
    log_info("%s\n", message);
    uint64_t end = timebase_us() + (uint64_t)ms * 1000;
    do {
        if (console_read(&c, 1))
            return true;
        watchdog_check();
    } while (timebase_us() < end);
    return false;
}

/* Words after the command joined again, for values with spaces. */
static void join(char *out, size_t size, int argc, char **argv)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < argc && used < size; i++)
        used += (size_t)sniprintf(out + used, size - used, "%s%s", i ? " " : "", argv[i]);
}

/* Settings come from NVRAM, which anyone may have written: each is shown
 * on one line, escaped. */
#define SHOWN_MAX (4 * LINE_MAX_CHARS + 1)

static void print_setting(const char *name)
{
    char value[LINE_MAX_CHARS + 1], shown[SHOWN_MAX];
    const struct setting_info *info = setting_info(name);
    int err = setting_get(name, value, sizeof(value));
    if (err == 0)
        log_raw("%s=%s\n", name, str_escape(shown, sizeof(shown), value, false));
    else if (err == ERR_RANGE)
        log_raw("%s is set to more than %d characters (not used)\n", name, LINE_MAX_CHARS);
    else if (info)
        log_raw("%s=%s  (default)\n", name, info->fallback);
    else
        log_raw("%s is not set\n", name);
}

static void cmd_printenv(int argc, char **argv)
{
    if (argc == 1) {
        print_setting(argv[0]);
        return;
    }
    for (unsigned i = 0; i < setting_info_count; i++)
        print_setting(setting_infos[i].name);
    size_t pos = 0;
    for (const char *entry; (entry = setting_next(&pos));) {
        char name[64];
        size_t n = strcspn(entry, "=");
        sniprintf(name, sizeof(name), "%.*s", (int)n, entry);
        if (!setting_info(name)) {
            char shown[SHOWN_MAX];
            log_raw("%s\n", str_escape(shown, sizeof(shown), entry, false));
        }
    }
}

static void change_setting(const char *name, const char *value)
{
    char why[128];
    const struct setting_info *info = setting_info(name);
    /* Removing is checked as going back to the default, which is valid. */
    const char *becomes = value ? value : info ? info->fallback : "";
    if (setting_check(name, becomes, why, sizeof(why))) {
        log_raw("error: %s\n", why);
        return;
    }
    if (setting_set(name, value, why, sizeof(why))) {
        log_raw("error: %s\n", why);
        return;
    }
    platform_publish_options();         /* clients read them from /options */
    if (value)
        log_raw("%s=%s (saved)\n", name, value);
    else
        log_raw("%s removed (saved)\n", name);
}

static void cmd_setenv(int argc, char **argv)
{
    char value[LINE_MAX_CHARS + 1];
    join(value, sizeof(value), argc - 1, argv + 1);
    change_setting(argv[0], value);
}

static void cmd_unsetenv(int argc, char **argv)
{
    (void)argc;
    change_setting(argv[0], NULL);
}

static unsigned depth(const struct dt_node *n)
{
    unsigned d = 0;
    for (; n->parent; n = n->parent)
        d++;
    return d;
}

/* The /aliases naming exactly this node, space-separated. */
static void aliases_of(const struct dt_node *node, char *out, size_t size)
{
    char path[OF_PATH_MAX];
    struct dt_node *aliases = dt_find("/aliases");
    size_t used = 0;
    out[0] = '\0';
    dt_path(node, path, sizeof(path));
    for (const struct dt_prop *p = aliases ? aliases->props : NULL; p; p = p->next)
        if (p->len == strlen(path) + 1 && memcmp(p->value, path, p->len) == 0 && used < size)
            used += (size_t)sniprintf(out + used, size - used, " %s", p->name);
}

static void cmd_devices(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (struct dt_node *n = dt_root(); n; n = dt_next(n)) {
        const char *type = dt_get_string(n, "device_type");
        const char *mode = dt_get_string(n, "sluice,dma-mode");
        char names[64];
        aliases_of(n, names, sizeof(names));
        log_raw("%*s%s", 2 * depth(n), "", n->parent ? n->name : "/");
        if (type)
            log_raw("  [%s]", type);
        if (names[0])
            log_raw("  alias:%s", names);
        if (mode)
            log_raw("  dma: %s", mode);
        log_raw("\n");
    }
}

static void cmd_dt(int argc, char **argv)
{
    char args[OF_PATH_MAX], text[160], path[OF_PATH_MAX];
    struct dt_node *n = of_resolve(argc ? argv[0] : "/", args, sizeof(args));
    if (!n) {
        log_raw("error: no node '%s'\n", argv[0]);
        return;
    }
    dt_path(n, path, sizeof(path));
    log_raw("%s\n", path);
    for (const struct dt_prop *p = n->props; p; p = p->next)
        log_raw("  %s = %s\n", p->name, format_prop(p->value, p->len, text, sizeof(text)));
    for (const struct dt_node *c = n->child; c; c = c->sibling)
        log_raw("  %s/\n", c->name);
}

/* An event's data for people: text (a UCS-2 string, as EV_S_CRTM_VERSION
 * has it, read as ASCII) when it is that, else its first bytes in hex.
 * log_raw escapes what it prints. */
static void event_text(const struct tcglog_event *ev, char *out, size_t size)
{
    size_t n = 0, len = ev->len;
    bool ucs2 = len >= 2 && len % 2 == 0;
    for (size_t i = 1; ucs2 && i < len; i += 2)
        ucs2 = ev->data[i] == 0;
    while (len && ev->data[len - (ucs2 ? 2 : 1)] == 0)
        len -= ucs2 ? 2 : 1;
    bool text = len > 0;
    for (size_t i = 0; text && i < len; i += ucs2 ? 2 : 1)
        text = ev->data[i] >= 0x20 && ev->data[i] < 0x7f;
    if (text) {
        for (size_t i = 0; i < len && n + 1 < size; i += ucs2 ? 2 : 1)
            out[n++] = (char)ev->data[i];
        out[n] = '\0';
        return;
    }
    out[0] = '\0';
    for (size_t i = 0; i < ev->len && i < 16 && n + 3 < size; i++)
        n += (size_t)sniprintf(out + n, size - n, "%02x", ev->data[i]);
    if (ev->len > 16 && n + 4 < size)
        sniprintf(out + n, size - n, "...");
}

/* The TPM, its banks, and the events measured so far. */
static void cmd_tpm(int argc, char **argv)
{
    const char *why, *names[HASH_ALGS];
    struct tpm_transport *t = tpm_device();
    unsigned nbanks = 0, b;
    (void)argc;
    (void)argv;
    if (!t) {
        log_raw("no TPM\n");
        return;
    }
    for (unsigned a = 0; a < HASH_ALGS; a++)
        if (tpm_banks() & 1u << a)
            names[nbanks++] = hash_name((enum hash_alg)a);
    log_raw("%s: TPM 2.0, PCR banks", t->name);
    for (unsigned i = 0; i < nbanks; i++)
        log_raw(" %s", names[i]);
    tpm_failure_reason(&why);
    log_raw("%s; %s\n", nbanks ? "" : " none", tpm_working() ? "measuring" : why);
    size_t len, pos;
    const uint8_t *log = measure_log(&len);
    if (!log || tcglog_header(log, len, &b, &pos))
        return;
    enum hash_alg shown = b & 1u << HASH_SHA256 ? HASH_SHA256 : (enum hash_alg)__builtin_ctz(b);
    log_raw("log: %lu bytes of %u; PCR, event, %s digest (start), data:\n", (unsigned long)len,
            MEASURE_LOG_BYTES, hash_name(shown));
    struct tcglog_event ev;
    char type[32], text[80], digest[17];
    while (tcglog_next(log, len, b, &pos, &ev) == 1) {
        for (unsigned i = 0; i < 8; i++)
            sniprintf(digest + 2 * i, sizeof(digest) - 2 * i, "%02x", ev.dg.d[shown][i]);
        event_text(&ev, text, sizeof(text));
        log_raw("  %2u %-24s %s %s\n", ev.pcr, tcglog_type_name(ev.type, type, sizeof(type)), digest, text);
    }
}

static void cmd_reset(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    power_reset();
}

static void cmd_poweroff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    power_off();
}

static void cmd_help(int argc, char **argv);

static const struct command {
    const char *name;
    int min_args, max_args;
    void (*run)(int argc, char **argv);
    const char *usage;
} commands[] = {
    { "help", 0, 0, cmd_help, "help                    this list" },
    { "devices", 0, 0, cmd_devices, "devices                 the device tree, with aliases and DMA modes" },
    { "boot", 0, 1, NULL, "boot [device]           boot in the usual order, or the device named" },
    { "printenv", 0, 1, cmd_printenv, "printenv [name]         settings, with defaults for those unset" },
    { "setenv", 1, MAX_WORDS - 2, cmd_setenv, "setenv name [value...]  change a setting (kept in NVRAM)" },
    { "unsetenv", 1, 1, cmd_unsetenv, "unsetenv name           back to the default" },
    { "dt", 0, 1, cmd_dt, "dt [path]               a node's properties and children" },
    { "tpm", 0, 0, cmd_tpm, "tpm                     the TPM's banks and what has been measured" },
    { "reset", 0, 0, cmd_reset, "reset                   restart the VM" },
    { "poweroff", 0, 0, cmd_poweroff, "poweroff                end the VM" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (unsigned i = 0; i < NCOMMANDS; i++)
        log_raw("  %s\n", commands[i].usage);
    log_raw("Settings (printenv shows them):\n");
    for (unsigned i = 0; i < setting_info_count; i++)
        log_raw("  %-12s %s\n", setting_infos[i].name, setting_infos[i].about);
}

/* One line: true when it booted something. */
static bool run_line(char *line, const struct prompt_boot *pb)
{
    char *words[MAX_WORDS], why[160];
    int n = line_split(line, words, MAX_WORDS);
    if (n < 0) {
        log_raw("error: more than %d words\n", MAX_WORDS);
        return false;
    }
    if (n == 0)
        return false;
    for (unsigned i = 0; i < NCOMMANDS; i++) {
        const struct command *c = &commands[i];
        if (strcmp(words[0], c->name) != 0)
            continue;
        if (n - 1 < c->min_args || n - 1 > c->max_args) {
            log_raw("usage: %s\n", c->usage);
            return false;
        }
        if (c->run) {
            c->run(n - 1, words + 1);
            return false;
        }
        if (pb->boot(pb->ctx, n == 2 ? words[1] : NULL, why, sizeof(why)) == 0)
            return true;
        log_raw("error: %s\n", why);
        return false;
    }
    log_raw("error: unknown command '%s' (help lists them)\n", words[0]);
    return false;
}

void prompt_run(const struct prompt_boot *pb)
{
    struct line_io io = { console_getc, console_put, NULL, false };
    char line[LINE_MAX_CHARS + 1];

    log_raw("\nSluice prompt: 'help' lists the commands, 'boot' boots.\n");
    for (;;) {
        log_raw("sluice> ");
        enum line_result r = line_read(&io, line, sizeof(line));
        if (r == LINE_TOO_LONG)
            log_raw("error: line too long (at most %d characters); ignored\n", LINE_MAX_CHARS);
        else if (r == LINE_OK && run_line(line, pb))
            return;
    }
}
