#!/bin/sh
# /init of the test initramfs: report what the tests look for, then power off.
# With "sluice.check=virtio" on the command line it also loads Linux's own
# virtio-blk driver, prints the firmware's DMA binding for every virtio node,
# and the md5 of each disk's data region (sectors 100352-108543).
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

if grep -q "sluice.check=virtio" /proc/cmdline; then
  for node in $(find /proc/device-tree/ -name 'sluice,dma-mode' | sort); do
    dir=${node%/*}
    window=none
    [ -e "$dir/sluice,dma-window" ] && window=$(b64 "$dir/sluice,dma-window")
    echo "SLUICE-TEST-BINDING: ${dir#/proc/device-tree/} mode=$(tr -d '\0' < "$node")" \
         "access-platform=$(b64 "$dir/sluice,access-platform") window=$window"
  done
  modprobe virtio_pci 2>/dev/null
  insmod /virtio_blk.ko || echo "SLUICE-TEST-ERROR: insmod virtio_blk failed"
  # sluice.disks=N: wait for N disks (many take a while to probe), else one.
  want=$(sed -n 's/.*sluice\.disks=\([0-9]*\).*/\1/p' /proc/cmdline)
  for i in $(seq 60); do
    [ "$(ls -d /sys/block/vd* 2>/dev/null | wc -l)" -ge "${want:-1}" ] && break
    sleep 0.5
  done
  for blk in /sys/block/vd*; do
    [ -e "$blk" ] || { echo "SLUICE-TEST-ERROR: Linux found no virtio disk"; break; }
    name=${blk##*/}
    [ -e "/dev/$name" ] || mknod "/dev/$name" b $(tr ':' ' ' < "$blk/dev")
    node=$(readlink -f "$blk/device/../" 2>/dev/null)
    sum=$(dd if="/dev/$name" bs=512 skip=100352 count=8192 2>/dev/null | md5sum | cut -d' ' -f1)
    echo "SLUICE-TEST-MD5: $name $(cat "$blk/device/../devspec" 2>/dev/null) $sum"
  done
fi
echo "SLUICE-TEST-INIT: powering off"
poweroff -f
