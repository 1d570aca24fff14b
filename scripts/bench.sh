#!/bin/sh
# make bench: throughput and memory of every stage, median of several runs.
#
#   BENCH_N     answers in the base corpus (default 100000)
#   BENCH_RUNS  runs per figure, the median is reported (default 3)
#   BENCH_PAIRS pairs run in turns for the -j 2 speed-up and coding / floor (default 7)
#   BENCH_FULL  1: also the 100x scaling point (10 million answers)
#   BENCH_INSTR 1: also instruction counts (valgrind's callgrind), which do
#               not depend on the machine's load: coding / floor on 20,000
#               answers, and the extra work of -j 2 on the base corpus
#
# Figures: words/s, answers/s, MB/s and peak RSS. Timings are wall clock on
# this machine, to the microsecond (build/bench_time); run it on a quiet
# machine, and compare instruction counts (valgrind --tool=callgrind) where
# the machine is noisy.
set -eu
cd "$(dirname "$0")/.."
N=${BENCH_N:-100000}
RUNS=${BENCH_RUNS:-3}
PAIRS=${BENCH_PAIRS:-7}
D=bench-data
mkdir -p "$D"
export LC_ALL=C.UTF-8

gen() { [ -s "$D/answers-$1.txt" ] || scripts/gen-corpus "$1" --seed 1 >"$D/answers-$1.txt"; }
csvgen() { [ -s "$D/answers-$1.csv" ] || scripts/gen-corpus "$1" --seed 1 --format csv >"$D/answers-$1.csv"; }

# median wall seconds and max RSS (KB) of RUNS runs of a command; stdin from $IN
measure() {
	for r in $(seq "$RUNS"); do
		build/bench_time "$D/.time" "$1" <"$IN" >/dev/null 2>"$D/.err" || { cat "$D/.err"; exit 1; }
		cat "$D/.time"
	done | sort -n | awk -v runs="$RUNS" '{ t[NR] = $1; if ($2 > m) m = $2 } END { print t[int((runs + 1) / 2)], m }'
}

# awk: the median of a[1..n] (sorts a)
MEDIAN='
function median(a, n,    i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}'

# Two commands in turns, $1 times, each turn after the command $2 (":" for
# none); stdin from $IN, output dropped. A line per turn: "seconds1 rss1
# seconds2 rss2 cpu1 cpu2" (RSS in KB, CPU seconds). Taking them in turns,
# a machine that slows down or speeds up over the runs (a shared VM does)
# favours neither.
in_turns() { # times before cmd1 cmd2
	for r in $(seq "$1"); do
		sh -c "$2"
		build/bench_time "$D/.time1" "$3" <"$IN" >/dev/null 2>"$D/.err" || { cat "$D/.err"; exit 1; }
		build/bench_time "$D/.time2" "$4" <"$IN" >/dev/null 2>"$D/.err" || { cat "$D/.err"; exit 1; }
		read -r s1 m1 c1 <"$D/.time1"
		read -r s2 m2 c2 <"$D/.time2"
		echo "$s1 $m1 $s2 $m2 $c1 $c2"
	done
}

# -j 1 and -j 2 in turns, PAIRS times: the median wall seconds and max RSS
# of each, the median of the pairs' ratios, and what makes that ratio: how
# busy -j 2 keeps the two cores (CPU time / twice the wall time) and its CPU
# time against -j 1's -- the speed-up is 2 x busy / CPU ratio.
pairs() {
	in_turns "$PAIRS" : "./qcode code -j 1" "./qcode code -j 2" | awk "$MEDIAN"'
	{ one[NR] = $1; two[NR] = $3; ratio[NR] = $1 / $3; if ($2 > m1) m1 = $2; if ($4 > m2) m2 = $4
	  busy[NR] = $6 / (2 * $3); cpu[NR] = $6 / $5 }
	END { print median(one, NR), m1, median(two, NR), m2, median(ratio, NR), median(busy, NR), median(cpu, NR) }'
}

# The floor and -j 1 in turns, PAIRS times: the median of the pairs'
# ratios (coding / floor), which a machine that slows down for a while
# does not tilt as it can two medians taken minutes apart.
over_floor() {
	in_turns "$PAIRS" : build/bench_floor "./qcode code -j 1" | awk "$MEDIAN"'
	{ ratio[NR] = $3 / $1 }
	END { print median(ratio, NR) }'
}

# The machine's own two-core ceiling: a spin loop (arithmetic only, no
# memory, nothing shared) and then two at once, PAIRS times, for the loop
# that leaves a core mostly idle and for the one that keeps it full
# (tests/bench/spin.c); prints the two medians of 2 x one's time / both's.
# A machine with two whole cores gives 2.00 for both; two hardware threads
# of one core give much less for the full one.
ceiling() {
	for mode in narrow wide; do
		in_turns "$PAIRS" : "build/bench_spin $mode" "build/bench_spin $mode & build/bench_spin $mode; wait" |
			awk "$MEDIAN"'{ ratio[NR] = 2 * $1 / $3 } END { printf "%s ", median(ratio, NR) }'
	done
	echo
}

# qcode's own ceiling on this machine: -j 1 on the whole input against two
# -j 1 processes at once, each on a half, which share nothing (but each
# analyses the new forms it meets), PAIRS times in turns; prints the median
# of the ratios.
halves() {
	h=$(( ($(wc -l <"$IN") + 1) / 2 ))
	head -n "$h" "$IN" >"$D/half1.txt"
	tail -n +"$((h + 1))" "$IN" >"$D/half2.txt"
	in_turns "$PAIRS" : "./qcode code -j 1" \
		"./qcode code -j 1 <$D/half1.txt >/dev/null & ./qcode code -j 1 <$D/half2.txt >/dev/null; wait" |
		awk "$MEDIAN"'{ ratio[NR] = $1 / $3 } END { print median(ratio, NR) }'
}

# The -j 2 speed-up against the ceilings, and what makes it; stdin from $IN.
limits() { # speed-up busy cpu-ratio (from pairs)
	set -- "$@" $(ceiling) "$(halves)"
	awk -v s="$1" -v b="$2" -v c="$3" -v n="$4" -v w="$5" -v h="$6" -v p="$PAIRS" 'BEGIN {
	printf "  the machine: two spin loops against one %.2f (a loop that leaves a core mostly idle), %.2f (one that keeps it full); median of %d pairs\n", n, w, p
	printf "  two qcode -j 1 at once, each on half the input, sharing nothing: %.2f times as fast as one on all of it; -j 2 reaches %.0f%% of that\n", h, 100 * s / h
	printf "  -j 2 keeps both cores busy %.1f%% of its time and takes %.2f times the CPU time of -j 1 (the speed-up of a pair is 2 x busy / that)\n", 100 * b, c }'
}

report() { # label seconds rss words answers bytes
	awk -v l="$1" -v s="$2" -v m="$3" -v w="$4" -v a="$5" -v b="$6" 'BEGIN {
		printf "%-34s %8.2f s %12.0f words/s %10.0f answers/s %7.1f MB/s %8.1f MB RSS\n", l, s, w / s, a / s, b / s / 1e6, m / 1024 }'
}

gen "$N"
IN=$D/answers-$N.txt
WORDS=$(wc -w <"$IN")
BYTES=$(wc -c <"$IN")
echo "qcode benchmark: $N answers, $WORDS words, $BYTES bytes; $(nproc) cores, $(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); median of $RUNS runs"
echo

set -- $(measure "build/bench_floor")
FLOOR=$1
report "floor: read+tokenise+stem" "$1" "$2" "$WORDS" "$N" "$BYTES"
TOKENS=$(build/bench_floor <"$IN" | cut -d' ' -f1)
awk -v t="$TOKENS" -v s="$FLOOR" 'BEGIN { printf "%-34s %8s   %12.0f tokens/s\n", "  text stage", "", t / s }'
set -- $(pairs)
J1=$1
SPEEDUP=$5
PARTS="$6 $7"
report "stream code -j 1 (JSONL out)" "$1" "$2" "$WORDS" "$N" "$BYTES"
report "stream code -j 2" "$3" "$4" "$WORDS" "$N" "$BYTES"
OVER=$(over_floor)
awk -v o="$OVER" -v s="$SPEEDUP" -v p="$PAIRS" 'BEGIN {
	printf "\ncoding / floor = %.2f (target <= 1.5); -j 2 speed-up = %.2f (target >= 1.8); each the median of %d pairs run in turns\n", o, s, p }'
limits "$SPEEDUP" $PARTS
echo

# the peer: Python with PyStemmer and re, on the same input and lexicons
./qcode lexicon export --to liwc -o "$D/codeframe.dic" 2>/dev/null
set -- $(RUNS=1 measure "/usr/bin/python3 scripts/peer.py $D/codeframe.dic")
PEER=$1
report "peer: Python + PyStemmer + re" "$1" "$2" "$WORDS" "$N" "$BYTES"
awk -v p="$PEER" -v a="$J1" 'BEGIN { printf "qcode -j 1 is %.1f times as fast as the peer (target >= 10)\n", p / a }'
head -n 20000 "$IN" >"$D/sample.txt"
./qcode code <"$D/sample.txt" >"$D/sample.qcode"
/usr/bin/python3 scripts/peer.py "$D/codeframe.dic" <"$D/sample.txt" >"$D/sample.peer"
python3 - "$D/sample.qcode" "$D/sample.peer" <<'PY'
import json, sys
q = [set(json.loads(l)["themes"]) for l in open(sys.argv[1])]
p = [set(json.loads(l)["themes"]) for l in open(sys.argv[2])]
same = sum(a == b for a, b in zip(q, p))
print("agreement with the peer on %d answers: %.1f%% identical theme sets; per theme:" % (len(q), 100.0 * same / len(q)),
      ", ".join("%s %.1f%%" % (t, 100.0 * sum((t in a) == (t in b) for a, b in zip(q, p)) / len(q))
                for t in sorted(set().union(*q, *p))))
PY
echo

# import + code into SQLite, a fresh database each run: the medians of RUNS
# runs of both and of each, and the highest peak RSS
two_steps() { # db step1 step2
	in_turns "$RUNS" "rm -f $1*" "$2" "$3" | awk "$MEDIAN"'
	{ one[NR] = $1; two[NR] = $3; both[NR] = $1 + $3; if ($2 > m) m = $2; if ($4 > m) m = $4 }
	END { print median(both, NR), m, median(one, NR), median(two, NR) }'
}

csvgen 1000000
gen 1000000
W1M=$(wc -w <"$D/answers-1000000.txt")
B1M=$(wc -c <"$D/answers-1000000.txt")
set -- $(IN=/dev/null two_steps "$D/bench.db" "./qcode --db $D/bench.db import $D/answers-1000000.csv" "./qcode --db $D/bench.db code -j 2")
report "import + code -j 2, 1M (SQLite)" "$1" "$2" "$W1M" 1000000 "$B1M"
awk -v i="$3" -v c="$4" 'BEGIN { printf "%-34s %8s   import %.2f s, code %.2f s (target < 60 s in all)\n", "", "", i, c }'

# quotes and appendix: `appendix` picks the quotes and writes them
head -n 100001 "$D/answers-1000000.csv" >"$D/answers-100k.csv"
W100K=$(head -n 100000 "$D/answers-1000000.txt" | wc -w)
B100K=$(head -n 100000 "$D/answers-1000000.txt" | wc -c)
rm -f "$D/q.db"*
./qcode --db "$D/q.db" import --group groep "$D/answers-100k.csv" >/dev/null
./qcode --db "$D/q.db" code -j 2 >/dev/null
set -- $(IN=/dev/null measure "./qcode --db $D/q.db appendix -k 5 --by groep -o $D/appendix.html")
report "quotes + HTML appendix, 100k" "$1" "$2" "$W100K" 100000 "$B100K"
echo

# every command of a project, at 100,000 and at 1,000,000 answers: each
# should take no longer than `code -j 1` on the same project (the first
# line), with the decisions of two coders and a gold file of every answer
echo "commands on a project (seconds and peak RSS; code -j 1 first, the mark to stay under):"
cmd_scale() { # n csv
	db=$D/scale-$1.db
	rm -f "$db"*
	./qcode --db "$db" import --group groep "$2" >/dev/null
	set -- "$1" "$(IN=/dev/null RUNS=1 measure "./qcode --db $db code -j 1")"
	n=$1
	./qcode --db "$db" decide a5 +kennis --coder d >/dev/null
	./qcode --db "$db" decide a7 --none --coder d >/dev/null
	./qcode --db "$db" export --format csv -o "$D/scale-$n.csv" >/dev/null
	python3 - "$D/scale-$n.csv" "$D/scale-gold-$n.csv" <<-'PY'
	import csv, random, sys
	random.seed(1)
	rows = csv.DictReader(open(sys.argv[1], newline=""))
	themes = [c for c in rows.fieldnames if c not in ("id", "text", "groep", "primary") and not c.startswith("score_")]
	with open(sys.argv[2], "w", newline="") as f:
	    w = csv.writer(f)
	    w.writerow(["id", "theme", "primary"])
	    for r in rows:
	        t = [x for x in themes if r[x] == "1"]
	        if random.random() < 0.1:
	            t = [random.choice(themes)]
	        if not t:
	            w.writerow([r["id"].lstrip("'"), "", ""])
	        for i, x in enumerate(t):
	            w.writerow([r["id"].lstrip("'"), x, 1 if i == 0 else 0])
	PY
	printf '  %-30s %9s s %7s MB\n' "code -j 1, $n" "$(echo "$2" | cut -d' ' -f1)" "$(( $(echo "$2" | cut -d' ' -f2) / 1024 ))"
	for c in "summary" "table --by groep" "export -o $D/scale-out.csv" "quotes" "appendix -o $D/scale-a.html" \
		 "review --export $D/scale-r.csv" "suggest regie" "kwic regie" "eval --gold $D/scale-gold-$n.csv" \
		 "eval --coder d --against machine"; do
		set -- $(IN=/dev/null RUNS=1 measure "./qcode --db $db $c")
		printf '  %-30s %9s s %7s MB\n' "$(echo "$c" | sed "s| $D/[^ ]*||g"), $n" "$1" "$(( $2 / 1024 ))"
	done
}
cmd_scale 100000 "$D/answers-100k.csv"
cmd_scale 1000000 "$D/answers-1000000.csv"
echo

# scaling: streaming time grows linearly, memory stays flat
echo "scaling of stream code -j 1:"
for mult in 1 10 ${BENCH_FULL:+100}; do
	n=$((N * mult))
	gen "$n"
	IN=$D/answers-$n.txt
	set -- $(RUNS=1 measure "./qcode code -j 1")
	report "  $n answers" "$1" "$2" "$(wc -w <"$IN")" "$n" "$(wc -c <"$IN")"
	if [ "$mult" = 10 ]; then # the speed-up once the word tables are warm
		set -- $(pairs)
		report "  $n answers, -j 2" "$3" "$4" "$(wc -w <"$IN")" "$n" "$(wc -c <"$IN")"
		awk -v s="$5" -v n="$n" -v p="$PAIRS" 'BEGIN { printf "  -j 2 speed-up at %s answers = %.2f (median of %d pairs)\n", n, s, p }'
		limits "$5" "$6" "$7"
	fi
done

# adversarial answers: one answer that repeats what the matcher has to
# pair (NEAR/BEFORE operands), drop (vetoed words), close (one-word
# sentences) or expand (elliptic parts), at 1 and 4 MB; time must grow
# linearly with the answer, so the 4 MB time is about 4 times the 1 MB one
echo
echo "adversarial answers (one answer each; linear: 4 MB takes about 4 x 1 MB):"
adversarial() { # name pattern
	for mb in 1 4; do
		python3 -c "import sys; p = sys.argv[1]; print(p * ($mb * 1000000 // len(p.encode())))" "$2" >"$D/adv-$1-$mb.txt"
		IN=$D/adv-$1-$mb.txt
		set -- "$1" "$2" $(measure "./qcode code -j 1")
		eval "t$mb=$3"
		awk -v l="  $1, $mb MB" -v s="$3" -v m="$4" -v b="$(wc -c <"$IN")" 'BEGIN {
			printf "%-34s %8.3f s %7.1f MB/s %8.1f MB RSS\n", l, s, b / s / 1e6, m / 1024 }'
	done
	awk -v a="$t1" -v b="$t4" 'BEGIN { printf "%-34s %8.2f x\n", "    4 MB / 1 MB", b / a }'
}
adversarial "proximity operands" "kennis regie privacywetgeving "
adversarial "one-word sentences" "privacy. "
adversarial "vetoed word" "kennisgeving kennis "
adversarial "elliptic parts" "wet- en "
adversarial "everything" "wet- en regelgeving belemmert, maar geen kennis; ICT-contracten. "
rm -f "$D"/adv-*.txt

# instruction counts: the figures a noisy machine cannot move
if [ -n "${BENCH_INSTR:-}" ]; then
	command -v valgrind >/dev/null || { echo "qcode: error: BENCH_INSTR needs valgrind" >&2; exit 5; }
	instr() { # command; stdin from $IN: the instructions it executed (with
		# PCRE2's JIT, as qcode runs: --smc-check=all lets valgrind follow it)
		valgrind --tool=callgrind --smc-check=all --fair-sched=yes --callgrind-out-file=/dev/null $1 \
			<"$IN" 2>&1 >/dev/null | sed -n 's/.* refs: *//p' | tr -d ,
	}
	echo
	head -n 20000 "$D/answers-$N.txt" >"$D/instr.txt"
	IN=$D/instr.txt
	F=$(instr build/bench_floor)
	C=$(instr "./qcode code -j 1")
	awk -v f="$F" -v c="$C" 'BEGIN { printf "instructions, 20000 answers: floor %.3f G, coding %.3f G: coding / floor = %.2f (target <= 1.5)\n", f / 1e9, c / 1e9, c / f }'
	IN=$D/answers-$N.txt
	J1=$(instr "./qcode code -j 1")
	J2=$(instr "./qcode code -j 2")
	awk -v a="$J1" -v b="$J2" -v n="$N" 'BEGIN { printf "instructions, %s answers: -j 1 %.3f G, -j 2 %.3f G: %.1f%% more work, which bounds the -j 2 speed-up at %.2f\n", n, a / 1e9, b / 1e9, 100 * (b / a - 1), 2 * a / b }'
fi
