/* SPDX-License-Identifier: BSD-2-Clause */
/* tpm-spapr (QEMU's vTPM for pseries, compatible "IBM,vtpm20"): TPM 2.0
 * commands over a VIO command/response queue. After the CRQ handshake the
 * device says how large a command may be; each command is copied into one
 * buffer mapped in the device's own TCE window, its bus address goes to the
 * hypervisor in a CRQ entry, and the response comes back in the same buffer,
 * announced by a CRQ entry carrying its length. One command at a time,
 * polled. The TPM itself (start-up, banks, measurements) is tpm/'s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../board/log.h"
#include "../../board/timebase.h"
#include "../../dev/binding.h"
#include "../../dev/dmadev.h"
#include "../../lib/bytes.h"
#include "../../lib/err.h"
#include "../../tpm/tpm.h"
#include "../../vio/crq.h"
#include "../../vio/vio.h"
#include "../drivers.h"

#define MSG_TPM_COMMAND 0x02
#define MSG_GET_BUFFER_SIZE 0x03
#define MSG_RESULT 0x80                /* or'ed into the answer's message type */
#define MSG_ERROR 0xff
/* QEMU reads (and maps) a whole buffer of the size it announces, at most 4 KiB. */
#define BUFFER_BYTES 4096u
#define MIN_BUFFER_BYTES 1024u         /* what the vTPM firmware interface promises */
#define SIZE_WAIT_US 1000000ull

struct vtpm {
    struct crq_device cd;          /* its queue and DMA context */
    struct dma_buf buf;
    bool ready;
    struct tpm_transport tpm;
    struct dma_device dmadev;
    char name[40];
};

static struct vtpm *of_transport(struct tpm_transport *t)
{
    return (struct vtpm *)((char *)t - offsetof(struct vtpm, tpm));
}

static struct vtpm *of_dmadev(struct dma_device *d)
{
    return (struct vtpm *)((char *)d - offsetof(struct vtpm, dmadev));
}

/* Send one message; the answer with message type `msg | MSG_RESULT` (or an
 * error answer) within `us`: true with it in e. Other entries (a late
 * handshake answer) are passed over. */
static int exchange(struct vtpm *v, uint8_t msg, uint16_t len, uint32_t data, uint64_t us,
                    uint8_t e[CRQ_ENTRY])
{
    if (crq_send(&v->cd.crq, (uint64_t)CRQ_VALID_PAYLOAD << 56 | (uint64_t)msg << 48 |
                              (uint64_t)len << 32 | data, 0)) {
        log_error("%s: the hypervisor refused a message (H_SEND_CRQ)\n", v->name);
        return ERR_IO;
    }
    uint64_t now, until = timebase_us() + us;
    while ((now = timebase_us()) < until && crq_await(&v->cd.crq, until - now, e))
        if (e[0] == CRQ_VALID_PAYLOAD && (e[1] == (msg | MSG_RESULT) || e[1] == MSG_ERROR))
            return 0;
    return ERR_TIMEOUT;
}

static void stop(struct dma_device *d)
{
    struct vtpm *v = of_dmadev(d);
    v->ready = false;
    crq_device_close(&v->cd);
    binding_publish(v->cd.vio.node, NULL);
}

/* The queue, the buffer, the handshake and the buffer size: at probe, and
 * again when secure mode moves the device onto bounce buffers. */
static int setup(struct vtpm *v)
{
    uint8_t e[CRQ_ENTRY];
    int err = crq_device_open(&v->cd, v->name);
    if (err)
        return err;
    err = dma_alloc(v->cd.dma, BUFFER_BYTES, &v->buf);
    if (!err) {
        err = exchange(v, MSG_GET_BUFFER_SIZE, 0, 0, SIZE_WAIT_US, e);
        size_t size = err ? 0 : get_be16(e + 2);
        if (err || e[1] == MSG_ERROR)
            log_error("%s: no answer when asked its buffer size; not used\n", v->name);
        else if (size < MIN_BUFFER_BYTES || size > BUFFER_BYTES)
            log_error("%s: a buffer of %u bytes is outside %u-%u; not used\n", v->name,
                      (unsigned)size, MIN_BUFFER_BYTES, BUFFER_BYTES);
        else
            v->tpm.max_size = size;
        if (!v->tpm.max_size)
            err = ERR_IO;
    }
    if (err) {
        stop(&v->dmadev);
        return err;
    }
    binding_publish(v->cd.vio.node, v->cd.dma);
    v->ready = true;
    return 0;
}

static int start(struct dma_device *d)
{
    return setup(of_dmadev(d));
}

static int transmit(struct tpm_transport *t, const uint8_t *cmd, size_t len, uint8_t *rsp,
                    size_t cap, unsigned timeout_ms)
{
    struct vtpm *v = of_transport(t);
    uint8_t e[CRQ_ENTRY];
    if (!v->ready || len > t->max_size)
        return ERR_IO;
    dma_copy_to_device(v->cd.dma, &v->buf, 0, cmd, len);
    int err = exchange(v, MSG_TPM_COMMAND, (uint16_t)len, (uint32_t)v->buf.bus,
                       (uint64_t)timeout_ms * 1000, e);
    if (err)
        return err;
    if (e[1] == MSG_ERROR) {
        log_error("%s: the device failed the command (error %u)\n", v->name, (unsigned)get_be32(e + 4));
        return ERR_IO;
    }
    size_t n = get_be16(e + 2);
    if (n > t->max_size)
        n = t->max_size;
    if (n > cap)
        n = cap;
    dma_copy_from_device(v->cd.dma, &v->buf, 0, rsp, n);
    return (int)n;
}

int vtpm_probe(const struct vio_dev *vio)
{
    if (!tpm_wanted(vio->node->name))
        return 0;
    struct vtpm *v = calloc(1, sizeof(*v));
    if (!v)
        return ERR_NO_MEMORY;
    v->cd.vio = *vio;
    sniprintf(v->name, sizeof(v->name), "%s", vio->node->name);
    v->dmadev = (struct dma_device){ v->name, stop, start };
    v->tpm = (struct tpm_transport){ .name = v->name, .node = vio->node, .transmit = transmit };
    int err = setup(v);
    if (!err && (err = dmadev_register(&v->dmadev)) != 0)
        stop(&v->dmadev);
    if (err) {
        free(v);
        return err;
    }
    log_debug("%s: tpm-spapr, %u-byte buffer, DMA %s\n", v->name, (unsigned)v->tpm.max_size,
              dma_mode_name(dma_ctx_mode(v->cd.dma)));
    /* A TPM that fails its start-up stays the device the tpm layer reports
     * on, and is stopped at once so that Linux finds it idle. */
    err = tpm_attach(&v->tpm);
    if (err)
        stop(&v->dmadev);
    return err;
}

/* A TPM 1.2 (swtpm without --tpm2): nothing here speaks TPM 1.2. */
int vtpm12_probe(const struct vio_dev *vio)
{
    log_info("%s: a TPM 1.2 (IBM,vtpm); only a TPM 2.0 is measured into, so this one is not used\n",
             vio->node->name);
    return 0;
}
