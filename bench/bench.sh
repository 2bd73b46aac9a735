#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# make bench: Sluice vs QEMU's SLOF vs VOF booting the same Debian kernel and
# initramfs with -kernel, in one run, interleaved, medians of $ROUNDS.
#   entry  QEMU start -> Linux's prom_init banner (the firmware's own time;
#          NA for VOF, which does not show prom_init's output)
#   kclock QEMU start -> the kernel's clock starting (init wall time minus the
#          kernel uptime the test init prints)
#   init   QEMU start -> the test init's marker
#   exit   QEMU start -> QEMU exited after the guest powered off
set -u
B=$1
ROUNDS=${ROUNDS:-5}
here=$(cd "$(dirname "$0")" && pwd)
P="${SLUICE_CACHE:-$B}/payload"
sh "$here/../tests/payload.sh" "${SLUICE_CACHE:-$B}" || exit 1
SLOF=/usr/share/qemu/slof.bin
VOF=/usr/share/qemu/vof.bin
out="$B/bench"; mkdir -p "$out"

KERNEL_MEDIA=(-kernel "$P/vmlinux" -initrd "$P/initrd-test.gz" -append "console=hvc0")
run_one() {  # run_one NAME [TAG MEDIA...] -> prints "entry kclock init exit" in seconds
  local name=$1 tag=${2:-kernel} machine=pseries bios=() media=("${KERNEL_MEDIA[@]}")
  [ $# -gt 2 ] && media=("${@:3}")
  case $name in
    sluice|sluice-tpm|sluice-tpm256) bios=(-bios "$B/sluice.bin") ;;
    slof-tpm) bios=(-bios "$SLOF") ;;
    sluice-fdt) bios=(-bios "$B/sluice.bin" -prom-env kernel-entry=fdt) ;;
    slof)   bios=(-bios "$SLOF") ;;
    vof)    machine=pseries,x-vof=on ;;
  esac
  local start=$EPOCHREALTIME log="$out/$name-$tag.log" tpm=()
  case $name in *-tpm) vtpm_start; tpm=($TPM) ;; *-tpm256) vtpm_start "$TPM256_STATE"; tpm=($TPM) ;; esac
  timeout -k 5 300 qemu-system-ppc64 -M "$machine" -m 1G -nographic -nodefaults \
    -serial mon:stdio -no-reboot -action panic=exit-failure "${bios[@]}" "${tpm[@]}" "${media[@]}" \
    </dev/null 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$log"
  local end=$EPOCHREALTIME
  case $name in *-tpm|*-tpm256) vtpm_stop ;; esac
  awk -v s="$start" -v e="$end" '
    /Preparing to boot Linux/ && !entry { entry = $1 - s }
    /SLUICE-TEST-INIT: reached at/ { init = $1 - s; k = $0; sub(/.*reached at /, "", k); sub(/s kernel time.*/, "", k); kclock = init - k }
    END { if (!init) { print "NA NA NA NA"; exit }
          printf "%s %.2f %.2f %.2f\n", entry ? sprintf("%.2f", entry) : "NA", kclock, init, e - s }' "$log"
}

# A fresh swtpm (TPM 2.0) for one run: its start is in the measured time, as
# a libvirt guest's is. With no state it has all four PCR banks; given one,
# a copy of it (TPM256_STATE: what swtpm_setup makes with its defaults, as
# libvirt runs it once for a guest: the sha256 bank alone).
vtpm_start() {
  TPM_DIR=$(mktemp -d /tmp/sluice-bench-tpm.XXXXXX)
  [ $# -gt 0 ] && cp -r "$1"/. "$TPM_DIR"/
  swtpm socket --tpm2 --tpmstate dir="$TPM_DIR" --ctrl type=unixio,path="$TPM_DIR/sock" \
    --terminate --daemon --pid file="$TPM_DIR/pid"
  TPM="-chardev socket,id=tpmc,path=$TPM_DIR/sock -tpmdev emulator,id=tpm0,chardev=tpmc -device tpm-spapr,tpmdev=tpm0"
}
vtpm_stop() {
  [ -f "$TPM_DIR/pid" ] && kill "$(cat "$TPM_DIR/pid")" 2>/dev/null
  rm -rf "$TPM_DIR"
}

median() { grep -v NA | sort -n | awk '{a[NR]=$1} END { if (NR == 0) print "NA"; else print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2) }'; }

# sluice-fdt: the same image entering the kernel with a flattened tree
# (kernel-entry=fdt), so Linux skips prom_init; no entry column.
for fw in sluice sluice-fdt slof vof; do : >"$out/$fw.times"; done
for r in $(seq "$ROUNDS"); do
  for fw in sluice sluice-fdt slof vof; do
    run_one "$fw" >>"$out/$fw.times"
  done
  echo "round $r/$ROUNDS done" >&2
done

col() { awk -v c="$2" '{print $c}' "$out/$1.times" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }
# boot_table TAG TITLE MEDIA...: Sluice and SLOF booting MEDIA to the test
# init, interleaved, $ROUNDS each; the table of medians and the ratios.
boot_table() {
  local tag=$1 title=$2 fw; shift 2
  for fw in sluice slof; do : >"$out/$tag-$fw.times"; done
  for r in $(seq "$ROUNDS"); do
    for fw in sluice slof; do run_one "$fw" "$tag" "$@" >>"$out/$tag-$fw.times"; done
  done
  printf '\n%s to the test init, medians of %s (seconds)\n' "$title" "$ROUNDS"
  printf '%-8s %8s %8s %8s %8s\n' firmware entry kclock init exit
  for fw in sluice slof; do
    printf '%-8s %8s %8s %8s %8s\n' "$fw" "$(col $tag-$fw 1)" "$(col $tag-$fw 2)" "$(col $tag-$fw 3)" "$(col $tag-$fw 4)"
  done
  printf 'ratios  entry: sluice/slof %s   init: sluice/slof %s\n' \
    "$(ratio "$(col $tag-sluice 1)" "$(col $tag-slof 1)")" "$(ratio "$(col $tag-sluice 3)" "$(col $tag-slof 3)")"
}
printf '\nBoot of Debian 12 vmlinux + initramfs with -kernel, 1 GiB, TCG; medians of %s (seconds)\n' "$ROUNDS"
printf '%-10s %8s %8s %8s %8s %10s\n' firmware entry kclock init exit "image"
for fw in sluice sluice-fdt slof vof; do
  case $fw in sluice*) img="$B/sluice.bin" ;; slof) img=$SLOF ;; vof) img=$VOF ;; esac
  printf '%-10s %8s %8s %8s %8s %9sK\n' "$fw" "$(col $fw 1)" "$(col $fw 2)" "$(col $fw 3)" "$(col $fw 4)" \
    "$(( $(stat -c %s "$img") / 1024 ))"
done
printf '\nratios  init: sluice/vof %s  sluice/slof %s   exit: sluice/vof %s  sluice/slof %s\n' \
  "$(ratio "$(col sluice 3)" "$(col vof 3)")" "$(ratio "$(col sluice 3)" "$(col slof 3)")" \
  "$(ratio "$(col sluice 4)" "$(col vof 4)")" "$(ratio "$(col sluice 4)" "$(col slof 4)")"
printf 'kernel-entry=fdt  init: sluice-fdt/sluice %s  sluice-fdt/vof %s\n' \
  "$(ratio "$(col sluice-fdt 3)" "$(col sluice 3)")" "$(ratio "$(col sluice-fdt 3)" "$(col vof 3)")"

# Disk boot: Debian's vmlinux from a GPT PReP partition on virtio-blk, the
# firmware's load time from its own log stamps ("trying disk" to "booting").
# SLOF refuses this kernel from disk (it loads by p_vaddr, 0xc000...), so
# there is no SLOF column.
sh "$here/../tests/disk.sh" "$B/disk-gpt.img" gpt "$P/vmlinux"
# What the firmware reads: up to the end of the last loadable segment.
vmlinux_mb=$(powerpc64-linux-gnu-readelf -lW "$P/vmlinux" |
  awk '$1 == "LOAD" { e = strtonum($2) + strtonum($5); if (e > m) m = e } END { printf "%.1f", m / 1e6 }')
# Bounce needs the test ultravisor, linked into its own image, which is
# slower than the shipped one on its own; its cost is measured against that
# image driving the same disk translated (uvsim-xlate).
disk_load() {  # disk_load translated|bypass|uvsim-xlate|bounce -> seconds spent loading
  fw="$B/sluice.bin"; iommu=on; env=""
  case $1 in
    bypass) iommu=off ;;
    uvsim-xlate) fw="$B/sluice-uvsim.bin" ;;
    bounce) fw="$B/sluice-uvsim.bin"; env="-prom-env secure-mode=on" ;;  # shared through ucalls
  esac
  timeout -k 5 120 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults -serial mon:stdio \
    -no-reboot -action panic=exit-failure -bios "$fw" $env \
    -drive file="$B/disk-gpt.img",if=none,id=d0,format=raw,readonly=on \
    -device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform="$iommu" </dev/null 2>&1 |
    tr -d '\r' | awk 'function stamp(  s) { s = $0; sub(/^\[ */, "", s); sub(/\].*/, "", s); return s }
                      /sluice: trying disk/ { t = stamp() }
                      /sluice: booting / { printf "%.3f\n", stamp() - t; exit }'
}
DISK_MODES="translated bypass uvsim-xlate bounce"
for mode in $DISK_MODES; do : >"$out/disk-$mode.times"; done
for r in $(seq "$ROUNDS"); do     # modes interleaved, so drift hits all alike
  for mode in $DISK_MODES; do disk_load $mode >>"$out/disk-$mode.times"; done
done
printf '\nDisk boot: %s MB of vmlinux read from PReP on virtio-blk (Sluice), medians of %s\n' "$vmlinux_mb" "$ROUNDS"
for mode in $DISK_MODES; do
  s=$(median <"$out/disk-$mode.times")
  eval "disk_${mode//-/_}=$s"
  printf '  %-10s load %6s s  %s MB/s\n' "$mode" "$s" \
    "$(awk -v m="$vmlinux_mb" -v s="$s" 'BEGIN { if (s > 0) printf "%.0f", m / s; else print "NA" }')"
done
printf '  bounce costs %s of translated throughput, same image (1 - uvsim-xlate time / bounce time)\n' \
  "$(awk -v t="$disk_uvsim_xlate" -v b="$disk_bounce" 'BEGIN { if (b > 0) printf "%.0f%%", 100 * (1 - t / b); else print "NA" }')"

# Network boot: Debian's vmlinux by TFTP over virtio-net (iommu_platform=on),
# over IPv4 and over IPv6 (QEMU's IPv4 off: both firmwares fall back to it),
# over spapr-vlan (the default NIC) and over e1000, QEMU user networking. Sluice
# reports its own rate at the end of the transfer; SLOF's is timed on the
# host from its "Requesting file" line. TCE hypercalls (put, indirect,
# stuff, on PCI and VIO windows) per MB come from QEMU's trace. SLOF needs
# over a minute per virtio-net run, so it runs once unless SLOF_ROUNDS says.
tftp_dir="$out/tftp"
rm -rf "$tftp_dir"; mkdir -p "$tftp_dir"
ln -s "$(realpath "$P/vmlinux")" "$tftp_dir/vmlinux"
file_mb=$(awk -v b="$(stat -L -c %s "$tftp_dir/vmlinux")" 'BEGIN { printf "%.1f", b / 1e6 }')
VIRTIO_NET="-device virtio-net-pci,netdev=n0,disable-legacy=on,iommu_platform=on"
nic_args() {  # nic_args virtio|virtio6|vlan|e1000
  case $1 in
    virtio) echo "-netdev user,id=n0,tftp=$tftp_dir,bootfile=vmlinux $VIRTIO_NET" ;;
    virtio6) echo "-netdev user,id=n0,ipv4=off,ipv6=on,tftp=$tftp_dir,bootfile=vmlinux $VIRTIO_NET" ;;
    vlan) echo "-nic user,tftp=$tftp_dir,bootfile=vmlinux" ;;
    e1000) echo "-nic user,model=e1000,tftp=$tftp_dir,bootfile=vmlinux" ;;
  esac
}
NICS="virtio virtio6 vlan e1000"
net_run() {  # net_run sluice|slof virtio|virtio6|vlan|e1000 rate|count -> MB/s, or TCE hypercalls per MB
  # Rates come from untraced runs: tracing SLOF's ~130,000 TCE hypercalls
  # to a file would slow it down and flatter Sluice.
  local bios=() trace="$out/net-$1-$2.trace" log="$out/net-$1-$2.log" tracing=()
  [ "$1" = sluice ] && bios=(-bios "$B/sluice.bin")
  [ "$3" = count ] && tracing=(-trace 'spapr_iommu_*put' -trace 'spapr_iommu_*indirect'
                               -trace 'spapr_iommu_*stuff' -trace spapr_update_dt -D "$trace")
  : >"$log"; : >"$trace"
  ( timeout -k 5 300 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults -serial mon:stdio \
      -no-reboot -action panic=exit-failure "${bios[@]}" $(nic_args "$2") \
      "${tracing[@]}" </dev/null 2>&1 |
      stdbuf -oL tr '\r' '\n' | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$log" ) &
  local job=$!
  # Once the transfer's outcome is on the console the run is over (SLOF would
  # otherwise wait at its prompt until the timeout).
  while kill -0 "$job" 2>/dev/null; do
    if grep -qaE "Unable to mount root|E3403|SLUICE-FATAL" "$log"; then
      pkill -f -- "tftp=$tftp_dir" 2>/dev/null
      break
    fi
    sleep 0.5
  done
  wait "$job" 2>/dev/null
  if [ "$3" = count ]; then
    awk -v mb="$file_mb" '/spapr_update_dt/ { exit } /spapr_iommu_(pci_)?(put|indirect|stuff) / { n++ }
                          END { printf "%.2f\n", n / mb }' "$trace"
    return
  fi
  local rate
  if [ "$1" = sluice ]; then
    rate=$(sed -n 's/.*tftp vmlinux: .* done, \([0-9.]*\) MB\/s.*/\1/p' "$log" | tail -n 1)
  else
    rate=$(awk -v mb="$file_mb" '/Requesting file/ && !s { s = $1 }
                                 s && /TFTP: Received/ { printf "%.2f", mb / ($1 - s); exit }' "$log")
  fi
  echo "${rate:-NA}"
}
for nic in $NICS; do
  : >"$out/net-sluice-$nic.times"; : >"$out/net-slof-$nic.times"
  for r in $(seq "$ROUNDS"); do net_run sluice $nic rate >>"$out/net-sluice-$nic.times"; done
  for r in $(seq "${SLOF_ROUNDS:-1}"); do net_run slof $nic rate >>"$out/net-slof-$nic.times"; done
done
printf '\nTFTP of the %s MB vmlinux, QEMU user networking (medians)\n' "$file_mb"
printf '%-8s %-34s %10s %18s\n' firmware NIC "MB/s" "TCE hcalls per MB"
for nic in $NICS; do
  for fw in sluice slof; do
    case $nic in
      virtio) name="virtio-net iommu_platform=on" ;; virtio6) name="virtio-net, IPv6 (ipv4=off)" ;;
      vlan) name="spapr-vlan (-nic, the default)" ;;
      e1000) name="e1000 (-nic model=e1000)" ;;
    esac
    printf '%-8s %-34s %10s %18s\n' $fw "$name" "$(median <"$out/net-$fw-$nic.times")" "$(net_run $fw $nic count)"
  done
done
printf 'IPv6/IPv4 TFTP rate, Sluice on virtio-net: %s (goal: at least 0.90)\n' \
  "$(ratio "$(median <"$out/net-sluice-virtio6.times")" "$(median <"$out/net-sluice-virtio.times")")"

# Network boot to the test init by pxelinux (QEMU names no boot file), the
# kernel and initramfs over TFTP on virtio-net: over IPv4, and over IPv6
# where DHCPv4 is silent (the fallback's wait included).
pxe_dir="$out/tftp-pxe"
rm -rf "$pxe_dir"; mkdir -p "$pxe_dir/pxelinux.cfg"
ln -s "$(realpath "$P/vmlinux")" "$pxe_dir/vmlinux"
ln -s "$(realpath "$P/initrd-test.gz")" "$pxe_dir/initrd-test.gz"
printf 'default linux\nlabel linux\n  kernel vmlinux\n  initrd initrd-test.gz\n  append console=hvc0\n' \
  >"$pxe_dir/pxelinux.cfg/default"
for fam in 4 6; do : >"$out/sluice-pxe$fam.times"; done
for r in $(seq "$ROUNDS"); do
  run_one sluice pxe4 -netdev "user,id=n0,tftp=$pxe_dir" $VIRTIO_NET >>"$out/sluice-pxe4.times"
  run_one sluice pxe6 -netdev "user,id=n0,ipv4=off,ipv6=on,tftp=$pxe_dir" $VIRTIO_NET >>"$out/sluice-pxe6.times"
done
printf '\nSluice network boot (pxelinux, virtio-net) to the test init, medians of %s (seconds)\n' "$ROUNDS"
printf '%-8s %8s %8s %8s %8s\n' family entry kclock init exit
for fam in 4 6; do
  printf '%-8s %8s %8s %8s %8s\n' "IPv$fam" "$(col sluice-pxe$fam 1)" "$(col sluice-pxe$fam 2)" \
    "$(col sluice-pxe$fam 3)" "$(col sluice-pxe$fam 4)"
done

# GRUB over the network: grub-mknetdir's core (GRUB 2.12) as the DHCP boot
# file on spapr-vlan; GRUB takes its lease from the firmware, runs its own
# DHCP, and loads the kernel and initrd over TFTP through the OF network
# package. "entry" is QEMU start -> prom_init's banner (firmware + GRUB).
SLUICE_CACHE="${SLUICE_CACHE:-$B}" sh "$here/../tests/grub-net.sh" "$B/tftp-grub" "$P/vmlinux" "$P/initrd-test.gz" ||
  { echo "bench: cannot make the GRUB netboot tree"; exit 1; }
boot_table grubnet "GRUB network boot (grub-mknetdir core, spapr-vlan)" \
  -nic "user,tftp=$B/tftp-grub,bootfile=boot/grub/powerpc-ieee1275/core.elf"

# GRUB: Debian's powerpc-ieee1275 GRUB from PReP, its grub.cfg (a 1 s menu
# timeout, the same for both), kernel and initrd from ext2 on virtio-blk.
# "entry" is QEMU start -> prom_init's banner, i.e. firmware + GRUB.
sh "$here/../tests/grub-disk.sh" "$B/disk-grub-gpt.img" gpt "$P/vmlinux" "$P/initrd-test.gz"
boot_table grub "GRUB disk boot (GPT, PReP + ext2, iommu_platform=on)" \
  -drive file="$B/disk-grub-gpt.img",if=none,id=d0,format=raw,readonly=on \
  -device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on

# Disk reads by bus: Debian's vmlinux in GPT PReP on spapr-vscsi (what -hda
# gives), on virtio-scsi and virtio-blk with iommu_platform=on, on NVMe, and
# on a USB stick (usb-storage on qemu-xhci),
# timed on the host from the firmware starting on the disk to it having
# read what it reads: Sluice up to the end of the last segment
# ($vmlinux_mb MB, "trying disk" -> "booting"); SLOF the whole PReP
# partition ("Trying to load" -> its refusal of the ELF). SLOF has no NVMe
# driver: one run with the disk named by bootindex shows its refusal (without,
# SLOF does not even try it). TCE hypercalls (put, indirect, stuff)
# per MB from a traced run of each.
prep_mb=$(sfdisk --dump "$B/disk-gpt.img" | awk '/9E1A2D38/ { sub(/.*size= */, ""); sub(/,.*/, ""); printf "%.1f", $0 * 512 / 1e6 }')
DISK_BUSES="vscsi virtio-scsi virtio-blk nvme usb"
bus_media() {  # bus_media vscsi|virtio-scsi|virtio-blk|nvme|usb
  local drive="-drive file=$B/disk-gpt.img,if=none,id=d0,format=raw,readonly=on"
  case $1 in
    vscsi) echo "-drive file=$B/disk-gpt.img,if=scsi,index=0,format=raw,readonly=on" ;;
    virtio-scsi) echo "-device virtio-scsi-pci,id=s0,disable-legacy=on,iommu_platform=on $drive" \
                      "-device scsi-hd,drive=d0,bus=s0.0" ;;
    virtio-blk) echo "$drive -device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on" ;;
    nvme) echo "$drive -device nvme,drive=d0,serial=bench" ;;
    usb) echo "-device qemu-xhci $drive -device usb-storage,drive=d0" ;;
  esac
}
bus_read() {  # bus_read sluice|slof BUS [trace] -> seconds
  local bios=(-bios "$B/sluice.bin") from="sluice: trying disk" to="sluice: booting " tracing=()
  [ "$1" = slof ] && bios=(-bios "$SLOF") from="Trying to load" to="ELF64:|E3403|E3404"
  [ $# -gt 2 ] && tracing=(-trace 'spapr_iommu_pci_*' -trace spapr_iommu_put -trace spapr_iommu_indirect
                           -trace spapr_iommu_stuff -D "$out/bus-$1-$2.trace")
  python3 "$here/between.py" 120 "$from" "$to" qemu-system-ppc64 -M pseries -m 1G -nographic \
    -nodefaults -serial mon:stdio -no-reboot -action panic=exit-failure "${bios[@]}" $(bus_media "$2") \
    "${tracing[@]}"
}
slof_reads() { [ "$1" = slof ] && [ "$2" = nvme ] && return 1; return 0; }
for fw in sluice slof; do for bus in $DISK_BUSES; do : >"$out/bus-$fw-$bus.times"; done; done
for r in $(seq "$ROUNDS"); do
  for bus in $DISK_BUSES; do
    for fw in sluice slof; do slof_reads $fw $bus && bus_read $fw $bus >>"$out/bus-$fw-$bus.times"; done
  done
done
printf '\nDisk read: vmlinux from GPT PReP (Sluice reads %s MB, SLOF the %s MB partition), medians of %s\n' \
  "$vmlinux_mb" "$prep_mb" "$ROUNDS"
printf '%-8s %-12s %8s %8s %18s\n' firmware bus seconds "MB/s" "TCE hcalls per MB"
for bus in $DISK_BUSES; do
  for fw in sluice slof; do
    if ! slof_reads $fw $bus; then
      verdict=$(python3 "$here/between.py" 60 "Trying to load" "E3404" qemu-system-ppc64 -M pseries -m 1G \
        -nographic -nodefaults -serial mon:stdio -no-reboot -bios "$SLOF" $(bus_media "$bus"),bootindex=1)
      printf '%-8s %-12s %s\n' $fw $bus \
        "$([ "$verdict" = NA ] && echo "NA (no E3404 seen)" || echo "cannot boot (E3404: Not a bootable device!)")"
      continue
    fi
    mb=$vmlinux_mb; [ $fw = slof ] && mb=$prep_mb
    secs=$(median <"$out/bus-$fw-$bus.times")
    bus_read $fw $bus trace >/dev/null
    calls=$(grep -cE 'spapr_iommu_(pci_)?(put|indirect|stuff) ' "$out/bus-$fw-$bus.trace")
    printf '%-8s %-12s %8s %8s %18s\n' $fw $bus "$secs" \
      "$(awk -v m="$mb" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", m / s; else print "NA" }')" \
      "$(awk -v c="$calls" -v m="$mb" 'BEGIN { printf "%.2f", c / m }')"
  done
done

# GRUB from NVMe and from a USB stick to the test init, beside the
# virtio-blk GRUB boot above; SLOF cannot boot NVMe at all, and boots the
# stick beside Sluice. Goal: the stick at most 1.5x virtio-blk.
GRUB_DRIVE=(-drive file="$B/disk-grub-gpt.img",if=none,id=d0,format=raw,readonly=on)
: >"$out/grub-nvme-sluice.times"; : >"$out/grub-usb-sluice.times"; : >"$out/grub-usb-slof.times"
for r in $(seq "$ROUNDS"); do
  run_one sluice grub-nvme "${GRUB_DRIVE[@]}" -device nvme,drive=d0,serial=bench >>"$out/grub-nvme-sluice.times"
  for fw in sluice slof; do
    run_one $fw grub-usb "${GRUB_DRIVE[@]}" -device qemu-xhci -device usb-storage,drive=d0 \
      >>"$out/grub-usb-$fw.times"
  done
done
printf '\nGRUB disk boot (GPT) to the test init by bus, medians of %s (seconds)\n' "$ROUNDS"
printf '%-8s %-12s %8s %8s %8s %8s\n' firmware bus entry kclock init exit
for t in grub-sluice:sluice:virtio-blk grub-slof:slof:virtio-blk grub-nvme-sluice:sluice:nvme \
         grub-usb-sluice:sluice:usb-stick grub-usb-slof:slof:usb-stick; do
  f=${t%%:*}; rest=${t#*:}
  printf '%-8s %-12s %8s %8s %8s %8s\n' "${rest%%:*}" "${rest#*:}" "$(col $f 1)" "$(col $f 2)" "$(col $f 3)" "$(col $f 4)"
done
printf 'ratios  init: sluice usb-stick/virtio-blk %s (goal: 1.5 at most)   usb-stick sluice/slof %s\n' \
  "$(ratio "$(col grub-usb-sluice 3)" "$(col grub-sluice 3)")" "$(ratio "$(col grub-usb-sluice 3)" "$(col grub-usb-slof 3)")"

# An installer CD: grub-mkrescue's ISO (GRUB from \ppc\bootinfo.txt, a 1 s
# menu timeout, then the kernel and initrd read through the firmware) on
# -cdrom, to the test init.
sh "$here/../tests/iso.sh" "$B/cd-grub.iso" grub "$P/vmlinux" "$P/initrd-test.gz" "$B/test-client.elf" \
  >"$out/iso.log" 2>&1 || { echo "bench: cannot make the test CD (see $out/iso.log)"; exit 1; }
boot_table iso "Installer CD (grub-mkrescue ISO on -cdrom, spapr-vscsi)" -cdrom "$B/cd-grub.iso"

# Nothing bootable: how soon a CI job gets its verdict (QEMU start -> exit,
# and QEMU's exit code). SLOF waits at its prompt, so it gets one 60 s try.
sh "$here/../tests/disk.sh" "$B/disk-noprep.img" noprep "$P/vmlinux"
NOBOOT_MEDIA=(-drive file="$B/disk-noprep.img",if=none,id=d0,format=raw,readonly=on
              -device virtio-blk-pci,drive=d0 -netdev user,id=n0 -device virtio-net-pci,netdev=n0)
verdict() {  # verdict QEMU-ARGS... -> "seconds exit-code"
  local start=$EPOCHREALTIME rc
  timeout -k 5 60 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults -serial mon:stdio \
    -no-reboot -action panic=exit-failure "$@" "${NOBOOT_MEDIA[@]}" </dev/null >"$out/noboot.log" 2>&1
  rc=$?
  awk -v s="$start" -v e="$EPOCHREALTIME" -v rc="$rc" 'BEGIN { printf "%.2f %d\n", e - s, rc }'
}
: >"$out/noboot-on.times"; : >"$out/noboot-auto.times"
for r in $(seq "$ROUNDS"); do
  verdict -bios "$B/sluice.bin" -prom-env ci-mode=on >>"$out/noboot-on.times"
  verdict -bios "$B/sluice.bin" >>"$out/noboot-auto.times"
done
slof_verdict=$(verdict -bios "$SLOF")
printf '\nNothing bootable (a disk without PReP, a NIC with no boot file): QEMU start -> exit\n'
for v in on auto; do   # on: -prom-env ci-mode=on; auto: the default
  printf '  sluice ci-mode=%-4s %6s s  (exit codes: %s)\n' "$v" "$(awk '{print $1}' "$out/noboot-$v.times" | median)" \
    "$(awk '{print $2}' "$out/noboot-$v.times" | sort -u | tr '\n' ' ')"
done
case ${slof_verdict#* } in
  124|137) printf '  slof                no verdict in 60 s (waits at its prompt)\n' ;;
  *) printf '  slof               %6s s  (exit code %s)\n' "${slof_verdict% *}" "${slof_verdict#* }" ;;
esac

# What a graphical console costs: QEMU start -> the firmware's boot-order
# line, with and without QEMU's VGA plus an xHCI controller and USB keyboard
# (libvirt's default pseries devices), the same disk, interleaved.
sh "$here/../tests/disk.sh" "$B/disk-gpt.img" gpt "$P/vmlinux"
to_boot_order() {  # to_boot_order QEMU-ARGS... -> seconds
  local start=$EPOCHREALTIME
  timeout -k 5 60 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults -serial mon:stdio \
    -no-reboot -action panic=exit-failure -bios "$B/sluice.bin" -prom-env ci-mode=on \
    -drive file="$B/disk-gpt.img",if=none,id=d0,format=raw,readonly=on \
    -device virtio-blk-pci,drive=d0 "$@" </dev/null 2>&1 |
    while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$out/screen.log"
  awk -v s="$start" '/sluice: boot order:/ { printf "%.3f\n", $1 - s; found = 1; exit }
                     END { if (!found) print "NA" }' "$out/screen.log"
}
: >"$out/screen-none.times"; : >"$out/screen-vga.times"
for r in $(seq "$ROUNDS"); do
  to_boot_order >>"$out/screen-none.times"
  to_boot_order -device VGA,romfile= -device qemu-xhci -device usb-kbd >>"$out/screen-vga.times"
done
printf '\nQEMU start -> the boot-order line, medians of %s (seconds)\n' "$ROUNDS"
printf '  no display               %6s\n' "$(median <"$out/screen-none.times")"
printf '  VGA + xHCI + USB keyboard %5s\n' "$(median <"$out/screen-vga.times")"

# Measured boot: the same -kernel boot and the GRUB disk boot (GRUB 2.12
# with its tpm module measuring through the firmware) with and without a
# vTPM, interleaved: swtpm with all four PCR banks, and with the sha256 bank
# alone as swtpm_setup's defaults make it (libvirt's <tpm model='tpm-spapr'>);
# SLOF with the vTPM beside them (it measures no -kernel, initrd or command
# line). Hash rates per bank from the firmware's own debug lines, for the
# kernel and the initrd.
SLUICE_CACHE="${SLUICE_CACHE:-$B}" sh "$here/../tests/grub-disk.sh" "$B/disk-grub-tpm.img" gpt-tpm \
  "$P/vmlinux" "$P/initrd-test.gz" || { echo "bench: cannot make the measured GRUB disk"; exit 1; }
GRUB_TPM_MEDIA=(-drive file="$B/disk-grub-tpm.img",if=none,id=d0,format=raw,readonly=on
                -device virtio-blk-pci,drive=d0,disable-legacy=on,iommu_platform=on)
TPM256_STATE="$out/tpm256-state"
rm -rf "$TPM256_STATE"; mkdir -p "$TPM256_STATE"
swtpm_setup --tpm2 --tpmstate "$TPM256_STATE" >"$out/swtpm_setup.log" 2>&1 ||
  { echo "bench: swtpm_setup failed (log: $out/swtpm_setup.log)"; exit 1; }
TPM_MODES="sluice sluice-tpm sluice-tpm256 slof-tpm"
for t in $TPM_MODES; do : >"$out/tpm-$t.times"; : >"$out/tpmgrub-$t.times"; done
for r in $(seq "$ROUNDS"); do
  for t in $TPM_MODES; do
    run_one $t tpm >>"$out/tpm-$t.times"
    [ $t = slof-tpm ] || run_one $t tpmgrub "${GRUB_TPM_MEDIA[@]}" >>"$out/tpmgrub-$t.times"
  done
done
printf '\nMeasured boot (vTPM: swtpm, TPM 2.0; 4 PCR banks, or sha256 alone), medians of %s (seconds)\n' "$ROUNDS"
printf '%-34s %8s %8s %8s %8s\n' boot entry kclock init exit
for t in tpm-sluice tpm-sluice-tpm tpm-sluice-tpm256 tpm-slof-tpm \
         tpmgrub-sluice tpmgrub-sluice-tpm tpmgrub-sluice-tpm256; do
  case $t in
    tpm-sluice) name="-kernel, sluice, no vTPM" ;; tpm-sluice-tpm) name="-kernel, sluice, vTPM 4 banks" ;;
    tpm-sluice-tpm256) name="-kernel, sluice, vTPM sha256" ;; tpm-slof-tpm) name="-kernel, slof, vTPM 4 banks" ;;
    tpmgrub-sluice) name="GRUB disk, sluice, no vTPM" ;; tpmgrub-sluice-tpm) name="GRUB disk, sluice, vTPM 4 banks" ;;
    tpmgrub-sluice-tpm256) name="GRUB disk, sluice, vTPM sha256" ;;
  esac
  printf '%-34s %8s %8s %8s %8s\n' "$name" "$(col $t 1)" "$(col $t 2)" "$(col $t 3)" "$(col $t 4)"
done
for banks in tpm tpm256; do
  printf 'ratios  init with/without a vTPM (%s): -kernel %s  GRUB disk %s (goal: 1.25 at most)\n' \
    "$([ $banks = tpm ] && echo "4 banks" || echo "sha256")" \
    "$(ratio "$(col tpm-sluice-$banks 3)" "$(col tpm-sluice 3)")" \
    "$(ratio "$(col tpmgrub-sluice-$banks 3)" "$(col tpmgrub-sluice 3)")"
done
vtpm_start
timeout -k 5 120 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults -serial mon:stdio \
  -no-reboot -action panic=exit-failure -bios "$B/sluice.bin" $TPM -prom-env log-level=debug \
  "${KERNEL_MEDIA[@]}" </dev/null >"$out/tpm-rates.log" 2>&1
vtpm_stop
printf 'hash rates under TCG (MB/s), from the firmware:\n'
sed -n 's/.*sluice: hashed \(.*\)$/  \1/p' "$out/tpm-rates.log" | tr -d '\r'

