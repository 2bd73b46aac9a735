# SPDX-License-Identifier: BSD-2-Clause
# Sluice: boot firmware for QEMU pseries guests.
#   make         build build/sluice.bin (installs missing Debian packages first)
#   make run     boot the default demo (Debian's kernel + a tiny initramfs)
#   make test    host unit tests + QEMU boot tests; ends with "N passed, N failed"
#   make bench   Sluice vs SLOF vs VOF, medians, same run
#   make fuzz    every libFuzzer target for FUZZ_SECONDS each (make test runs them briefly)
#   make coverage  line coverage of the firmware code the host unit tests reach
#   make deb     the Debian package build/sluice-firmware_<version>_all.deb

CROSS    ?= powerpc64-linux-gnu-
CC        = $(CROSS)gcc
LD        = $(CROSS)ld
OBJCOPY   = $(CROSS)objcopy
B         = build
NEWLIB    = $(B)/newlib/powerpc64-elf
LIBFDT    = $(B)/libfdt-src
MBEDTLS   = $(B)/mbedtls-src
OPENSSL   = $(B)/openssl-src
# Downloaded .debs and the test payload are kept here; a second build or test
# run needs no network.
SLUICE_CACHE ?= $(B)
export SLUICE_CACHE
DL        = $(SLUICE_CACHE)/dl

FW_SRCS   = lib/vec.c lib/text.c crypto/hash.c \
            board/entry.S board/hcall.S board/console.c board/timebase.c board/watchdog.c board/log.c \
            board/rtas.c board/power.c board/exception.c board/libc_glue.c board/pseries.c \
            board/nvram.c board/mmio.c board/uv.c \
            mem/claim.c mem/firmware.c mem/phys.c \
            fdt/tree.c fdt/check.c fdt/import.c fdt/export.c fdt/reserve.c fdt/ram.c \
            nvram/chrp.c nvram/setup.c nvram/settings.c \
            dma/dma.c dma/shared.c dma/tce.c dma/tce_hcall.c \
            dev/registry.c dev/blockdev.c dev/netdev.c dev/dmadev.c dev/secure.c dev/binding.c dev/fbcon.c \
            tpm/tpm2.c tpm/tcglog.c tpm/tpm.c tpm/measure.c \
            scsi/sense.c scsi/lun.c \
            pci/config.c pci/scan.c pci/class.c vio/vio.c vio/crq.c virtio/pci.c virtio/ring.c \
            drivers/probe.c drivers/block/virtio_blk.c drivers/net/virtio_net.c drivers/block/virtio_scsi.c \
            drivers/block/vscsi.c drivers/net/vlan.c drivers/net/e1000.c drivers/block/nvme.c \
            drivers/block/nvme_ns.c drivers/block/nvme_queue.c drivers/display/vga.c \
            drivers/usb/xhci.c drivers/usb/xhci_dev.c drivers/usb/usb.c drivers/usb/usb_hub.c drivers/usb/usb_kbd.c drivers/usb/usb_msd.c \
            drivers/usb/usb_desc.c drivers/usb/usb_bot.c drivers/usb/usb_hid.c \
            drivers/tpm/vtpm.c drivers/console/virtio_console.c \
            net/addr.c net/packet.c net/packet6.c net/iface.c net/ip6.c net/dhcp.c net/dhcp_client.c \
            net/dhcp6.c net/dhcp6_client.c net/tftp.c net/tftp_client.c \
            net/pxe.c net/netargs.c net/dns.c net/dns_client.c \
            loader/elf.c loader/part.c loader/iso9660.c loader/bootinfo.c loader/load.c loader/kernel.c \
            loader/disk.c loader/netboot.c loader/netconfig.c \
            of/entry.S of/client.c of/cmem.c of/path.c of/instance.c of/platform.c \
            of/svc_tree.c of/svc_memory.c of/svc_io.c of/svc_control.c of/disk.c of/net.c of/display.c of/usb.c of/vtpm.c of/ciwatch.c \
            prompt/line.c prompt/format.c prompt/shell.c prompt/menu.c \
            boot/main.c boot/config.c boot/order.c boot/select.c boot/handoff.c boot/epapr.c \
            boot/measured.c
LIBFDT_SRCS := $(shell cat mk/libfdt-files)
MBEDTLS_SRCS := $(shell cat mk/mbedtls-files)

FW_OBJS   = $(patsubst %,$(B)/obj/%.o,$(basename $(FW_SRCS))) $(B)/obj/gen/font.o
FDT_OBJS  = $(patsubst %.c,$(B)/obj/libfdt/%.o,$(LIBFDT_SRCS))
MBEDTLS_OBJS = $(patsubst library/%.c,$(B)/obj/mbedtls/%.o,$(MBEDTLS_SRCS))
SHA_ASM_OBJS = $(B)/obj/openssl/sha1-ppc.o $(B)/obj/openssl/sha256-ppc.o $(B)/obj/openssl/sha512-ppc.o
LIB_OBJS  = $(FDT_OBJS) $(MBEDTLS_OBJS) $(SHA_ASM_OBJS)

TARGET_FLAGS = -mcpu=power8 -mno-altivec -mno-vsx -msoft-float -mlong-double-64 \
               -fno-pie -ffreestanding -fno-stack-protector -ffunction-sections \
               -fdata-sections -Os
INCLUDES  = -nostdinc -isystem $(shell $(CC) -print-file-name=include 2>/dev/null) \
            -isystem $(NEWLIB)/include -I$(LIBFDT) -isystem $(MBEDTLS)/include -Iboard \
            -DMBEDTLS_CONFIG_FILE='"$(CURDIR)/crypto/mbedtls-config.h"'
VERSION  := $(shell sh mk/version.sh)
CFLAGS    = $(TARGET_FLAGS) $(INCLUDES) -Wall -Wextra -Werror -std=gnu11 -g \
            -DSLUICE_VERSION='"$(VERSION)"'
LIBGCC    = $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

.PHONY: all deps run test unit qemu-tests bench fuzz coverage deb clean distclean
all: $(B)/sluice.bin

$(B)/.deps: mk/deps.sh
	@mkdir -p $(B)
	@sh mk/deps.sh
	@touch $@

$(NEWLIB)/../.stamp: $(B)/.deps mk/newlib.sh mk/target-cc
	@echo "  NEWLIB  (built once, about 2 minutes)"
	@sh mk/newlib.sh $(B)/newlib
	@touch $@

$(LIBFDT)/.stamp: $(B)/.deps mk/libfdt-src.sh mk/fetch-deb.sh
	@echo "  LIBFDT  source from Debian's linux-source package"
	@sh mk/libfdt-src.sh $(DL) $(LIBFDT)
	@touch $@

SOURCE_SUBSET = mk/source-subset.sh mk/fetch-source.sh mk/private-apt.sh
# mbedTLS: the files mk/mbedtls-files names, its headers and its license.
$(MBEDTLS)/.stamp: $(B)/.deps $(SOURCE_SUBSET) mk/mbedtls-files
	@echo "  MBEDTLS source from Debian's mbedtls source package"
	@sh mk/source-subset.sh mbedtls $(DL) $(MBEDTLS) 'include/mbedtls/*.h' library/common.h \
	    LICENSE $(MBEDTLS_SRCS)
	@touch $@

# OpenSSL: its POWER SHA-1 and SHA-2 perlasm, the translator it runs
# through, and its license; nothing else of it is built.
$(OPENSSL)/.stamp: $(B)/.deps $(SOURCE_SUBSET)
	@echo "  OPENSSL SHA perlasm from Debian's openssl source package"
	@sh mk/source-subset.sh openssl $(DL) $(OPENSSL) crypto/sha/asm/sha1-ppc.pl \
	    crypto/sha/asm/sha512-ppc.pl crypto/perlasm/ppc-xlate.pl LICENSE.txt
	@touch $@

PREREQS = $(NEWLIB)/../.stamp $(LIBFDT)/.stamp $(MBEDTLS)/.stamp
# The libfdt and mbedTLS sources appear when the stamps' recipes unpack them.
$(addprefix $(LIBFDT)/,$(LIBFDT_SRCS)): $(LIBFDT)/.stamp
	@:
$(addprefix $(MBEDTLS)/,$(MBEDTLS_SRCS)): $(MBEDTLS)/.stamp
	@:

# The version string is in the banner and /openprom: rebuild what uses it when it changes.
$(B)/version.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@
$(B)/obj/boot/main.o $(B)/obj/boot/measured.o $(B)/obj/of/platform.o: $(B)/version.stamp
.PHONY: FORCE

# The screen's font: an 8x16 console font from Debian's console-setup-linux.
FONT_PSF = usr/share/consolefonts/Lat15-VGA16.psf.gz
$(B)/gen/font.c: mk/font.py mk/fetch-deb.sh $(B)/.deps
	@mkdir -p $(B)/gen
	@echo "  FONT    $(notdir $(FONT_PSF)) from console-setup-linux"
	@deb=$$(sh mk/fetch-deb.sh console-setup-linux $(DL)) && \
	  dpkg-deb --fsys-tarfile "$$deb" | tar -xO ./$(FONT_PSF) > $(B)/gen/font.psf.gz
	@python3 mk/font.py $(B)/gen/font.psf.gz $@ $(B)/gen/font.bin

$(B)/obj/gen/font.o: $(B)/gen/font.c $(PREREQS)
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/obj/%.o: %.c $(PREREQS)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/%.o: %.S $(PREREQS)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(B)/obj/libfdt/%.o: $(LIBFDT)/%.c $(PREREQS)
	@mkdir -p $(dir $@)
	@$(CC) $(TARGET_FLAGS) $(INCLUDES) -w -c $< -o $@

# OpenSSL's POWER SHA block functions (crypto/sha_blocks.h), generated for
# 64-bit big-endian ELFv1 ("linux64"); sha512-ppc.pl writes SHA-256 code
# unless its output's name says 512.
$(B)/gen/sha1-ppc.s: $(OPENSSL)/.stamp
	@mkdir -p $(dir $@)
	@perl $(OPENSSL)/crypto/sha/asm/sha1-ppc.pl linux64 $@
$(B)/gen/sha256-ppc.s $(B)/gen/sha512-ppc.s: $(OPENSSL)/.stamp
	@mkdir -p $(dir $@)
	@perl $(OPENSSL)/crypto/sha/asm/sha512-ppc.pl linux64 $@
$(B)/obj/openssl/%.o: $(B)/gen/%.s
	@mkdir -p $(dir $@)
	@echo "  AS      $(notdir $<)"
	@$(CC) -c $< -o $@

# Hashing runs over whole kernels and initrds: built for speed, not size.
$(B)/obj/mbedtls/%.o: $(MBEDTLS)/library/%.c $(PREREQS)
	@mkdir -p $(dir $@)
	@$(CC) $(TARGET_FLAGS) -O2 $(INCLUDES) -w -c $< -o $@

$(B)/sluice.lds: linker/sluice.lds board/layout.h $(B)/.deps
	@$(CC) -E -P -x c -Iboard $< -o $@

$(B)/sluice.elf: $(FW_OBJS) $(LIB_OBJS) $(B)/sluice.lds
	@echo "  LD      $@"
	@$(LD) -static -nostdlib --gc-sections --build-id=none --no-warn-rwx-segments -T $(B)/sluice.lds -o $@ \
	    $(FW_OBJS) $(LIB_OBJS) --start-group $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group

$(B)/sluice.bin: $(B)/sluice.elf
	@$(OBJCOPY) -O binary $< $@
	@echo "  IMAGE   $@ ($$(stat -c %s $@) bytes)"

# The test image: the same firmware with a simulated ultravisor wrapped
# around it (tests/uvsim). Never shipped; make test builds it.
UVSIM_OBJS = $(B)/obj/tests/uvsim/uvsim.o $(B)/obj/tests/uvsim/resume.o
$(B)/sluice-uvsim.elf: $(FW_OBJS) $(LIB_OBJS) $(UVSIM_OBJS) $(B)/sluice.lds
	@echo "  LD      $@"
	@$(LD) -static -nostdlib --gc-sections --build-id=none --no-warn-rwx-segments -T $(B)/sluice.lds -o $@ \
	    --wrap=sluice_main --wrap=exception_report --wrap=cpu_msr \
	    $(FW_OBJS) $(UVSIM_OBJS) $(LIB_OBJS) --start-group $(NEWLIB)/lib/libc.a $(LIBGCC) --end-group

$(B)/sluice-uvsim.bin: $(B)/sluice-uvsim.elf
	@$(OBJCOPY) -O binary $< $@

-include $(FW_OBJS:.o=.d) $(UVSIM_OBJS:.o=.d)

# ---- demo, tests, benchmark -------------------------------------------------
run: $(B)/sluice.bin
	@sh tests/payload.sh $(SLUICE_CACHE)
	@timeout 300 qemu-system-ppc64 -M pseries -m 1G -nographic -nodefaults \
	    -serial mon:stdio -no-reboot -action panic=exit-failure \
	    -bios $(B)/sluice.bin -kernel $(SLUICE_CACHE)/payload/vmlinux \
	    -initrd $(SLUICE_CACHE)/payload/initrd-test.gz -append "console=hvc0"

deb: $(B)/sluice.bin
	@sh mk/deb.sh $(B)/sluice.bin '$(VERSION)' $(B)

unit: $(B)/.deps $(LIBFDT)/.stamp $(MBEDTLS)/.stamp
	@sh tests/unit/run.sh $(B)

test: $(B)/sluice.bin $(B)/sluice-uvsim.bin
	@sh tests/run.sh $(B)

bench: $(B)/sluice.bin $(B)/sluice-uvsim.bin
	@bash bench/bench.sh $(B)

FUZZ_SECONDS ?= 60
fuzz: $(B)/.deps $(LIBFDT)/.stamp $(MBEDTLS)/.stamp
	@sh tests/fuzz/run.sh $(B) $(FUZZ_SECONDS)

coverage: $(B)/.deps $(LIBFDT)/.stamp $(MBEDTLS)/.stamp
	@sh tests/unit/coverage.sh $(B)

clean:
	rm -rf $(B)/obj $(B)/sluice.* $(B)/unit

distclean:
	rm -rf $(B)
