/* SPDX-License-Identifier: BSD-2-Clause */
/* The SCSI midlayer both SCSI transports share (spapr-vscsi, virtio-scsi):
 * LUN discovery and probing (REPORT LUNS, INQUIRY, TEST UNIT READY,
 * READ CAPACITY), reads (READ(10), READ(16) past 2^32 blocks), and sense
 * data in one readable line. A transport supplies one operation, running a
 * command; the midlayer turns each disk or CD it finds into a block device
 * with a node under the controller. Like Linux's drivers/scsi split: the
 * transport never learns what the commands mean. */
#ifndef SCSI_SCSI_H
#define SCSI_SCSI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "../dev/blockdev.h"

#define SCSI_SENSE_MAX 96
#define SCSI_STATUS_GOOD 0x00
#define SCSI_STATUS_CHECK 0x02

struct scsi_result {
    uint8_t status;               /* the SCSI status byte */
    uint32_t residual;            /* data-in bytes the device did not send */
    uint32_t sense_len;
    uint8_t sense[SCSI_SENSE_MAX];
};

struct scsi_host;
struct scsi_host_ops {
    /* One data-in command for `lun` (8 bytes, as the transport addresses
     * it): up to len bytes into buf. 0 with res filled, whatever the SCSI
     * status; ERR_IO when the transport itself failed (logged). */
    int (*command)(struct scsi_host *h, const uint8_t lun[8], const uint8_t *cdb, unsigned cdb_len,
                   void *buf, uint32_t len, struct scsi_result *res);
};

struct scsi_host {
    const char *name;             /* for the log */
    struct dt_node *node;         /* the controller: LUN nodes become its children */
    const struct scsi_host_ops *ops;
    uint32_t max_transfer;        /* bytes one command may move */
    void *priv;
};

/* Probe one LUN and, if it is a disk or a CD with a medium, register it
 * as a block device with a node "disk@<unit>" under the controller (unit in
 * upper-case hex, as QEMU names it in qemu,boot-list). 0; ERR_NOT_FOUND
 * when nothing usable answers there; another ERR_* when it misbehaves (one
 * line says why). */
int scsi_add_lun(struct scsi_host *h, const uint8_t lun[8], uint64_t unit);
/* REPORT LUNS sent to `lun`: every 8-byte LUN it reports (as many as one
 * command of max_transfer bytes can list), sorted, in *out, which the
 * caller frees; their count, or a negative ERR_* when the command fails. */
int scsi_report_luns(struct scsi_host *h, const uint8_t lun[8], uint8_t (**out)[8]);
/* Sense data as one line: "NOT READY, asc 0x3a/0x00 (medium not present)". */
char *scsi_sense_text(const uint8_t *sense, uint32_t len, char *out, size_t outlen);

#endif
