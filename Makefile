# SPDX-License-Identifier: GPL-2.0
#
# Front door of the PCI Live Update patch series. See README.md.

S := scripts

.PHONY: demo test reliability bench check deps fetch worktree export build cover-letter clean distclean help

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## demo          the main job: fetch the base, apply the series, build and run it
demo:
	@$(S)/demo.sh

## test          every check and every test; ends with "N passed, N failed"
test:
	@$(S)/test.sh

## reliability   the long version of the reliability tests: 1000 preserve
##               cycles, every allocation of the preserve and the freeze
##               failed in turn, kmemleak, 5 chained Live Updates and 5
##               kexecs under concurrent churn
reliability: worktree
	@$(S)/test-reliability.sh

## bench         the benchmarks in QEMU, on the series plus bench/*.patch: device
##               tracking against an xarray, with the option on and off, the
##               handover size, the blackout of a Live Update with 0, 1 and
##               all devices preserved, and the DMA blackout of a device
##               preserved with its IOMMU domain against one set up anew
bench: worktree
	@$(S)/bench.sh
	@$(S)/bench-blackout.sh
	@$(S)/bench-dma-blackout.sh

## check         the checks only (apply, checkpatch, kernel-doc, builds, sparse, W=1)
check: deps
	@$(S)/check.sh

## deps          install the Debian packages the project needs
deps:
	@$(S)/install-deps.sh

## fetch         download and verify the pinned base (build/downloads)
fetch: deps
	@$(S)/fetch-base.sh >/dev/null

## worktree      create build/linux: the base commit plus one commit per patch
worktree: deps
	@$(S)/make-worktree.sh

## export        write the work tree's commits back to patches/
export:
	@$(S)/export-patches.sh

## cover-letter  edit the cover letter's text in the work tree
cover-letter:
	@$(S)/cover-letter.sh edit

## build         build the guest kernel (build/out/guest)
build: worktree
	@$(S)/build-kernel.sh guest configs/guest.config

## clean         remove the kernel build directories (build/out)
clean:
	rm -rf build/out build/bisect build/logs

## distclean     remove everything generated, downloads included (build/)
distclean:
	rm -rf build
