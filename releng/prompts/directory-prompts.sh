#!/bin/sh
# Makes the auto attendant's dial-by-name prompts (bundles/io.switchboard.attendant.core/src/main/resources/
# prompts/en/att-*.wav) with CMU Flite's voice slt, as the menus' other shipped prompts were made. Needs the
# Debian packages flite and sox. The silence flite leaves before and after a word is cut, so that a name
# spelled letter by letter is heard as one.
set -eu
out="$(cd "$(dirname "$0")/../.." && pwd)/bundles/io.switchboard.attendant.core/src/main/resources/prompts/en"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() { # NAME TEXT
    flite -voice slt -t "$2" -o "$tmp/raw.wav"
    sox "$tmp/raw.wav" -b 16 -c 1 -r 16000 "$out/att-$1.wav" \
        silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0 0.08
}

say directory "Please enter the first three letters of the person's last name."
say directory-none "No name matches those letters."
say directory-more "More than eight names match. Please enter another letter."
say for "For"
say extension "extension"
say press "press"
for l in a b c d e f g h i j k l m n o p q r s t u v w x y z; do
    say "letter-$l" "$(echo "$l" | tr a-z A-Z)."
done
set -- zero one two three four five six seven eight nine
for d in 0 1 2 3 4 5 6 7 8 9; do
    say "digit-$d" "$1"
    shift
done
