#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# /init of the test initramfs: report what the tests look for, then power off.
# With "sluice.check=disks" on the command line it also loads Linux's own
# disk drivers (virtio-blk, virtio-scsi, ibmvscsi, sd, sr, nvme), prints the
# firmware's DMA binding for every node that has one, and for each disk the
# node that drives it and the md5 of its data region (sectors 100352-108543).
# With "sluice.check=net" it starts Linux's NIC drivers and runs DHCP on
# every interface.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys 2>/dev/null
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "SLUICE-TEST-INIT: reached at $(cut -d' ' -f1 /proc/uptime)s kernel time"
echo "SLUICE-TEST-CMDLINE: $(cat /proc/cmdline)"
if [ -d /proc/device-tree ]; then
  echo "SLUICE-TEST-DT: model=$(tr -d '\0' < /proc/device-tree/model)"
  [ -e /proc/device-tree/rtas/linux,rtas-base ] && echo "SLUICE-TEST-DT: rtas instantiated"
  echo "SLUICE-TEST-DT: interrupt controllers: $(ls -d /proc/device-tree/interrupt-controller* | wc -l)"
fi

b64() { base64 < "$1" | tr -d '\n'; }

# The firmware node above a block device (its devspec), however deep.
devspec() {
  d=$(readlink -f "$1/device")
  while [ "$d" != / ] && [ ! -e "$d/devspec" ]; do d=${d%/*}; [ -n "$d" ] || d=/; done
  [ -e "$d/devspec" ] && cat "$d/devspec"
}

# The drivers the installer's initrd lacks, in dependency order.
load_modules() {
  for ko in $(cat /sluice-modules/order); do
    err=$(insmod "/sluice-modules/$ko" 2>&1) || case "$err" in
      *"File exists"*) ;;
      *) echo "SLUICE-TEST-ERROR: insmod $ko: $err" ;;
    esac
  done
}

if grep -q "sluice.check=" /proc/cmdline; then
  for node in $(find /proc/device-tree/ -name 'sluice,dma-mode' | sort); do
    dir=${node%/*}
    window=none
    [ -e "$dir/sluice,dma-window" ] && window=$(b64 "$dir/sluice,dma-window")
    access=none
    [ -e "$dir/sluice,access-platform" ] && access=$(b64 "$dir/sluice,access-platform")
    echo "SLUICE-TEST-BINDING: ${dir#/proc/device-tree/} mode=$(tr -d '\0' < "$node")" \
         "access-platform=$access window=$window"
  done
fi
if grep -q "sluice.check=disks" /proc/cmdline; then
  load_modules
  # sluice.disks=N: wait for N disks (many take a while to probe), else one.
  want=$(sed -n 's/.*sluice\.disks=\([0-9]*\).*/\1/p' /proc/cmdline)
  for i in $(seq 60); do
    [ "$(ls -d /sys/block/vd* /sys/block/sd* /sys/block/sr* /sys/block/nvme* 2>/dev/null | wc -l)" -ge "${want:-1}" ] && break
    sleep 0.5
  done
  found=0
  for blk in /sys/block/vd* /sys/block/sd* /sys/block/sr* /sys/block/nvme*; do
    [ -e "$blk" ] || continue
    found=$((found + 1))
    name=${blk##*/}
    [ -e "/dev/$name" ] || mknod "/dev/$name" b $(tr ':' ' ' < "$blk/dev")
    sum=$(dd if="/dev/$name" bs=512 skip=100352 count=8192 2>/dev/null | md5sum | cut -d' ' -f1)
    echo "SLUICE-TEST-MD5: $name $(devspec "$blk") $sum"
  done
  [ $found -gt 0 ] || echo "SLUICE-TEST-ERROR: Linux found no disk"
fi
# sluice.check=net: Linux's own NIC drivers take over from the firmware's
# (ibmveth finds an l-lan the firmware left registered refused, unless it
# freed it) and each interface asks QEMU's DHCP server for an address.
if grep -q "sluice.check=net" /proc/cmdline; then
  chosen=/proc/device-tree/chosen
  [ -e $chosen/bootpath ] && echo "SLUICE-TEST-BOOTPATH: $(tr -d '\0' < $chosen/bootpath)"
  [ -e $chosen/bootp-response ] &&   # yiaddr in base64 (no od here)
    echo "SLUICE-TEST-BOOTP: yiaddr=$(dd if=$chosen/bootp-response bs=1 skip=16 count=4 2>/dev/null | base64)" \
         "bytes=$(wc -c < $chosen/bootp-response)"
  load_modules
  for m in ibmveth virtio_net; do modprobe -q "$m" || echo "SLUICE-TEST-ERROR: modprobe $m failed"; done
  for i in $(seq 20); do
    [ "$(ls /sys/class/net | grep -vc '^lo$')" -ge 1 ] && break
    sleep 0.5
  done
  for dev in /sys/class/net/*; do
    name=${dev##*/}
    [ "$name" = lo ] && continue
    drv=$(basename "$(readlink -f "$dev/device/driver")")
    ip link set "$name" up
    lease=$(udhcpc -i "$name" -n -q -t 4 -T 1 -s /bin/true 2>&1 | sed -n 's/.*lease of \([0-9.]*\) obtained.*/\1/p')
    echo "SLUICE-TEST-NET: $name driver=$drv lease=${lease:-none}"
  done
fi
# sluice.check=screen: Linux's bochs DRM driver takes the display over
# from the firmware and makes a framebuffer, and its xHCI driver finds the
# USB keyboard.
if grep -q "sluice.check=screen" /proc/cmdline; then
  load_modules
  for i in $(seq 20); do [ -e /sys/class/graphics/fb0 ] && break; sleep 0.5; done
  if [ -e /sys/class/graphics/fb0 ]; then
    echo "SLUICE-TEST-FB: fb0 $(cat /sys/class/graphics/fb0/name) $(cat /sys/class/graphics/fb0/virtual_size)"
  else
    echo "SLUICE-TEST-ERROR: Linux made no framebuffer"
  fi
  for i in $(seq 20); do grep -q "Keyboard" /proc/bus/input/devices && break; sleep 0.5; done
  sed -n 's/^N: Name="\(.*Keyboard.*\)"$/SLUICE-TEST-KBD: \1/p' /proc/bus/input/devices
fi
# sluice.check=virtcon: Linux's virtio_console takes the virtio console
# over from the firmware (the only console here: nothing above was seen)
# and says so on it.
if grep -q "sluice.check=virtcon" /proc/cmdline; then
  load_modules
  for i in $(seq 40); do [ -e /dev/hvc0 ] && break; sleep 0.25; done
  for t in /dev/hvc*; do
    [ -e "$t" ] && echo "SLUICE-TEST-VIRTCON: Linux writes to $t" > "$t"
  done
fi
# sluice.check=tpm: the event log Linux took from the firmware (base64,
# for tpm2_eventlog on the host) and the PCRs 0-9 of every bank it shows.
if grep -q "sluice.check=tpm" /proc/cmdline; then
  mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
  log=/sys/kernel/security/tpm0/binary_bios_measurements
  if [ -e $log ]; then
    echo "SLUICE-TEST-TPMLOG: $(b64 $log)"
  else
    echo "SLUICE-TEST-ERROR: Linux has no TPM event log"
  fi
  [ -e /dev/tpm0 ] && echo "SLUICE-TEST-TPM: /dev/tpm0"
  for bank in /sys/class/tpm/tpm0/pcr-*; do
    [ -d "$bank" ] || continue
    for n in 0 1 2 3 4 5 6 7 8 9; do
      echo "SLUICE-TEST-PCR: ${bank##*/pcr-} $n $(cat "$bank/$n")"
    done
  done
fi
echo "SLUICE-TEST-INIT: powering off"
poweroff -f
