"""The offline zip: every file once, under one folder, the same bytes for the same site."""

from build_tools.offline_zip import SITE_ZIP, write_site_zip


def test_the_zip_holds_the_site_but_itself_and_is_deterministic(tmp_path):
    import zipfile

    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Accueil</h1>", encoding="utf-8")
    (site / "b" / "page.html").write_text("page", encoding="utf-8")
    files = ["index.html", "b/page.html"]
    first = write_site_zip(site, 1_751_328_000, files).read_bytes()
    (site / "index.html").touch()  # a new modification time changes nothing
    second = write_site_zip(site, 1_751_328_000, files).read_bytes()
    assert first == second
    with zipfile.ZipFile(site / SITE_ZIP) as archive:
        assert archive.namelist() == ["archive-drones/b/page.html", "archive-drones/index.html"]
        assert archive.read("archive-drones/b/page.html") == b"page"
    assert not list(site.glob("*.part"))


def test_a_partial_zip_left_by_an_interrupted_build_is_not_packed(tmp_path):
    import zipfile

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Accueil</h1>", encoding="utf-8")
    (site / f"{SITE_ZIP}.part").write_bytes(b"PK\x03\x04 cut short")
    write_site_zip(site, 1_751_328_000, ["index.html", f"{SITE_ZIP}.part"])
    with zipfile.ZipFile(site / SITE_ZIP) as archive:
        assert archive.namelist() == ["archive-drones/index.html"]
    assert sorted(p.name for p in site.iterdir()) == [SITE_ZIP, "index.html"]


def test_dates_before_1980_are_clamped_to_what_zip_can_hold(tmp_path):
    import zipfile

    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    with zipfile.ZipFile(write_site_zip(tmp_path, 0, ["index.html"])) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_the_zip_holds_the_files_the_build_lists_not_what_the_folder_holds(tmp_path):
    import zipfile

    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "left-by-hand.html").write_text("not the build's", encoding="utf-8")
    with zipfile.ZipFile(write_site_zip(tmp_path, 0, ["index.html"])) as archive:
        assert archive.namelist() == ["archive-drones/index.html"]
