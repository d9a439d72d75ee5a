#!/bin/sh
# Rebuilds english.txt from Debian's SCOWL word lists (packages wamerican and wbritish,
# 2020.12.07-2): every word lower-cased, possessive `'s` forms dropped (role-typo strips a
# possessive before looking a word up), duplicates removed, sorted by bytes (so that a new
# list gives a readable diff; src/english.rs checks the order). Both packages carry the
# same copyright file, copied to COPYRIGHT.
#   apt-get install wamerican wbritish && data/words/generate.sh
set -eu
here=$(dirname "$0")
cat /usr/share/dict/american-english /usr/share/dict/british-english |
    python3 -c 'import sys; sys.stdout.write("".join(l.lower() for l in sys.stdin))' |
    grep -v "'s\$" |
    LC_ALL=C sort -u >"$here/english.txt"
cp /usr/share/doc/wamerican/copyright "$here/COPYRIGHT"
