/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The secure-mode transition: once the guest is secure (MSR[S], set by the
 * ultravisor after UV_ESM) or the `secure-mode=on` setting forces it, every
 * device doing DMA is stopped and started again on bounce buffers in pages
 * shared with the ultravisor; devices that cannot work that way refuse to
 * start. It happens once and works at any point of the boot: devices already
 * running, a loader halfway through a file. Drivers know nothing of it: the
 * device layer checks before each I/O (blockdev_read, netdev_send/poll), and
 * the client interface at each call.
 */
#ifndef DEV_SECURE_H
#define DEV_SECURE_H

/* At boot, before devices are probed: reads the setting; with
 * secure-mode=on the devices come up in bounce mode straight away. */
void secure_init(void);
/* Runs the transition the first time the guest is found secure. Cheap. */
void secure_poll(void);

#endif
