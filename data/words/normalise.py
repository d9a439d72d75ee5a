"""Reads word lists (SCOWL's one word a line, or cspell's dictionary source syntax) on
stdin and writes the words roles-lint looks up, one a line, unsorted, on stdout.

cspell syntax: `#` starts a comment, `!word` forbids a word (dropped here: it is no word),
`~` marks a case- and accent-insensitive entry and `*` or `+` a compound part (both
stripped). Then every entry is lower-cased, with `'` for `’`, and cut at hyphens, as
roles-lint cuts prose into words (`Coca-Cola` is read as `Coca` and `Cola`). A possessive
`'s` is dropped (`McDonald's` becomes `mcdonald`): role-typo strips it before a lookup.
Only words of letters, with apostrophes between letters (`o'clock`), are kept: roles-lint
never looks up a word with a digit or an underscore.
"""

import re
import sys

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

for line in sys.stdin:
    entry = line.split("#", 1)[0].strip()
    if not entry or entry.startswith("!"):
        continue
    for mark in "~*+":
        entry = entry.replace(mark, "")
    for part in entry.replace("’", "'").lower().split("-"):
        if part.endswith("'s"):
            part = part[:-2]
        if WORD.fullmatch(part):
            print(part)
