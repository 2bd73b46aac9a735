/* The pseries NVRAM device, read and written through RTAS. */
#ifndef BOARD_NVRAM_H
#define BOARD_NVRAM_H

#include <stdint.h>

/* Bytes of NVRAM (from the tree), 0 when the machine has none. */
uint32_t nvram_size(void);
int nvram_read(uint32_t offset, void *buf, uint32_t len);
int nvram_write(uint32_t offset, const void *buf, uint32_t len);

#endif
