/* SPDX-License-Identifier: BSD-2-Clause */
/* CHRP NVRAM partitions (16-byte headers: signature, checksum, length in
 * 16-byte blocks, 12-byte name), as QEMU's -prom-env and Linux use them.
 * Pure: parses and builds images in a buffer, tested on the host. */
#ifndef NVRAM_CHRP_H
#define NVRAM_CHRP_H

#include <stddef.h>
#include <stdint.h>

#define CHRP_BLOCK 16
#define CHRP_SIG_SYSTEM 0x70
#define CHRP_SIG_FREE 0x7f
#define CHRP_SYSTEM_SIZE 0x1000     /* room for settings (what SLOF's is too) */

struct chrp_part {
    uint8_t sig;
    char name[13];
    uint32_t offset, length;    /* bytes, header included */
};

enum chrp_error {
    CHRP_ERR_SHORT = -1,        /* image smaller than one header */
    CHRP_ERR_CHECKSUM = -2,
    CHRP_ERR_LENGTH = -3,       /* zero length, or past the end */
    CHRP_ERR_TOO_MANY = -4,
};

uint8_t chrp_checksum(const uint8_t *hdr);
/* The partitions covering the image, in order; count, or a negative
 * CHRP_ERR_* with which header, where, and what is wrong with it in why. */
int chrp_scan(const uint8_t *nv, size_t len, struct chrp_part *out, unsigned max, char *why,
              size_t whylen);
/* An empty layout: a "system" partition, then free space. 0, or ERR_RANGE
 * when the image is too small (or too large) to hold both. */
int chrp_format(uint8_t *nv, size_t len);

/* QEMU's layout when its -prom-env values pass the 2 KiB it gives them: the
 * system partition at 0 says it is longer, and QEMU wrote its free
 * partition's header at a fixed offset inside it, over the settings there
 * (a free partition whose length runs exactly to the end of the image).
 * 0 with that header's offset in *at, or ERR_NOT_FOUND when nv is not so. */
int chrp_find_overrun(const uint8_t *nv, size_t len, size_t *at);
/* The settings of such a layout that can still be read, into out (room
 * for the system partition's data): those before the header at `at`, and
 * those wholly after it. The one it cut is lost: its name (as much as is
 * left of it) in lost. Returns the length of out's data. */
size_t chrp_overrun_settings(const uint8_t *nv, size_t at, uint8_t *out, char *lost, size_t lostlen);

/* The value of `name` among the "name=value" strings of a system partition's
 * data (after its header): copied NUL-terminated into out; when it is
 * there more than once, the last (QEMU's options, given twice, behave so).
 * 0, ERR_NOT_FOUND when the name is absent, ERR_RANGE when the value does
 * not fit in out. A string running off the end of the data is not a
 * setting. */
int chrp_env_get(const uint8_t *data, size_t len, const char *name, char *out, size_t outlen);

/* The "name=value" string at *pos, moving *pos to the next one; NULL at the
 * end (an empty string, the end of the data, or a string running off it). */
const char *chrp_env_next(const uint8_t *data, size_t len, size_t *pos);

/* Set `name` to `value` (NULL removes it) in a system partition's data,
 * keeping the other settings in order, the new one last, and zeros after
 * the last string, as QEMU lays them out. A string running off the end is
 * dropped. 0, or ERR_FULL when the result would not fit (data unchanged). */
int chrp_env_set(uint8_t *data, size_t len, const char *name, const char *value);

#endif
