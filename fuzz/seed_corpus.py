#!/usr/bin/env python3
"""Writes the seed corpora fuzz/corpus/{facts,pipeline}/ from the project's fixtures.

facts: every fixtures/**/*.md page and every page of ../shared/reliability/, as is.
pipeline: the same single pages, and every folder of fixtures that holds pages as
handbooks of up to four pages, `name` 0xFE `text` joined by 0xFF (see
fuzz_targets/pipeline.rs), README.md first; the reliability pages that break a nav are
also put in place of fixtures/handbook/Software-Engineer.md, beside three of its pages.

Run from the repository root: python3 fuzz/seed_corpus.py [RELIABILITY_DIR]
"""
import hashlib
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RELIABILITY = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "reliability")
MAX_LEN = 20000


def write(target, name, data):
    folder = ROOT / "fuzz" / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def flat(path):
    return str(path).replace("/", "__")


def handbook(pages):
    """pages: [(name, bytes)] -> one pipeline input."""
    return b"\xff".join(name.encode() + b"\xfe" + text for name, text in pages)


singles = sorted((ROOT / "fixtures").rglob("*.md"))
reliability = sorted(RELIABILITY.glob("*.md")) if RELIABILITY.is_dir() else []
for page in singles:
    rel = page.relative_to(ROOT)
    for target in ("facts", "pipeline"):
        write(target, flat(rel), page.read_bytes())
for page in reliability:
    for target in ("facts", "pipeline"):
        write(target, "reliability__" + page.name, page.read_bytes())

folders = sorted({p.parent for p in singles})
for folder in folders:
    pages = sorted(folder.rglob("*.md"), key=lambda p: (p.name != "README.md", str(p)))
    pages = [(str(p.relative_to(folder)), p.read_bytes()) for p in pages]
    if len(pages) < 2:
        continue
    for start in range(0, len(pages), 4):
        group = pages[start : start + 4]
        while len(group) > 1 and len(handbook(group)) > MAX_LEN:
            group = group[:-1]
        name = f"{flat(folder.relative_to(ROOT))}__{start // 4 + 1}"
        write("pipeline", name, handbook(group))

clean = ROOT / "fixtures" / "handbook"
for page in reliability:
    if page.name.startswith("nav-"):
        group = [("Software-Engineer.md", page.read_bytes())] + [
            (n, (clean / n).read_bytes()) for n in ("README.md", "Quality-Director.md", "Quality-Engineer.md")
        ]
        write("pipeline", "reliability__in-handbook__" + page.name, handbook(group))
