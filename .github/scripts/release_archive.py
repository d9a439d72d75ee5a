"""Packs the roles-lint binary of a wheel as a release download.

    python release_archive.py WHEEL TARGET VERSION OUT_DIR

The wheel (maturin, `bindings = "bin"`) holds the binary as its one script. Taking it
from there instead of building it a second time means the download is the very program
that PyPI ships, with the wheel's glibc floor (manylinux) on Linux. It is written to
OUT_DIR as roles-lint-VERSION-TARGET.tar.gz (.zip for Windows), executable, with a
.sha256 file beside it. The release workflow runs this on each wheel; tests/wheel.rs
runs it on the wheel it builds. Standard library only, so any runner's Python will do.
"""

import hashlib
import io
import sys
import tarfile
import zipfile
from pathlib import Path


def main() -> None:
    wheel, target, version, out_dir = sys.argv[1:]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    windows = "windows" in target
    name = "roles-lint.exe" if windows else "roles-lint"
    with zipfile.ZipFile(wheel) as archive:
        scripts = [
            n for n in archive.namelist() if n.endswith(f".data/scripts/{name}")
        ]
        if len(scripts) != 1:
            sys.exit(f"{wheel} should hold one {name} script, not {scripts}")
        binary = archive.read(scripts[0])

    stem = f"roles-lint-{version.removeprefix('v')}-{target}"
    if windows:
        path = out / f"{stem}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(name, binary)
    else:
        path = out / f"{stem}.tar.gz"
        with tarfile.open(path, "w:gz") as archive:
            info = tarfile.TarInfo(name)
            info.size = len(binary)
            # A wheel's zip entry may lose the executable bit; the download must have it.
            info.mode = 0o755
            archive.addfile(info, io.BytesIO(binary))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (out / f"{path.name}.sha256").write_text(f"{digest}  {path.name}\n")
    print(path)


if __name__ == "__main__":
    main()
