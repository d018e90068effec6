"""The archive's overrides of Material's templates stay Material's own but for their change."""

from pathlib import Path

import material

from build_tools.plugin.archive_plugin import THEME_DIR

MATERIAL = Path(material.__file__).parent / "templates"


def test_the_search_partial_is_material_s_with_a_name_for_the_dialog():
    ours = (THEME_DIR / "partials" / "search.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text(encoding="utf-8")
    body = ours[ours.index("-#}") + 3 :]
    named = ' role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert named in body
    assert body.replace(named, ' role="dialog">') == theirs[theirs.index("-#}") + 3 :]
