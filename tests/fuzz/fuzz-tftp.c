/* SPDX-License-Identifier: BSD-2-Clause */
/* TFTP packets from a server (or anyone spoofing one). */
#include "fuzz.h"
#include "net/tftp.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tftp_msg m;
    if (tftp_parse(data, size, &m) != 0)
        return 0;
    if (m.data)
        PROMISE(m.data >= data && m.len <= size - (size_t)(m.data - data));
    PROMISE(strnlen(m.error_msg, sizeof(m.error_msg)) < sizeof(m.error_msg));
    return 0;
}
