#!/bin/sh
# Compile the files of the browser pages (pipeline/7-serve/web/) into C: the table
# serve_assets of serve.h, each file by its name with its Content-Type.
# usage: scripts/embed-web.sh FILE... > web_assets.c
set -eu
echo '/* Made by scripts/embed-web.sh from pipeline/7-serve/web/: do not edit. */'
echo '#include "serve.h"'
i=0
for f in "$@"; do
	echo "static const unsigned char asset_$i[] = {"
	od -An -v -tx1 "$f" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
	echo "0x00 };"
	i=$((i + 1))
done
echo 'const serve_asset serve_assets[] = {'
i=0
for f in "$@"; do
	name=$(basename "$f")
	case $name in
	*.html) type='text/html; charset=utf-8' ;;
	*.css)  type='text/css; charset=utf-8' ;;
	*.js)   type='text/javascript; charset=utf-8' ;;
	*.svg)  type='image/svg+xml' ;;
	*.png)  type='image/png' ;;
	*) echo "embed-web.sh: no Content-Type for '$name'" >&2; exit 1 ;;
	esac
	echo "	{ \"$name\", \"$type\", asset_$i, sizeof(asset_$i) - 1 },"
	i=$((i + 1))
done
echo '};'
echo "const size_t serve_nassets = $i;"
