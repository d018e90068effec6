"""archive.db, the archive as a SQLite database: keys that hold, a full-text index that
finds articles, the same bytes for the same data, and Datasette serving it as documented."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from pathlib import Path

import pytest
import yaml

from build_tools import urls
from build_tools.database import QUERIES, archive_database, create_statement
from build_tools.tables import Column, Table


@pytest.fixture(scope="module")
def database(seed_data):
    project, _files = seed_data
    db = sqlite3.connect(project.docs_dir / urls.DATABASE)
    yield db
    db.close()


def test_every_foreign_key_holds_and_there_are_foreign_keys_to_hold(database):
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    parents = {
        (table, row[2])
        for table in ("articles", "claims", "incident_articles", "places", "mentions")
        for row in database.execute(f"PRAGMA foreign_key_list({table})")
    }
    assert parents == {
        ("articles", "incidents"),
        ("claims", "incidents"),
        ("claims", "articles"),
        ("incident_articles", "incidents"),
        ("incident_articles", "articles"),
        ("places", "entities"),
        ("mentions", "articles"),
        ("mentions", "entities"),
    }


def test_the_tables_hold_the_corpus(database, seed_data):
    _project, files = seed_data
    incidents = json.loads(files[urls.INCIDENTS_JSON])
    articles = json.loads(files[urls.ARTICLES_JSON])
    assert [r[0] for r in database.execute("SELECT id FROM incidents ORDER BY id")] == [
        i["id"] for i in incidents
    ]
    assert database.execute("SELECT COUNT(*) FROM articles").fetchone() == (len(articles),)
    claims = sum(len(f["claims"]) for i in incidents for f in i["figures"].values())
    assert database.execute("SELECT COUNT(*) FROM claims").fetchone() == (claims,)
    assert database.execute(
        "SELECT value, claimant FROM claims WHERE incident_id = '2025-07-01-ijevsk-kupol'"
        " AND figure = 'injured' AND value = 35"
    ).fetchall() == [(35, None)]


def test_a_claim_s_offsets_point_at_its_sentence_in_the_article_text(database):
    rows = database.execute(
        "SELECT articles.text, evidence, evidence_start, evidence_end"
        " FROM claims JOIN articles ON articles.id = claims.article_id"
        " WHERE evidence IS NOT NULL"
    ).fetchall()
    assert rows
    for text, evidence, start, end in rows:
        assert text[start:end] == evidence


def test_the_full_text_index_finds_an_article_by_a_word_of_its_text(database):
    """'Toropets' is in one seed's text, not in its title; accents need not be typed."""
    found = database.execute(
        "SELECT articles.id FROM articles_fts JOIN articles ON articles.rowid = articles_fts.rowid"
        " WHERE articles_fts MATCH ?",
        ("toropets",),
    ).fetchall()
    assert found == [("2024-09-drones-ukrainiens-detruit-entrepot-contenant-missiles",)]
    unaccented = database.execute(
        "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'detruit'"
    ).fetchone()
    assert unaccented[0] >= 1


def test_the_views_answer_the_common_questions(database):
    months = database.execute("SELECT month, incidents FROM incidents_by_month").fetchall()
    assert months == [("2023-05", 1), ("2024-09", 1), ("2025-07", 1)]
    assert database.execute(
        "SELECT claims FROM figures_by_claimant WHERE figure = 'killed'"
    ).fetchall()


def test_the_same_tables_give_the_same_bytes_and_other_data_other_bytes():
    def table(value: str) -> Table:
        return Table(
            "t",
            "T",
            "",
            (Column("id", "string", "", True), Column("n", "integer", "")),
            ("id",),
            [(value, 1), ("b", None)],
        )

    articles = Table(
        "articles",
        "A",
        "",
        (
            Column("id", "string", "", True),
            Column("title", "string", ""),
            Column("text", "string", ""),
        ),
        ("id",),
        [("a", "Titre", "Texte")],
    )
    first = archive_database([table("a"), articles])
    assert first == archive_database([table("a"), articles])
    assert first != archive_database([table("c"), articles])
    assert first.startswith(b"SQLite format 3\x00")


def test_a_value_outside_the_allowed_ones_is_refused_by_the_database():
    table = Table(
        "t", "T", "", (Column("kind", "string", "", True, allowed=("a", "b")),), ("kind",), []
    )
    with closing(sqlite3.connect(":memory:")) as db:
        db.execute(create_statement(table))
        db.execute("INSERT INTO t VALUES ('a')")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO t VALUES ('c')")


def _free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def test_datasette_serves_the_database_with_its_metadata(seed_data):
    """As the Données page says: `datasette archive.db -m metadata.yml`, on this machine."""
    project, files = seed_data
    data = project.docs_dir / urls.DATA
    port = _free_port()
    datasette = Path(sys.executable).parent / "datasette"
    server = subprocess.Popen(
        [datasette, "serve", "archive.db", "-m", "metadata.yml", "-h", "127.0.0.1"]
        + ["-p", str(port)],
        cwd=data,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # at most 20 s for the server to answer
            try:
                _get(f"{base}/-/versions.json")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                time.sleep(0.2)
        incidents = json.loads(files[urls.INCIDENTS_JSON])
        counted = _get(f"{base}/archive.json?sql=select+count(*)+as+n+from+incidents&_shape=array")
        assert counted == [{"n": len(incidents)}]
        served = _get(f"{base}/archive/incidents.json?_shape=array&_col=id&_size=max")
        assert [row["id"] for row in served] == [i["id"] for i in incidents]
        found = _get(f"{base}/archive/recherche.json?mots=Kupol&_shape=array")
        assert {row["incident_id"] for row in found} == {"2025-07-01-ijevsk-kupol"}
        metadata = _get(f"{base}/-/metadata.json")
        assert metadata["license"] == "CC BY 4.0"
        described = metadata["databases"]["archive"]["tables"]["claims"]["columns"]
        assert described["evidence"] == "Phrase de l'article qui donne le chiffre"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_metadata_describes_every_table_and_column_of_the_database(database, seed_data):
    project, _files = seed_data
    metadata = yaml.safe_load((project.docs_dir / urls.DATASETTE_METADATA).read_text())
    described = metadata["databases"]["archive"]["tables"]
    tables = [
        r[0]
        for r in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'articles_fts%'"
        )
    ]
    for table in tables:
        columns = [row[1] for row in database.execute(f"PRAGMA table_info({table})")]
        assert sorted(described[table]["columns"]) == sorted(columns), table
        assert all(described[table]["columns"].values()), table


def test_every_canned_query_of_the_metadata_answers_on_the_database(database):
    values = {"mots": "Toropets", "incident": "2025-07-01-ijevsk-kupol", "lieu": "Ijevsk"}
    for name, (_title, _description, sql) in QUERIES.items():
        assert database.execute(sql, values).fetchall(), name
