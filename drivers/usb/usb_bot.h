/* SPDX-License-Identifier: BSD-2-Clause */
/* USB mass storage, bulk-only transport: the command block wrapper sent
 * before each SCSI command and the status wrapper read after it, checked
 * against the command it answers. Pure: host-tested and fuzzed (a stick's
 * status wrapper is untrusted input). */
#ifndef DRIVERS_USB_BOT_H
#define DRIVERS_USB_BOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USB_CBW_BYTES 31
#define USB_CSW_BYTES 13
#define USB_CSW_GOOD 0
#define USB_CSW_FAILED 1
#define USB_CSW_PHASE 2

enum {
    BOT_ERR_SIZE = -1,          /* not 13 bytes */
    BOT_ERR_SIGNATURE = -2,     /* not "USBS" */
    BOT_ERR_TAG = -3,           /* the answer to another command */
    BOT_ERR_STATUS = -4,        /* a status the protocol does not have */
    BOT_ERR_RESIDUE = -5,       /* more left over than was asked for */
};
const char *usb_bot_strerror(int err);

/* The CBW for a command of cdb_len bytes (at most 16) moving len bytes, in
 * (data to the host) or out, to `lun`. */
void usb_bot_cbw(uint8_t cbw[USB_CBW_BYTES], uint32_t tag, uint32_t len, bool in, uint8_t lun,
                 const uint8_t *cdb, unsigned cdb_len);
/* A CSW of len bytes for the command with `tag` that asked for `asked`
 * bytes: 0 with its status and residue, or a BOT_ERR_*. */
int usb_bot_csw(const uint8_t *csw, size_t len, uint32_t tag, uint32_t asked, uint8_t *status,
                uint32_t *residue);

#endif
