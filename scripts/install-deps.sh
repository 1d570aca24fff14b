#!/bin/sh
# Install the Debian packages qcode needs -- only those that are missing.
# On a machine that has them all, it runs no apt at all. With the argument
# "test", also what only the tests use: LibreOffice Calc (without its
# window system, about 200 MB), the real spreadsheet client the tests open
# qcode's workbooks with; `make run` does without it.
set -eu

# package  how to check it (a pkg-config module, or a file)
need='
libpcre2-dev      pc:libpcre2-8
libsqlite3-dev    pc:sqlite3
libutf8proc-dev   pc:libutf8proc
libjansson-dev    pc:jansson
libncurses-dev    pc:ncursesw
libcmocka-dev     pc:cmocka
libstemmer-dev    file:/usr/include/libstemmer.h
libcsv-dev        file:/usr/include/csv.h
libreadstat-dev   file:/usr/include/readstat.h
nettle-dev        file:/usr/include/nettle/sha2.h
pkg-config        cmd:pkg-config
wdutch            file:/usr/share/dict/dutch
tmux              cmd:tmux
pandoc            cmd:pandoc
python3           cmd:python3
python3-stemmer   py:Stemmer
xz-utils          cmd:xz
pspp              cmd:pspp-convert
parallel          cmd:parallel
libmicrohttpd-dev pc:libmicrohttpd
chromium          cmd:chromium
nodejs            cmd:node
npm               cmd:npm
libxlsxwriter-dev pc:xlsxwriter
libminizip-dev    pc:minizip
libexpat1-dev     pc:expat
'
if [ "${1:-}" = test ]; then
	need="$need
libreoffice-calc-nogui cmd:soffice
"
fi

missing=""
echo "$need" | while read -r pkg check; do
	[ -n "$pkg" ] || continue
	kind=${check%%:*}
	what=${check#*:}
	case $kind in
	pc)   pkg-config --exists "$what" 2>/dev/null && continue ;;
	file) [ -e "$what" ] && continue ;;
	cmd)  command -v "$what" >/dev/null 2>&1 && continue ;;
	py)   /usr/bin/python3 -c "import $what" 2>/dev/null && continue ;;
	esac
	echo "$pkg"
done > /tmp/qcode-missing.$$ || true
missing=$(cat /tmp/qcode-missing.$$)
rm -f /tmp/qcode-missing.$$

[ -z "$missing" ] && exit 0

missing=$(echo $missing)
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO=sudo
	else
		echo "qcode: error: missing packages: $missing" >&2
		echo "qcode: error: run as root, or: sudo apt-get install $missing" >&2
		exit 1
	fi
else
	SUDO=
fi
echo "installing: $missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
