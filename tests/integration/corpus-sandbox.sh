#!/bin/sh
# Every file of the shared corpus goes through the sandboxed MIME parser
# (persistent worker and fork per mail) without a crash, and the sandboxed
# answers equal the unsandboxed ones.  Skips (77) when the corpus is absent.
corpus="${top_srcdir:-.}/../shared/corpus"
if [ ! -d "$corpus" ]; then
	echo "corpus not found at $corpus: skipped"
	exit 77
fi
exec "${top_builddir:-.}/tests/lib/corpus_sandbox" "$corpus"
