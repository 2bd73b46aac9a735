# SPDX-License-Identifier: BSD-2-Clause
# Reads QEMU's trace of a run with the simulated ultravisor (tests/uvsim):
# its markers (spapr_iommu_get on LIOBN 0x5556...), the firmware's TCE
# hypercalls (spapr_iommu_{put,indirect,stuff}, on PCI and VIO windows),
# every DMA translation a device made (spapr_iommu_xlate) and the hand-off
# (spapr_update_dt). Checks that
#   - every TCE created once the guest is secure (after UV_ESM, or from the
#     first share when secure mode is forced) points into the shared set,
#   - no device translation after that lands outside the shared set, except
#     through a TCE made before the guest turned secure and not yet cleared
#     (the device may still be finishing with it until the firmware's
#     transition, which clears them),
#   - no page is unshared while a TCE still maps it,
#   - the shared set is empty at hand-off,
#   - no TCE, ever, points into [dest_lo, dest_hi) (the kernel's load
#     destination; pass -v dest_lo=... -v dest_hi=..., 0 0 for none).
# Prints UV-CHECK lines; "UV-CHECK ok" only when all hold.
function field(name,   i, kv) {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] }
    return ""
}
function num(s) { return strtonum(s) }
function bad(msg) { if (nbad++ < 10) print "UV-CHECK violation: " msg }
function new_tce(liobn, ioba, phys) {
    phys = phys - phys % page
    if (phys >= num(dest_lo) && phys < num(dest_hi)) bad(sprintf("TCE %s:0x%x -> 0x%x in the kernel's destination", liobn, ioba, phys))
    if (secure && !(phys in shared)) bad(sprintf("TCE %s:0x%x -> 0x%x, a page not shared", liobn, ioba, phys))
    tce[liobn ":" ioba] = phys; fresh[liobn ":" ioba] = secure; created++
}
function drop_tce(key) { delete tce[key]; delete fresh[key] }
BEGIN { page = 4096; secure = 0; handoff = 0; nbad = 0; created = 0; xlates = 0 }
handoff { next }
/spapr_update_dt/ {
    handoff = 1; left = 0
    for (p in shared) left++
    if (left) bad(left " pages still shared at hand-off")
    next
}
/spapr_iommu_get liobn=0x5556/ {
    # 0x5556 KKKK NNNNNNNN: split as text (the whole is past a double's precision)
    l = field("liobn"); kind = num("0x" substr(l, 7, 4)); n = num("0x" substr(l, 11, 8)); addr = num(field("ioba"))
    if (kind == 1) { secure = 1; esm = 1 }
    if (kind == 2) { if (!secure) secure = 1; for (k = 0; k < n; k++) shared[addr + k * page] = 1; shares++ }
    if (kind == 3) for (k = 0; k < n; k++) {
        p = addr + k * page; delete shared[p]
        for (t in tce) if (tce[t] == p) bad(sprintf("page 0x%x unshared while TCE %s still maps it", p, t))
    }
    if (kind == 4) delete shared
    next
}
/spapr_iommu_(pci_)?indirect / {
    if (field("ret") != "0") next
    liobn = field("liobn"); ioba = num(field("ioba")); n = num(field("iobaN")) + 1
    last = num(field("tceN")); last -= last % page
    # QEMU traces only the last entry of a list: the firmware maps one
    # physically contiguous buffer per call, which the xlate checks confirm.
    for (k = 0; k < n; k++) new_tce(liobn, ioba + k * page, last - (n - 1 - k) * page)
    next
}
/spapr_iommu_(pci_)?put / {
    if (field("ret") != "0") next
    liobn = field("liobn"); ioba = num(field("ioba")); v = num(field("tce"))
    if (v) new_tce(liobn, ioba, v); else drop_tce(liobn ":" ioba)
    next
}
/spapr_iommu_(pci_)?stuff / {
    if (field("ret") != "0") next
    # QEMU traces the I/O address after the last page it cleared.
    liobn = field("liobn"); end = num(field("ioba")); n = num(field("npages"))
    for (k = 1; k <= n; k++) drop_tce(liobn ":" (end - k * page))
    next
}
match($0, /spapr_iommu_xlate liobn=(0x[0-9a-f]+) (0x[0-9a-f]+) -> (0x[0-9a-f]+) perm=([0-9]+)/, m) {
    if (m[4] == "0") next
    key = m[1] ":" (num(m[2]) - num(m[2]) % page); phys = num(m[3])
    xlates++
    if (key in tce && tce[key] != phys) bad(sprintf("device reached 0x%x through %s, which maps 0x%x", phys, key, tce[key]))
    if (secure && !(phys in shared) && (!(key in fresh) || fresh[key])) bad(sprintf("device reached 0x%x (not shared) through %s", phys, key))
    next
}
END {
    print "UV-CHECK esm " (esm ? "yes" : "no") " shares " shares + 0 " tces " created " xlates " xlates " handoff " (handoff ? "yes" : "no")
    if (nbad == 0) print "UV-CHECK ok"
}
