#!/bin/sh
# Test plan: the search of the review screen, driven with tmux (a server
# of this script's own): Enter searches, Backspace takes back a character,
# Esc and Ctrl-C leave the search and the review goes on (Ctrl-C does not
# end it there); an answer's control characters and bidi overrides show on
# the screen as escapes, in its text, its id and its group value.
. "$(dirname "$0")/lib.sh"

Q() { qcode --db p.db "$@"; }
T() { tmux -L "qcode-review-search-$$" "$@"; }
screen() { T capture-pane -t qr -p; }
keys() { T send-keys -t qr "$@"; sleep 0.4; }
start() {
	T kill-session -t qr 2>/dev/null
	T new-session -d -s qr -x 80 -y 24 "$*; echo EXITED \$?; sleep 60"
	sleep 0.8
}

test_expect_success 'setup: a coded project, one answer with control characters' '
	Q import --group heading "$CORPUS/answers.csv" >/dev/null &&
	printf "id,text,heading\n\"z\033[31m9\",\"regie \033]0;pwned\007 en \342\200\256omgekeerd\",\"\033[2Jkop\"\n" >z.csv &&
	Q import --group heading z.csv >/dev/null && Q code >/dev/null
'

test_expect_success 'Esc leaves the search; the review goes on' '
	start "qcode --db p.db review --coder eva" &&
	screen | grep -q "qcode review  1/23 " &&
	keys / && keys knelt && screen | grep -q "^ search: knelt" &&
	keys Escape && screen >s && grep -q "^ search left" s && grep -q "qcode review  1/23 " s &&
	keys n && screen | grep -q "qcode review  2/23 "
'

test_expect_success 'Ctrl-C leaves the search and does not end the review' '
	keys / && keys abc && keys C-c && screen >s &&
	grep -q "^ search left" s && grep -q "qcode review  2/23 " s && ! grep -q EXITED s &&
	keys b && screen | grep -q "qcode review  1/23 "
'

test_expect_success 'Enter searches; Backspace takes back a character' '
	keys / && keys "knelx" && keys BSpace && keys "t enorm" && keys Enter &&
	screen >s && grep -q "^ found '\''knelt enorm'\''" s && grep -q "Privacywetgeving knelt enorm" s &&
	keys q && screen | grep -q "^EXITED 0$"
'

test_expect_success 'the screen shows control characters and overrides as escapes' '
	start "qcode --db p.db review --coder eva --queue all" &&
	keys / && keys omgekeerd && keys Enter && screen >s &&
	grep -q "^ id: z\\\\x1b\[31m9  heading: \\\\x1b\[2Jkop" s &&
	grep -q "^ regie \\\\x1b\]0;pwned\\\\x07 en \\\\u202eomgekeerd" s &&
	keys q
'

T kill-server 2>/dev/null
rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/qcode-review-search-$$"
test_done
