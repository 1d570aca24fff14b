#!/bin/sh
# Convert the Markdown appendix to DOCX, ODT or PDF with pandoc, for the
# report's authors who work in Word. pandoc (and for PDF, weasyprint) are
# installed from Debian's packages when missing.
#
#   scripts/appendix.sh out/appendix.md out/appendix.docx
set -eu
if [ $# != 2 ]; then
	echo "usage: scripts/appendix.sh IN.md OUT.docx|OUT.odt|OUT.pdf" >&2
	exit 2
fi
in=$1
out=$2
[ -r "$in" ] || { echo "qcode: error: cannot open '$in': No such file or directory" >&2; exit 5; }
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
		echo "qcode: error: '$1' is missing; install the Debian package $2" >&2
		exit 5
	fi
	SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
	echo "installing: $2" >&2
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$2" >/dev/null ||
		{ $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$2" >/dev/null; }
}
need pandoc pandoc
case $out in
*.pdf) need weasyprint weasyprint ;;
esac
# the appendix quotes answers: what pandoc writes is private (0600), as
# the files qcode writes are
umask 077
case $out in
*.docx|*.odt) pandoc -f markdown -o "$out" "$in" ;;
*.pdf) pandoc -f markdown --pdf-engine=weasyprint -o "$out" "$in" ;;
*) echo "qcode: error: '$out': use .docx, .odt or .pdf" >&2; exit 2 ;;
esac
chmod 600 "$out"
echo "wrote $out"
