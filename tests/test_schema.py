from datetime import date, timedelta

import pytest

from build_tools import schema
from build_tools.model import PartialDate


@pytest.mark.parametrize(
    ("text", "precision"),
    [("2025", "year"), ("2025-07", "month"), ("2025-07-01", "day"), ("2024-02-29", "day")],
)
def test_partial_date_keeps_its_precision(text, precision):
    parsed = schema.partial_date(text)
    assert parsed.iso == text
    assert parsed.precision == precision


@pytest.mark.parametrize(
    "text", ["2025-13-01", "2023-02-29", "25-07-01", "juillet 2025", "2025/07/01", "2025-7"]
)
def test_partial_date_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError, match=r"is not a date \(YYYY, YYYY-MM or YYYY-MM-DD\)"):
        schema.partial_date(text)


def test_partial_date_refuses_the_future_but_not_this_month():
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValueError, match="in the future"):
        schema.partial_date(tomorrow.isoformat())
    this_month = date.today().isoformat()[:7]
    assert schema.partial_date(this_month).iso == this_month


def test_partial_dates_order_by_year_month_day():
    assert (
        PartialDate.parse("2024-12") < PartialDate.parse("2025") < PartialDate.parse("2025-01-02")
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "not a web address"),
        ("ftp://example.org/a", "not a web address"),
        ("//example.org/a", "not a web address"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://example.org/a b", "contains spaces"),
    ],
)
def test_http_url_accepts_only_plain_web_addresses(url, message):
    with pytest.raises(ValueError, match=message):
        schema.http_url(url)


def test_http_url_keeps_a_good_address():
    assert schema.http_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"


@pytest.mark.parametrize("value", [-1, 2.5, "3", True, None])
def test_count_is_a_whole_number(value):
    with pytest.raises(ValueError):
        schema.count(value)


@pytest.mark.parametrize(
    ("parse", "value"), [(schema.latitude, 91), (schema.longitude, -180.5), (schema.latitude, "56")]
)
def test_coordinates_must_be_in_range(parse, value):
    with pytest.raises(ValueError, match="decimal degrees"):
        parse(value)


def test_slug_explains_the_expected_shape():
    with pytest.raises(ValueError, match="lowercase ASCII words joined by hyphens"):
        schema.slug("Izhevsk_Kupol")
    assert schema.slug("2025-07-01-izhevsk-kupol") == "2025-07-01-izhevsk-kupol"


def test_validate_mapping_reports_every_problem_with_its_line():
    import yaml

    text = "title: ''\nsoruce: x\npublished: 2025-13\n"
    node = yaml.compose(text)
    from build_tools.corpus import ARTICLE_FIELDS

    values, problems = schema.validate_mapping(
        yaml.safe_load(text), node, ARTICLE_FIELDS, path="a.md", line_offset=1
    )
    messages = {(p.line, str(p.message)) for p in problems}
    assert (2, "title: is empty; write some text") in messages
    assert (3, "soruce: unknown key; did you mean 'source'?") in messages
    assert (4, "published: '2025-13' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") in messages
    assert values["language"] == "fr"
