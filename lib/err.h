/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's one error convention.
 *
 * A function that can fail returns int: 0 for success, or a negative ERR_*
 * code below. When a person must be told why (a boot attempt, a refused
 * device), the caller also passes a buffer for one line, always as
 * `char *why, size_t whylen`. Predicates (is_*, has_*) return bool, and
 * counts are unsigned; neither is an error report.
 *
 * Parsers of untrusted input (ELF_ERR_*, DHCP_ERR_*, VIRTQ_ERR_*) return
 * their own negative codes, each with a *_strerror, so that tests and
 * messages can tell the faults apart; code that passes such a failure on
 * returns ERR_INVALID with the parser's text in `why`.
 */
#ifndef LIB_ERR_H
#define LIB_ERR_H

enum {
    ERR_FAIL = -1,          /* failed, and `why` (where there is one) says how */
    ERR_NOT_FOUND = -2,     /* nothing there: no partition table, no boot file, no such node */
    ERR_NO_MEMORY = -3,
    ERR_IO = -4,            /* the device failed, refused or did not answer in time */
    ERR_INVALID = -5,       /* malformed input: a disk, a packet, a client's arguments */
    ERR_RANGE = -6,         /* outside the device, the buffer or the window */
    ERR_FULL = -7,          /* no room left: a table, a ring, a partition */
    ERR_TIMEOUT = -8,       /* nothing (useful) arrived in time */
};

/* A few words for an ERR_* code, for messages. */
static inline const char *err_str(int err)
{
    switch (err) {
    case 0: return "ok";
    case ERR_NOT_FOUND: return "not found";
    case ERR_NO_MEMORY: return "out of memory";
    case ERR_IO: return "I/O error";
    case ERR_INVALID: return "malformed";
    case ERR_RANGE: return "out of range";
    case ERR_FULL: return "full";
    case ERR_TIMEOUT: return "timed out";
    default: return "failed";
    }
}

#endif
