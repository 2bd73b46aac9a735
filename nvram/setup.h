#ifndef NVRAM_SETUP_H
#define NVRAM_SETUP_H

/* Give a blank NVRAM a partition layout; log what was found. */
void nvram_setup(void);

#endif
