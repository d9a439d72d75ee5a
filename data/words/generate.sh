#!/bin/sh
# Rebuilds the English word list of role-typo from its packages, pinned to the versions in
# the README: words.txt (the union, one lower-cased word a line, sorted by bytes, for
# readable diffs; not embedded) and words.fst (the same set as an fst::Set, which
# src/english.rs embeds and searches in place), with the licence of every source.
#   SCOWL size 70 ("large"), American, British and Canadian spellings, as Debian ships it
#     in wamerican-large, wbritish-large and wcanadian-large 2020.12.07-2 -> COPYRIGHT.
#   cspell's software-terms, fullstack and companies dictionaries from npm (MIT): their
#     dict/*.txt sources -> LICENSE-cspell-<name>.
# normalise.py says what is kept of each entry. Needs apt-get (after `apt-get update`;
# the packages are downloaded, not installed), npm, python3 and cargo:
#   data/words/generate.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scowl_version=2020.12.07-2
cspell="@cspell/dict-software-terms@5.4.9 @cspell/dict-fullstack@3.2.9 @cspell/dict-companies@3.2.14"

cd "$tmp"
apt-get download -q "wamerican-large=$scowl_version" "wbritish-large=$scowl_version" \
    "wcanadian-large=$scowl_version"
for deb in *.deb; do
    dpkg-deb -x "$deb" scowl
done
# shellcheck disable=SC2086 # one argument per package
npm pack --silent $cspell >/dev/null
for tgz in cspell-dict-*.tgz; do
    name=${tgz%-*.tgz}
    name=${name#cspell-dict-}
    mkdir "$name"
    tar -xzf "$tgz" -C "$name"
    cp "$name/package/LICENSE" "$here/LICENSE-cspell-$name"
done
cp scowl/usr/share/doc/wamerican-large/copyright "$here/COPYRIGHT"

{
    cat scowl/usr/share/dict/*-english-large
    cat ./*/package/dict/*.txt
    gzip -dc ./*/package/dict/*.txt.gz
} | python3 "$here/normalise.py" | LC_ALL=C sort -u >"$here/words.txt"

cd "$here/../.."
cargo run --quiet --example build_word_set -- "$here/words.txt" "$here/words.fst"
wc -l "$here/words.txt"
