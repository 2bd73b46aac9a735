/* SPDX-License-Identifier: BSD-2-Clause */
/* Sense data, fixed (0x70/0x71) or descriptor (0x72/0x73) format, read from
 * whatever length the device gave. Pure. */
#include <stdio.h>
#include "sense.h"

static const char *const key_names[16] = {
    "NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR", "HARDWARE ERROR",
    "ILLEGAL REQUEST", "UNIT ATTENTION", "DATA PROTECT", "BLANK CHECK", "VENDOR SPECIFIC",
    "COPY ABORTED", "ABORTED COMMAND", "reserved (0xc)", "VOLUME OVERFLOW", "MISCOMPARE",
    "COMPLETED",
};

static const struct {
    uint8_t asc, ascq;
    const char *what;
} codes[] = {
    { 0x00, 0x06, "I/O process terminated" },          /* QEMU's answer to a host EIO */
    { 0x04, 0x01, "becoming ready" },
    { 0x04, 0x02, "needs an initializing command" },
    { 0x11, 0x00, "unrecovered read error" },
    { 0x20, 0x00, "invalid command" },
    { 0x21, 0x00, "block address out of range" },
    { 0x24, 0x00, "invalid field in the command" },
    { 0x25, 0x00, "logical unit not supported" },
    { 0x28, 0x00, "medium may have changed" },
    { 0x29, 0x00, "power on or reset" },
    { 0x3a, 0x00, "medium not present" },
    { 0x3a, 0x01, "medium not present, tray closed" },
    { 0x3a, 0x02, "medium not present, tray open" },
    { 0x44, 0x00, "internal target failure" },
    { 0x64, 0x00, "illegal mode for this track" },      /* data read from an audio track */
};

bool sense_parse(const uint8_t *s, uint32_t len, struct sense *out)
{
    if (len < 1)
        return false;
    uint8_t format = s[0] & 0x7f;
    if ((format == 0x70 || format == 0x71) && len >= 14) {
        *out = (struct sense){ (uint8_t)(s[2] & 0xf), s[12], s[13] };
        return true;
    }
    if ((format == 0x72 || format == 0x73) && len >= 4) {
        *out = (struct sense){ (uint8_t)(s[1] & 0xf), s[2], s[3] };
        return true;
    }
    if ((format == 0x70 || format == 0x71) && len >= 3) {
        *out = (struct sense){ (uint8_t)(s[2] & 0xf), 0, 0 };
        return true;
    }
    return false;
}

char *scsi_sense_text(const uint8_t *s, uint32_t len, char *out, size_t outlen)
{
    struct sense sn;
    if (!sense_parse(s, len, &sn)) {
        sniprintf(out, outlen, "no usable sense data (%lu bytes)", (unsigned long)len);
        return out;
    }
    const char *what = NULL;
    for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]) && !what; i++)
        if (codes[i].asc == sn.asc && codes[i].ascq == sn.ascq)
            what = codes[i].what;
    sniprintf(out, outlen, "%s, asc 0x%02x/0x%02x%s%s%s", key_names[sn.key], sn.asc, sn.ascq,
              what ? " (" : "", what ? what : "", what ? ")" : "");
    return out;
}
