/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef OF_DISK_H
#define OF_DISK_H

/* Make every registered block device openable as an OF "block" package. */
void of_disks_bind(void);

#endif
