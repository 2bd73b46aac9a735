/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SCSI_SENSE_H
#define SCSI_SENSE_H

#include <stdbool.h>
#include <stdint.h>
#include "scsi.h"

#define SENSE_NOT_READY 0x2
#define SENSE_MEDIUM_ERROR 0x3
#define SENSE_ILLEGAL_REQUEST 0x5
#define SENSE_UNIT_ATTENTION 0x6

struct sense {
    uint8_t key, asc, ascq;
};

/* The key and codes of sense data: false when there are none to read. */
bool sense_parse(const uint8_t *s, uint32_t len, struct sense *out);

#endif
