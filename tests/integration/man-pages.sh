#!/bin/sh
# The man pages (src/followupd.8, src/followupctl.1, src/followupd.conf.5,
# made at build time from their .in sources):
#  - groff (-ww, but for line breaking) and, when installed, mandoc -Tlint
#    find nothing to say, not even a style remark;
#  - every @dir@ was replaced, and the pages name the configured paths: the
#    default config file `followupd --help` shows, the state directory;
#  - no font-alternating macro (.BR, .IR, ...) runs the words of a phrase
#    together (a quoted phrase must be one argument);
#  - followupd.conf(5) names every setting of config.c's table, every
#    template and every template variable of template.c's table, and its
#    EXAMPLE configurations pass `followupd -n`;
#  - followupctl(1) names every command and option `followupctl --help`
#    shows, followupd(8) every option of `followupd --help`;
#  - both --help texts fit an 80x24 screen and point to the man pages.
set -u

: "${top_srcdir:?}" "${top_builddir:?}"
src=$top_srcdir/src
man=$top_builddir/src      # the pages as built, paths filled in
followupd=$top_builddir/src/followupd
followupctl=$top_builddir/src/followupctl

tmp=$(mktemp -d "${TMPDIR:-/tmp}/followupd-man.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

pages="followupd.8 followupctl.1 followupd.conf.5"

# ---- formatting ----
if command -v groff >/dev/null 2>&1; then
	for p in $pages; do
		# -Wbreak: a long configured path (distcheck's prefix) cannot
		# be broken or adjusted; that is layout, not a markup error.
		out=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -Wbreak -z "$man/$p" 2>&1)
		[ -z "$out" ] && echo "ok: groff -ww $p" || { fail "groff -ww $p:"; echo "$out"; }
	done
else
	echo "info: no groff"
fi
if command -v mandoc >/dev/null 2>&1; then
	for p in $pages; do
		out=$(mandoc -Tlint "$man/$p" 2>&1)
		[ -z "$out" ] && echo "ok: mandoc -Tlint $p" || { fail "mandoc -Tlint $p:"; echo "$out"; }
	done
else
	echo "info: no mandoc; lint skipped"
fi

# mentions PAGE WORD: the page source names WORD (as troff writes it:
# every "-" is "\-")
mentions() {
	w=$(printf '%s' "$2" | sed 's/-/\\-/g')
	grep -qF -- "$w" "$man/$1"
}

for p in $pages; do
	[ -f "$man/$p" ] || { fail "$man/$p was not built"; continue; }
	left=$(grep -n '@[a-z_]*@' "$man/$p")
	[ -z "$left" ] || { fail "$p: not substituted:"; printf '%s\n' "$left"; }
done

# Font-alternating macros join their arguments without a space, so a
# phrase must be one "..." argument: `.RB ( \(dqmy manager\(dq )` renders
# as "(mymanager)".  Flag two arguments in a row (split as troff splits
# them) where a letter or digit meets a letter or digit.
for p in $pages; do
	bad=$(awk '
	function check(line,    n, i, c, cur, inq, have, t, a, b) {
		n = 0; cur = ""; inq = 0; have = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (c == "\\") { cur = cur substr(line, i, 2); i++; have = 1; continue }
			if (inq) {
				if (c == "\"" && substr(line, i + 1, 1) == "\"") { cur = cur c; i++ }
				else if (c == "\"") inq = 0
				else cur = cur c
				continue
			}
			if (c == " ") { if (have) { t[++n] = cur; cur = ""; have = 0 }; continue }
			if (c == "\"" && !have) { inq = 1; have = 1; continue }
			cur = cur c; have = 1
		}
		if (have) t[++n] = cur
		for (i = 1; i < n; i++) {
			a = t[i]; b = t[i + 1]
			gsub(/\\f[BIRP]/, "", a); gsub(/\\f[BIRP]/, "", b)
			gsub(/\\\(../, "\"", a); gsub(/\\\(../, "\"", b)
			if (a ~ /[A-Za-z0-9]$/ && b ~ /^[A-Za-z0-9]/) return 1
		}
		return 0
	}
	/^\.(BR|RB|IR|RI|BI|IB) / && check(substr($0, 5)) { print FILENAME ":" FNR ": " $0 }
	' "$man/$p")
	[ -z "$bad" ] && echo "ok: $p runs no words together" ||
		{ fail "$p: a .BR/.IR line runs words together:"; printf '%s\n' "$bad"; }
done

# ---- followupd.conf(5) against the code ----
settings=$(sed -n 's/^[[:space:]]*{ "\([a-z_.]*\)", K_\([A-Z]*\),.*/\1 \2/p' "$src/base/config.c" |
	awk '$2 != "GROUP" { print $1 }')
[ -n "$settings" ] || fail "no settings found in config.c (did its table change shape?)"
n=0
for s in $settings; do
	n=$((n + 1))
	case $s in
	*.*) ;;
	name|email|relationship|highlight) s=".BR $s " ;;   # references entries
	esac
	mentions followupd.conf.5 "$s" || fail "followupd.conf(5) does not document $s"
done
echo "ok: followupd.conf(5) checked for $n settings"

vars=$(sed -n '/^} variables\[\] = {/,/^};/s/^[[:space:]]*{ "\([a-z_.]*\)",.*/\1/p' "$src/mail/template.c")
[ -n "$vars" ] || fail "no template variables found in template.c"
n=0
for v in $vars; do
	n=$((n + 1))
	mentions followupd.conf.5 "$v" || fail "followupd.conf(5) does not document the variable $v"
done
for t in $(ls "$top_srcdir/templates"); do
	mentions followupd.conf.5 "$t" || fail "followupd.conf(5) does not name $t"
done
echo "ok: followupd.conf(5) checked for $n template variables"

# The EXAMPLE section's configurations are valid.
awk '/^\.SH EXAMPLE/ { on = 1; next } /^\.SH / { on = 0 }
	on && /^\.EX/ { n++; f = sprintf("%s/example%d.conf", dir, n); next }
	on && /^\.EE/ { f = ""; next }
	f != "" { print > f }' dir="$tmp" "$man/followupd.conf.5"
found=0
for f in "$tmp"/example*.conf; do
	[ -f "$f" ] || continue
	found=$((found + 1))
	# troff escapes back to text
	sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\(rs/\\/g' "$f" > "$f.txt"
	printf 'templates_dir = "%s";\nstate_dir = "%s";\n' "$top_srcdir/templates" "$tmp/state" >> "$f.txt"
	if "$followupd" -n -c "$f.txt" >"$tmp/out" 2>&1; then
		echo "ok: followupd.conf(5) $(basename "$f") passes followupd -n"
	else
		fail "followupd.conf(5) $(basename "$f") is not a valid config:"
		sed 's/^/    /' "$tmp/out"
	fi
done
[ "$found" -ge 2 ] || fail "followupd.conf(5) EXAMPLE has $found configurations, expected 2"

# ---- the programs' options and commands ----
"$followupctl" --help > "$tmp/ctl.help" 2>&1 || fail "followupctl --help exits non-zero"
"$followupd" --help > "$tmp/d.help" 2>&1 || fail "followupd --help exits non-zero"

# ---- the configured paths ----
# The default config file as followupd uses it (--help shows it), and the
# directories make install uses, read back from the Makefile.
cfg=$(sed -n 's/.*(default \(\/.*\/followupd\.conf\)).*/\1/p' "$tmp/d.help")
[ -n "$cfg" ] || fail "followupd --help shows no default config file"
if dirs=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "${MAKE:-make}" -s -C "$top_builddir" \
	print-install-dirs 2>/dev/null); then
	eval "$dirs"
	[ "$cfg" = "$sysconfdir/followupd/followupd.conf" ] ||
		fail "followupd --help shows $cfg, make installs into $sysconfdir"
	for p in $pages; do
		for path in "$cfg" "$localstatedir/lib/followupd" "$docdir/followupd.conf.example"; do
			case $p:$path in
			followupctl.1:"$docdir"/*) continue ;;   # it names no example
			esac
			mentions "$p" "$path" || fail "$p does not name $path"
		done
	done
	echo "ok: the pages name $cfg, $localstatedir/lib/followupd and $docdir"
else
	fail "make print-install-dirs failed"
fi

cmds=$(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' "$tmp/ctl.help")
[ -n "$cmds" ] || fail "no commands in followupctl --help"
for c in $cmds hold cancel; do
	grep -Eq "^\.B[IR]? \"?$(printf '%s' "$c" | sed 's/-/\\\\-/g')" "$man/followupctl.1" ||
		fail "followupctl(1) has no entry for the command $c"
done
opts=$(grep -o -- '--[a-z][a-z-]*' "$tmp/ctl.help" | sort -u)
for o in $opts -c -v -h; do
	mentions followupctl.1 "$o" || fail "followupctl(1) does not mention $o"
done
opts=$(grep -o -- '--[a-z][a-z-]*\|\[-[a-z]' "$tmp/d.help" | tr -d '[' | sort -u)
for o in $opts; do
	mentions followupd.8 "$o" || fail "followupd(8) does not mention $o"
done
echo "ok: commands and options checked against --help"

# ---- --help fits a screen and points to the pages ----
for h in ctl.help d.help; do
	lines=$(wc -l < "$tmp/$h")
	[ "$lines" -le 24 ] || fail "$h: $lines lines, more than a 24-line screen"
	# The default config path depends on --sysconfdir: not counted.
	wide=$(grep -v '(default ' "$tmp/$h" | awk 'length > 80')
	[ -z "$wide" ] || { fail "$h: lines wider than 80 columns:"; printf '%s\n' "$wide"; }
done
grep -q 'followupd(8)' "$tmp/d.help" && grep -q 'followupd.conf(5)' "$tmp/d.help" ||
	fail "followupd --help does not point to followupd(8) and followupd.conf(5)"
grep -q 'followupctl(1)' "$tmp/ctl.help" || fail "followupctl --help does not point to followupctl(1)"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all man page checks passed"
exit 0
