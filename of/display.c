/* SPDX-License-Identifier: BSD-2-Clause */
/* The IEEE 1275 "display" package for the screen the text console uses.
 * Linux's prom_init opens each display to offer it as a boot console and
 * sets its 16 colours; the text console draws in grey on black in 32-bit
 * pixels, where a palette means nothing, so color! succeeds and does
 * nothing. Client output stays on the hvterm (/chosen/stdout). */
#include "../dev/fbcon.h"
#include "display.h"
#include "instance.h"
#include "path.h"

/* color! ( r g b index -- ) */
static int display_color(struct of_instance *inst, const uint32_t *args, uint32_t nargs,
                         uint32_t *rets, uint32_t nrets)
{
    (void)inst, (void)args, (void)rets, (void)nrets;
    return nargs >= 4 ? 0 : OF_FAILED;
}

static const struct of_method display_methods[] = {
    { "color!", display_color },
    { NULL, NULL },
};
static const struct of_device display_device = { .methods = display_methods };

void of_display_bind(void)
{
    const struct framebuffer *fb = fbcon_screen();
    char path[OF_PATH_MAX];
    if (!fb)
        return;
    of_bind(fb->node, &display_device, NULL);
    if (dt_path(fb->node, path, sizeof(path)) < sizeof(path))
        of_alias_device("screen", 0, path);
}
