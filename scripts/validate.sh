#!/bin/sh
# How valid the shipped codeframe is: codes both bundled corpora with the
# lexicons and prints, per corpus and per half, each theme's Cohen's kappa
# against the human gold coding with its 95% bootstrap interval, precision
# and recall, the primary theme's accuracy, and beside it the agreement of
# the two human coders with each other. Every figure comes from `qcode eval`
# run here and now.
#
#   scripts/validate.sh [--check FLOOR]
#
# With --check, also compares each theme's kappa with the written-down floor
# (lines "corpus half theme kappa") and exits 1 when any is below it.
set -eu
cd "$(dirname "$0")/.."
floor=
[ "${1:-}" = --check ] && floor=$2
QCODE_CACHE=${QCODE_CACHE-$PWD/build/cache}
export QCODE_CACHE
unset QCODE_DB
lex=${QCODE_LEXICONS:-$PWD/lexicons}
work=build/validate
rm -rf "$work"
mkdir -p "$work"
boot=${VALIDATE_BOOT:-1000}
q() { ./qcode --db "$db" --lexicons "$lex" "$@"; }

# eval's table rows as "theme kappa lo hi prec recall", then "primary right of"
summarise() {
	awk '
	/^theme +gold +coded/ { t = 1; next }
	t && NF == 0 { t = 0 }
	t {
		lo = "-"; hi = "-"
		if (match($0, /\] +[-0-9.]+ +\[[-0-9., ]+\]/)) {
			s = substr($0, RSTART, RLENGTH); gsub(/[][,]/, " ", s); split(s, a, " ")
			lo = a[2]; hi = a[3]
		} else if (match($0, /\[[-0-9., ]+\] +[-0-9.]+ +\[[-0-9., ]+\]/)) {
			s = substr($0, RSTART, RLENGTH); gsub(/[][,]/, " ", s); split(s, a, " ")
			lo = a[4]; hi = a[5]
		}
		# columns: theme gold coded TP FP FN prec recall F1 [..] kappa [..] alpha
		n = split($0, f, " +")
		kappa = "-"
		for (i = 10; i <= n; i++) if (f[i] !~ /^\[/ && f[i] !~ /\]$/) { kappa = f[i]; break }
		print "T", f[1], kappa, lo, hi, f[7], f[8]
	}
	/^primary theme: / { print "P", $3, $5 }
	'
}

# A coder's codes from coders.csv as a review sheet (id, themes, primary).
coder_sheet() {
	awk -F, -v c="$2" '
	NR == 1 { print "id,themes,primary"; next }
	{
		line = $0; sub(/\r$/, "", line)
		# id,coder,themes,primary; themes may be quoted with commas inside
		id = line; sub(/,.*/, "", id); rest = substr(line, length(id) + 2)
		coder = rest; sub(/,.*/, "", coder); rest = substr(rest, length(coder) + 2)
		if (coder != c) next
		if (rest ~ /^"/) { th = substr(rest, 2); sub(/".*/, "", th); pr = rest; sub(/^"[^"]*",/, "", pr) }
		else { th = rest; sub(/,.*/, "", th); pr = rest; sub(/^[^,]*,/, "", pr) }
		gsub(/,/, ";", th)
		if (pr == "-") pr = ""
		print id "," th "," pr
	}' "$1"
}

report() { # corpus name, halves...
	name=$1
	shift
	printf '%-16s %-4s %6s  %-16s %6s %6s   %s\n' theme half kappa "95% CI" prec recall "coders' kappa"
	for h in "$@"; do
		if [ "$h" = all ]; then w=; else w="--where half=$h"; fi
		# shellcheck disable=SC2086
		q eval --gold "$dir/gold.csv" --boot "$boot" $w 2>/dev/null | summarise >"$work/$name.$h.m"
		if [ -n "$coders" ]; then
			# shellcheck disable=SC2086
			q eval --coder A --against B --boot 0 $w 2>/dev/null | summarise >"$work/$name.$h.c"
		else
			: >"$work/$name.$h.c"
		fi
	done
	for t in $(awk '$1 == "T" { print $2 }' "$work/$name.$1.m"); do
		for h in "$@"; do
			awk -v t="$t" -v h="$h" -v c="$work/$name.$h.c" -v corpus="$name" '
			BEGIN { ck = "-"; while ((getline l < c) > 0) { split(l, f, " "); if (f[1] == "T" && f[2] == t) ck = f[3] } }
			$1 == "T" && $2 == t {
				ci = ($4 == "-") ? "" : "[" $4 ", " $5 "]"
				printf "%-16s %-4s %6s  %-16s %6s %6s   %s\n", t, h, $3, ci, $6, $7, ck
				print corpus, h, t, $3 > "/dev/stderr"
			}' "$work/$name.$h.m" 2>>"$work/kappas"
		done
	done
	for h in "$@"; do
		awk -v h="$h" -v c="$work/$name.$h.c" '
		BEGIN { cp = ""; while ((getline l < c) > 0) { split(l, f, " "); if (f[1] == "P") cp = sprintf("; coders %d of %d", f[2], f[3]) } }
		$1 == "T" && $3 != "-" { s += $3; n++ }
		$1 == "P" { r = $2; o = $3 }
		END { printf "%-16s %-4s %6.3f   primary theme right: %d of %d (%.1f%%)%s\n", "mean kappa", h, n ? s / n : 0, r, o, o ? 100 * r / o : 0, cp }
		' "$work/$name.$h.m"
	done
}

# Quote precision: of the quotes `qcode quotes -k 5` picks under a theme, the
# share whose gold has that theme, and whose gold primary is that theme.
quote_precision() { # halves...
	echo
	echo "quotes under each heading (qcode quotes -k 5), against the gold: theme in gold / gold primary"
	printf '%-16s %-4s %14s %14s %14s %14s\n' theme half "@3 theme" "@3 primary" "@5 theme" "@5 primary"
	for h in "$@"; do
		q quotes -k 5 --format tsv --where "half=$h" >"$work/quotes.$h.tsv"
		awk -F'\t' -v h="$h" '
		function pct(a, b) { return b ? sprintf("%d/%d %3.0f%%", a, b, 100 * a / b) : "-" }
		NR == FNR {
			if (FNR == 1) next
			sub(/\r$/, "")
			split($0, f, ",")
			if (f[2] != "") { has[f[1], f[2]] = 1; if (f[3] == "1") prim[f[1]] = f[2] }
			next
		}
		FNR == 1 { next }
		{
			t = $1; r = $2; id = $3
			if (!(t in themes)) { themes[t] = 1; order[++m] = t }
			for (k = 3; k <= 5; k += 2) if (r <= k) {
				n[t, k]++; N[k]++
				if ((id, t) in has) { in_[t, k]++; IN[k]++ }
				if (prim[id] == t) { pr[t, k]++; PR[k]++ }
			}
		}
		END {
			for (i = 1; i <= m; i++) { t = order[i]
				printf "%-16s %-4s %14s %14s %14s %14s\n", t, h, pct(in_[t, 3], n[t, 3]), pct(pr[t, 3], n[t, 3]), pct(in_[t, 5], n[t, 5]), pct(pr[t, 5], n[t, 5]) }
			printf "%-16s %-4s %14s %14s %14s %14s\n", "all", h, pct(IN[3], N[3]), pct(PR[3], N[3]), pct(IN[5], N[5]), pct(PR[5], N[5])
		}' "$dir/gold.csv" "$work/quotes.$h.tsv"
	done
}
: >"$work/kappas"

echo "== corpus/digitaal2017: the report's quoted answers against its headings"
dir=corpus/digitaal2017
db=$work/digitaal2017.db
coders=
q import --group heading "$dir/answers.csv" >/dev/null
q code >/dev/null
report digitaal2017 all
echo

echo "== corpus/devset: texts the lexicons were not written from, against the adjudicated gold;"
echo "   beside it, the two blind coders against each other"
dir=corpus/devset
db=$work/devset.db
coders=$dir/coders.csv
q import --group half --group source "$dir/answers.csv" >/dev/null
q code >/dev/null
# quotes from the machine's codes, before any human decision is imported
quote_precision A B >"$work/quotes.txt"
for c in A B; do
	coder_sheet "$coders" "$c" >"$work/coder$c.csv"
	q review --import "$work/coder$c.csv" --coder "$c" >/dev/null
done
report devset A B all

cat "$work/quotes.txt"

if [ -n "$floor" ]; then
	echo
	bad=0
	while read -r corpus half theme min; do
		case $corpus in ''|'#'*) continue ;; esac
		got=$(awk -v c="$corpus" -v h="$half" -v t="$theme" '$1 == c && $2 == h && $3 == t { print $4 }' "$work/kappas")
		if [ -z "$got" ] || awk -v g="$got" -v m="$min" 'BEGIN { exit !(g == "-" || g + 0 < m + 0) }'; then
			echo "below the floor: $corpus half $half $theme kappa ${got:-none} < $min"
			bad=1
		fi
	done <"$floor"
	[ "$bad" = 0 ] && echo "every theme's kappa is at or above the floor in $floor"
	exit "$bad"
fi
