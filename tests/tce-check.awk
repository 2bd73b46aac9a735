# SPDX-License-Identifier: BSD-2-Clause
# Reads QEMU's -trace output (the TCE hypercalls on PCI and VIO windows,
# VIO CRQ registrations, and spapr_update_dt) and reports what the firmware
# left behind at hand-off. Sluice calls
# KVMPPC_H_UPDATE_DT at quiesce, after resetting devices and clearing TCEs,
# so everything before the first spapr_update_dt is the firmware's.
#   TCE-CHECK created <liobn> <pages>   pages the firmware mapped, per LIOBN
#   TCE-CHECK leftover <n>              pages still mapped at hand-off
#   TCE-CHECK handoff <yes|no>          whether the marker was seen
#   TCE-CHECK failed-calls <n>          TCE hypercalls that returned an error
#   TCE-CHECK crq-left <n>              VIO command queues still registered
#   TCE-CHECK calls <n>                 TCE hypercalls (put, indirect, stuff)
function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
}
function num(s) { return strtonum(s) }
BEGIN { page = 4096; handoff = 0; failed = 0 }
handoff { next }
/spapr_update_dt/ { handoff = 1; next }
/spapr_iommu_(pci_)?(put|indirect|stuff) / { calls++ }
/spapr_iommu_(pci_)?indirect / {
    liobn = field("liobn"); ioba = num(field("ioba")); n = num(field("iobaN")) + 1
    if (field("ret") != "0") { failed++; next }
    for (k = 0; k < n; k++) { key = liobn ":" (ioba + k * page); if (key in mapped) twice++; mapped[key] = 1 }
    created[liobn] += n; next
}
/spapr_iommu_(pci_)?put / {
    liobn = field("liobn"); ioba = num(field("ioba")); tce = num(field("tce"))
    if (field("ret") != "0") { failed++; next }
    key = liobn ":" ioba
    if (tce != 0) { if (key in mapped) twice++; mapped[key] = 1; created[liobn]++ } else delete mapped[key]
    next
}
/spapr_iommu_(pci_)?stuff / {
    liobn = field("liobn"); end = num(field("ioba")); n = num(field("npages"))
    if (field("ret") != "0") { failed++; next }
    for (k = 1; k <= n; k++) delete mapped[liobn ":" (end - k * page)]
    next
}
/spapr_vio_h_reg_crq / { crq[$5] = 1; next }
/spapr_vio_free_crq / { delete crq[$5]; next }
END {
    for (l in created) print "TCE-CHECK created " l " " created[l]
    left = 0; for (m in mapped) left++
    print "TCE-CHECK leftover " left
    print "TCE-CHECK mapped-twice " twice + 0
    print "TCE-CHECK handoff " (handoff ? "yes" : "no")
    print "TCE-CHECK failed-calls " failed
    queues = 0; for (q in crq) queues++
    print "TCE-CHECK crq-left " queues
    print "TCE-CHECK calls " calls + 0
}
