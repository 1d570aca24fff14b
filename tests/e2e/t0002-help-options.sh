#!/bin/sh
# Test plan: `qcode help COMMAND` describes every option. For every command
# that `qcode --help` lists: its help has the usage and an options section;
# every option its usage names is described there, in a line with text;
# and every option described is one the command takes (parsing goes on
# to an unknown option put after it, or refuses the option's value 'x').
. "$(dirname "$0")/lib.sh"

qcode import --group heading "$CORPUS/answers.csv" >/dev/null 2>&1

commands() {
	qcode --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z-]*\) .*/\1/p'
}

test_expect_success 'every command of --help has help, with its usage' '
	test "$(commands | wc -l)" -ge 20 &&
	for c in $(commands); do
		qcode help "$c" >h || exit 1
		grep -q "^usage: qcode.* $c" h || { echo "$c: no usage"; exit 1; }
		qcode "$c" --help >h2 && diff h h2 || exit 1
	done
'

# the options a help describes, one per line: "--name" or "-k", and 1
# when it takes a value ("-o, --output FILE  ..." gives two lines)
described() {
	sed -n '/^options:$/,/^$/p' "$1" | awk '
		/^  -/ || /^      --/ {
			val = ($0 ~ /^ +(-[a-z], )?(-[a-z]|--[a-z-]+) [A-Za-z]/) ? 1 : 0
			n = split($0, w, " ")
			if (w[1] ~ /^-[a-z],$/) { print substr(w[1], 1, 2), val; print w[2], val }
			else print w[1], val
		}'
}

test_expect_success 'every option a usage names is described, with text' '
	for c in $(commands); do
		qcode help "$c" >h
		# (the global options are described by qcode --help)
		sed -n "/^usage:/,/^\$/p" h | grep -o -- "--[a-z][a-z-]*" |
			grep -v -x -e --db -e --lexicons -e --mode | sort -u >named
		described h | cut -d" " -f1 | sort -u >desc
		missing=$(comm -23 named desc)
		test -z "$missing" || { echo "$c: not described: $missing"; exit 1; }
		# no option line without its text
		sed -n "/^options:\$/,/^\$/p" h | grep -E "^  +-[-a-z]+( [A-Za-z|=,.0-9]+)? *\$" &&
			{ echo "$c: an option without text"; exit 1; }
	done
	:
'

test_expect_success 'every option described is one the command takes' '
	for c in $(commands); do
		qcode help "$c" >h
		described h | while read -r opt hasval; do
			val=
			test "$hasval" = 1 && val=x
			case $c in
			lexicon) set -- lexicon import $opt $val --zzz-unknown ;;
			decide) set -- decide $opt $val --zzz-unknown ;;
			*) set -- "$c" $opt $val --zzz-unknown ;;
			esac
			qcode "$@" >/dev/null 2>err
			# taken: parsing went on to the unknown option, or the value
			# was looked at and refused
			grep -q "unknown option '\''--zzz-unknown'\''" err ||
				{ test -n "$val" && ! grep -q "unknown option" err &&
				  head -n 1 err | grep -q -e "$opt" -e "'\''x'\''"; } || {
				echo "qcode $*:"; cat err; exit 1; }
		done || exit 1
	done
'

test_expect_success 'a value given to an option that takes none: exit 2, said' '
	expect_error 2 "qcode: error: option '\''--lenient'\'' takes no value
usage: qcode tokens [--lenient] [FILE|-]" qcode tokens --lenient=yes
'

test_expect_success 'a short option without its value: exit 2, said' '
	qcode quotes -k 2>err; test $? = 2 &&
	test "$(head -n 1 err)" = "qcode: error: option '\''-k'\'' needs a value" &&
	grep -q "^usage: qcode quotes" err
'

test_done
