#!/bin/sh
# Build the libFuzzer harnesses with clang (outside the normal build: they
# need clang and its fuzzer runtime).
#
#   tests/fuzz/build.sh [OUTDIR]
#
# OUTDIR defaults to $FUZZ_OUT, else ${TMPDIR:-/tmp}/followupd-fuzz.  The
# harnesses land in OUTDIR/fuzz_{recognise,ics,template,config}.  The
# compiler is $FUZZ_CC (default clang-14).  Every module the harnesses use
# is compiled with -fsanitize=fuzzer-no-link,address,undefined, so
# coverage guides the fuzzer inside the parsers, and any UBSan report
# aborts like an ASan one.  Rebuilds only when a source is newer.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-${FUZZ_OUT:-${TMPDIR:-/tmp}/followupd-fuzz}}
cc=${FUZZ_CC:-clang-14}
harnesses="recognise ics template config"
# The modules the harnesses reach (recognise pulls sandbox and config;
# config pulls tls, which checks the certificate pins).
modules="util utf8 proc net log when parties tls config sandbox template"
# and every module of recognition and of MIME reading, whatever their number
for f in "$top"/src/recognise/*.c "$top"/src/mail/message*.c; do
	m=${f##*/}
	modules="$modules ${m%.c}"
done

command -v "$cc" >/dev/null 2>&1 || { echo "build.sh: $cc not found" >&2; exit 77; }
pkgs="libetpan libical jansson libconfig libseccomp gnutls libxml-2.0"
pkg-config --exists $pkgs || { echo "build.sh: missing one of: $pkgs" >&2; exit 77; }

mkdir -p "$out/obj"
# Only HAVE_EXPLICIT_BZERO matters to these modules; no configure run needed.
if [ ! -f "$out/autoconfig.h" ]; then
	cat >"$out/autoconfig.h" <<'H'
/* Written by tests/fuzz/build.sh for the fuzz build. */
#define HAVE_EXPLICIT_BZERO 1
#define PACKAGE "followupd"
#define PACKAGE_NAME "followupd"
#define PACKAGE_VERSION "fuzz"
#define VERSION "fuzz"
H
fi

# Debian's libetpan.pc carries -specs=...; drop it as configure.ac does.
pcflags=$(pkg-config --cflags $pkgs | sed -e 's/-specs=[^ ]*//g')
pclibs=$(pkg-config --libs $pkgs | sed -e 's/-specs=[^ ]*//g')
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cflags="-std=c11 -g -O1 $san \
	-D_GNU_SOURCE -DSYSCONFDIR=\"/etc\" -DLOCALSTATEDIR=\"/var\" \
	-DPKGDATADIR=\"/usr/share/followupd\" \
	-I$out -I$top/src -I$top/src/base -I$top/src/store -I$top/src/core -I$top/src/mail -I$top/src/recognise -I$here $pcflags"

# Any header change rebuilds everything (a handful of files, a minute).
newest_h=$(ls -t "$top"/src/*.h "$top"/src/*/*.h "$here"/fuzz.h | head -n 1)
objs=
# The compiled-in default templates (src/mail/compose.am builds the same file).
if [ ! -f "$out/templates-builtin.c" ] || [ -n "$(find "$top/templates" "$top/src/mail/embed-templates.sh" -newer "$out/templates-builtin.c" | head -n 1)" ]; then
	sh "$top/src/mail/embed-templates.sh" "$top"/templates/*.tmpl >"$out/templates-builtin.c.tmp"
	mv "$out/templates-builtin.c.tmp" "$out/templates-builtin.c"
fi
if [ ! -f "$out/obj/templates-builtin.o" ] || [ "$out/templates-builtin.c" -nt "$out/obj/templates-builtin.o" ]; then
	$cc $cflags -w -c "$out/templates-builtin.c" -o "$out/obj/templates-builtin.o"
fi
objs="$out/obj/templates-builtin.o"
for m in $modules; do
	src=$(ls "$top"/src/$m.c "$top"/src/*/$m.c 2>/dev/null | head -n 1)
	obj="$out/obj/$m.o"
	if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_h" -nt "$obj" ]; then
		echo "  CC(fuzz) ${src#"$top"/}"
		# Warnings are the normal build's business; keep this quiet.
		$cc $cflags -w -fsanitize=fuzzer-no-link -c "$src" -o "$obj"
	fi
	objs="$objs $obj"
done
stale=
for o in $objs; do
	if [ "$o" -nt "$out/libfz.a" ]; then stale=yes; fi
done
if [ ! -f "$out/libfz.a" ] || [ -n "$stale" ]; then
	rm -f "$out/libfz.a"
	ar rcs "$out/libfz.a" $objs
fi

for h in $harnesses; do
	src="$here/fuzz_$h.c"
	bin="$out/fuzz_$h"
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$out/libfz.a" -nt "$bin" ]; then
		echo "  CCLD(fuzz) fuzz_$h"
		$cc $cflags -Wall -Wextra -fsanitize=fuzzer "$src" "$out/libfz.a" $pclibs -o "$bin"
	fi
done
echo "fuzz harnesses in $out"
