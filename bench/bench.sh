#!/bin/bash
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
sh "$here/../tests/payload.sh" "$B"
SLOF=/usr/share/qemu/slof.bin
VOF=/usr/share/qemu/vof.bin
out="$B/bench"; mkdir -p "$out"

run_one() {  # run_one NAME -> prints "entry kclock init exit" in seconds
  local name=$1 machine=pseries bios=()
  case $name in
    sluice) bios=(-bios "$B/sluice.bin") ;;
    slof)   bios=(-bios "$SLOF") ;;
    vof)    machine=pseries,x-vof=on ;;
  esac
  local start=$EPOCHREALTIME log="$out/$name.log"
  timeout -k 5 300 qemu-system-ppc64 -M "$machine" -m 1G -nographic -nodefaults \
    -serial mon:stdio -no-reboot -action panic=exit-failure "${bios[@]}" \
    -kernel "$B/payload/vmlinux" -initrd "$B/payload/initrd-test.gz" -append "console=hvc0" \
    </dev/null 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done >"$log"
  local end=$EPOCHREALTIME
  awk -v s="$start" -v e="$end" '
    /Preparing to boot Linux/ && !entry { entry = $1 - s }
    /SLUICE-TEST-INIT: reached at/ { init = $1 - s; k = $0; sub(/.*reached at /, "", k); sub(/s kernel time.*/, "", k); kclock = init - k }
    END { if (!init) { print "NA NA NA NA"; exit }
          printf "%s %.2f %.2f %.2f\n", entry ? sprintf("%.2f", entry) : "NA", kclock, init, e - s }' "$log"
}

median() { grep -v NA | sort -n | awk '{a[NR]=$1} END { if (NR == 0) print "NA"; else print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2) }'; }

for fw in sluice slof vof; do : >"$out/$fw.times"; done
for r in $(seq "$ROUNDS"); do
  for fw in sluice slof vof; do
    run_one "$fw" >>"$out/$fw.times"
  done
  echo "round $r/$ROUNDS done" >&2
done

col() { awk -v c="$2" '{print $c}' "$out/$1.times" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "NA" || b == "NA" || b == 0) print "NA"; else printf "%.2f", a / b }'; }
printf '\nBoot of Debian 12 vmlinux + initramfs with -kernel, 1 GiB, TCG; medians of %s (seconds)\n' "$ROUNDS"
printf '%-8s %8s %8s %8s %8s %10s\n' firmware entry kclock init exit "image"
for fw in sluice slof vof; do
  case $fw in sluice) img="$B/sluice.bin" ;; slof) img=$SLOF ;; vof) img=$VOF ;; esac
  printf '%-8s %8s %8s %8s %8s %9sK\n' "$fw" "$(col $fw 1)" "$(col $fw 2)" "$(col $fw 3)" "$(col $fw 4)" \
    "$(( $(stat -c %s "$img") / 1024 ))"
done
printf '\nratios  init: sluice/vof %s  sluice/slof %s   exit: sluice/vof %s  sluice/slof %s\n' \
  "$(ratio "$(col sluice 3)" "$(col vof 3)")" "$(ratio "$(col sluice 3)" "$(col slof 3)")" \
  "$(ratio "$(col sluice 4)" "$(col vof 4)")" "$(ratio "$(col sluice 4)" "$(col slof 4)")"
