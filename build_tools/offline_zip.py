"""The whole site as one zip file, to read offline (`archive build --zip`).

The zip sits in the site it holds (`site/archive-hors-ligne.zip`, linked from Accueil) and
unpacks into one folder, `archive-drones/`, whose `index.html` opens from disk. It is
deterministic: entries in path order, every entry dated with the build date (the same
SOURCE_DATE_EPOCH MkDocs uses), fixed permissions, so the same site gives the same bytes.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

#: The zip's name in site/, and the folder it unpacks into.
SITE_ZIP = "archive-hors-ligne.zip"
ZIP_FOLDER = "archive-drones"
# Zip dates cannot be before 1980.
_ZIP_EPOCH = int(datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC).timestamp())


def write_site_zip(site_dir: Path, epoch: int, site_files: list[str]) -> Path:
    """Zip the files of the site (`site_files`, paths under site_dir as the build lists
    them: never what a listing of the folder finds, where a file left by anything else
    could be) into site_dir/SITE_ZIP; return its path."""
    target = site_dir / SITE_ZIP
    partial = target.with_suffix(".zip.part")
    partial.unlink(missing_ok=True)
    stamp = datetime.datetime.fromtimestamp(max(epoch, _ZIP_EPOCH), datetime.UTC).timetuple()[:6]
    files = [
        site_dir / name
        for name in sorted(site_files)
        if name != SITE_ZIP and (site_dir / name).is_file()
    ]
    with zipfile.ZipFile(
        partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6
    ) as archive:
        for path in files:
            info = zipfile.ZipInfo(
                f"{ZIP_FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=stamp
            )
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target
