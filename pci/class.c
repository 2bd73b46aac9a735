/* SPDX-License-Identifier: BSD-2-Clause */
#include "pci.h"

/* Class and subclass (and, for USB, the programming interface). */
static const struct {
    uint32_t code, mask;
    const char *name;
} classes[] = {
    { 0x010000, 0xffff00, "SCSI storage controller" },
    { 0x010100, 0xffff00, "IDE controller" },
    { 0x010400, 0xffff00, "RAID controller" },
    { 0x010500, 0xffff00, "ATA controller" },
    { 0x010600, 0xffff00, "SATA controller" },
    { 0x010700, 0xffff00, "SAS controller" },
    { 0x010800, 0xffff00, "NVM controller" },
    { 0x010000, 0xff0000, "mass storage controller" },
    { 0x020000, 0xffff00, "Ethernet controller" },
    { 0x020000, 0xff0000, "network controller" },
    { 0x030000, 0xff0000, "display controller" },
    { 0x040000, 0xff0000, "multimedia controller" },
    { 0x060000, 0xff0000, "bridge" },
    { 0x070000, 0xff0000, "communication controller" },
    { 0x080000, 0xff0000, "system peripheral" },
    { 0x0c0300, 0xffffff, "USB controller (UHCI)" },
    { 0x0c0310, 0xffffff, "USB controller (OHCI)" },
    { 0x0c0320, 0xffffff, "USB controller (EHCI)" },
    { 0x0c0330, 0xffffff, "USB controller (xHCI)" },
    { 0x0c0300, 0xffff00, "USB controller" },
    { 0x0c0000, 0xff0000, "serial bus controller" },
};

const char *pci_class_name(uint32_t class_code)
{
    for (unsigned i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        if ((class_code & classes[i].mask) == classes[i].code)
            return classes[i].name;
    return "device of an unnamed class";
}
