/* SPDX-License-Identifier: BSD-2-Clause */
/* The OF package of the vTPM, for prom_init and GRUB. */
#ifndef OF_VTPM_H
#define OF_VTPM_H

/* Make the TPM device's node openable, when there is one. */
void of_vtpm_bind(void);

#endif
