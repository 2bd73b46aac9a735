/* SPDX-License-Identifier: BSD-2-Clause */
/* The pseries NVRAM device, read and written through RTAS. */
#ifndef BOARD_NVRAM_H
#define BOARD_NVRAM_H

#include <stdint.h>

/* 0, or ERR_IO when RTAS refuses or moves fewer bytes. */
int nvram_read(uint32_t offset, void *buf, uint32_t len);
int nvram_write(uint32_t offset, const void *buf, uint32_t len);

#endif
