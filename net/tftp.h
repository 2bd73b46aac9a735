/* SPDX-License-Identifier: BSD-2-Clause */
/* TFTP (RFC 1350, options RFC 2347/2348/2349) packets: read requests with
 * blksize and tsize, acknowledgements, and parsing of untrusted replies.
 * Pure; tested on the host. */
#ifndef NET_TFTP_H
#define NET_TFTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TFTP_PORT 69
#define TFTP_RRQ 1
#define TFTP_DATA 3
#define TFTP_ACK 4
#define TFTP_ERROR 5
#define TFTP_OACK 6
#define TFTP_DEFAULT_BLKSIZE 512
#define TFTP_MSG_MAX 128

struct tftp_msg {
    uint16_t op;
    uint16_t block;                  /* DATA */
    const uint8_t *data;
    size_t len;
    bool has_blksize, has_tsize;     /* OACK */
    bool bad_option;                 /* an option's value is not a number */
    unsigned blksize;                /* as the server said, up to UINT32_MAX */
    uint64_t tsize;
    uint16_t error_code;             /* ERROR */
    char error_msg[TFTP_MSG_MAX];
};

size_t tftp_build_rrq(uint8_t *out, size_t max, const char *file, unsigned blksize, bool ask_tsize);
size_t tftp_build_ack(uint8_t *out, uint16_t block);
/* 0, or ERR_INVALID for a malformed packet. */
int tftp_parse(const uint8_t *p, size_t len, struct tftp_msg *m);

#endif
