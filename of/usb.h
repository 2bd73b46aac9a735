/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_USB_H
#define OF_USB_H

/* Aliases for what the USB drivers found, as SLOF names them: "usb0",
 * "usb1", ... for the controllers (the nodes of device_type "usb" that hang
 * off a PCI bus), "keyboard" for the last USB keyboard (QEMU sends keys to
 * the keyboard added last). */
void of_usb_bind(void);

#endif
