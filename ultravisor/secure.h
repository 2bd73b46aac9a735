/*
 * The secure-mode transition: once the guest is secure (MSR[S], set by the
 * ultravisor after UV_ESM) or the `secure-mode=on` setting forces it, every
 * virtio device the firmware drives is moved onto bounce buffers in pages
 * shared with the ultravisor, and devices that cannot work that way are
 * refused. It happens once and works at any point of the boot: devices
 * already running, a loader halfway through a file.
 */
#ifndef ULTRAVISOR_SECURE_H
#define ULTRAVISOR_SECURE_H

#include <stdbool.h>

/* At boot, before devices are probed: reads the setting; with
 * secure-mode=on the devices come up in bounce mode straight away. */
void secure_init(void);
/* Call on every client-interface call and before firmware-initiated I/O:
 * runs the transition the first time the guest is found secure. Cheap. */
void secure_poll(void);

#endif
