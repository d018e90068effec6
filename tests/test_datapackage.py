"""The CSV downloads and their Frictionless data package, checked with `frictionless
validate` as a researcher would, and shown to catch what it promises to catch."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from build_tools import urls
from build_tools.datapackage import table_csv
from build_tools.tables import Column, Table


def _validate(folder: Path) -> subprocess.CompletedProcess:
    frictionless = Path(sys.executable).parent / "frictionless"
    return subprocess.run(
        [frictionless, "validate", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_frictionless_validates_the_package_of_the_shipped_corpus(seed_data):
    project, _files = seed_data
    result = _validate(project.docs_dir / urls.DATA)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_claim_of_an_unknown_incident_fails_validation(seed_data, tmp_path):
    """The package declares its foreign keys: validation is not a formality."""
    project, _files = seed_data
    folder = tmp_path / "donnees"
    shutil.copytree(project.docs_dir / urls.DATA, folder)
    claims = (folder / "claims.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(claims)))
    column = rows[0].index("incident_id")
    rows[1][column] = "2099-01-01-nulle-part"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (folder / "claims.csv").write_text(out.getvalue(), encoding="utf-8")
    result = _validate(folder)
    assert result.returncode != 0
    assert "foreign-key" in result.stdout


def test_every_csv_is_described_and_every_described_file_exists(seed_data):
    project, files = seed_data
    package = json.loads(files[urls.DATA_PACKAGE])
    described = {r["path"]: r for r in package["resources"]}
    written = {Path(p).name for p in files if p.startswith(f"{urls.DATA}/") and p.endswith(".csv")}
    assert set(described) == written
    assert {"claims.csv", "incidents.csv", "articles.csv", "places.csv"} <= written
    for path, resource in described.items():
        header = files[f"{urls.DATA}/{path}"].split("\n", 1)[0]
        assert header.split(",") == [f["name"] for f in resource["schema"]["fields"]], path
    assert package["licenses"][0]["name"] == "CC-BY-4.0"


def test_a_table_s_csv_has_empty_cells_for_nothing_and_leaves_out_database_only_columns():
    table = Table(
        "t",
        "T",
        "",
        (
            Column("id", "string", "", True),
            Column("n", "integer", ""),
            Column("ok", "boolean", ""),
            Column("text", "string", "", in_csv=False),
        ),
        ("id",),
        [("a, b", None, True, "long texte"), ("c", 2, False, None)],
    )
    assert table_csv(table) == 'id,n,ok\n"a, b",,true\nc,2,false\n'
