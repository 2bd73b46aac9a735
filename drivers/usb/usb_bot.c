/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>
#include "../../lib/bytes.h"
#include "usb_bot.h"

#define CBW_SIGNATURE 0x43425355u      /* "USBC" */
#define CSW_SIGNATURE 0x53425355u      /* "USBS" */

const char *usb_bot_strerror(int err)
{
    switch (err) {
    case BOT_ERR_SIZE: return "a status wrapper of the wrong size";
    case BOT_ERR_SIGNATURE: return "a status wrapper without its signature";
    case BOT_ERR_TAG: return "a status wrapper for another command";
    case BOT_ERR_STATUS: return "a status wrapper with an unknown status";
    case BOT_ERR_RESIDUE: return "a status wrapper with more left over than was asked";
    default: return "a broken status wrapper";
    }
}

void usb_bot_cbw(uint8_t cbw[USB_CBW_BYTES], uint32_t tag, uint32_t len, bool in, uint8_t lun,
                 const uint8_t *cdb, unsigned cdb_len)
{
    memset(cbw, 0, USB_CBW_BYTES);
    if (cdb_len > 16)
        cdb_len = 16;
    put_le32(cbw, CBW_SIGNATURE);
    put_le32(cbw + 4, tag);
    put_le32(cbw + 8, len);
    cbw[12] = in ? 0x80 : 0;
    cbw[13] = lun & 0x0f;
    cbw[14] = (uint8_t)cdb_len;
    memcpy(cbw + 15, cdb, cdb_len);
}

int usb_bot_csw(const uint8_t *csw, size_t len, uint32_t tag, uint32_t asked, uint8_t *status,
                uint32_t *residue)
{
    if (len != USB_CSW_BYTES)
        return BOT_ERR_SIZE;
    if (get_le32(csw) != CSW_SIGNATURE)
        return BOT_ERR_SIGNATURE;
    if (get_le32(csw + 4) != tag)
        return BOT_ERR_TAG;
    if (csw[12] > USB_CSW_PHASE)
        return BOT_ERR_STATUS;
    if (get_le32(csw + 8) > asked)
        return BOT_ERR_RESIDUE;
    *status = csw[12];
    *residue = get_le32(csw + 8);
    return 0;
}
