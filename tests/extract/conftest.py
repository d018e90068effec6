"""Extraction tests run on sentences written for the purpose, with the shipped lexicon,
entities and gazetteer."""

from __future__ import annotations

import pytest

from build_tools.corpus import load_corpus
from build_tools.extract import extract_article
from build_tools.extract.resources import Resources
from build_tools.model import Article, ArticleRecord, PartialDate
from tests.conftest import REPO


@pytest.fixture(scope="session")
def resources() -> Resources:
    corpus = load_corpus(REPO / "corpus", REPO, only=[])
    return Resources(corpus)


@pytest.fixture
def extract(resources):
    """extract("Texte…", published="2024-09-18") → the article record."""

    def run(
        text: str,
        *,
        published: str | None = None,
        title: str = "Titre",
        year: int | None = None,
        language: str = "fr",
    ) -> ArticleRecord:
        folder = str(year) if year else "divers"
        article = Article(
            id="essai",
            path=f"corpus/articles/{folder}/essai.md",
            title=title,
            source="inconnue",
            text=text,
            text_line=5,
            published=PartialDate.parse(published) if published else None,
            language=language,
        )
        return extract_article(article, resources)

    return run


def primary(record: ArticleRecord) -> str | None:
    return next((p.name for p in record.places if p.role == "primary"), None)
