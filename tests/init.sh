#!/bin/sh
# /init of the test initramfs: report what the tests look for, then power off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys 2>/dev/null
echo "SLUICE-TEST-INIT: reached at $(cut -d' ' -f1 /proc/uptime)s kernel time"
echo "SLUICE-TEST-CMDLINE: $(cat /proc/cmdline)"
if [ -d /proc/device-tree ]; then
  echo "SLUICE-TEST-DT: model=$(tr -d '\0' < /proc/device-tree/model)"
  [ -e /proc/device-tree/rtas/linux,rtas-base ] && echo "SLUICE-TEST-DT: rtas instantiated"
  echo "SLUICE-TEST-DT: interrupt controllers: $(ls -d /proc/device-tree/interrupt-controller* | wc -l)"
fi
echo "SLUICE-TEST-INIT: powering off"
poweroff -f
