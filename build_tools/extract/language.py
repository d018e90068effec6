"""Which language an article is written in, so that it is read with the words of its own
language (and never, say, English with French words)."""

from __future__ import annotations

from functools import lru_cache

_MIN_LETTERS = 200
# The opening of an article tells its language as surely as the whole, for a fraction of the time.
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(["fr", "en", "de", "es", "it", "pt", "nl", "ru", "uk", "pl"])
    return identifier


@lru_cache(maxsize=4)
def detected_language(text: str) -> str | None:
    """The language the text is written in, or None when the text is too short to tell
    (asked twice per article: which language to read it in, and whether it can be)."""
    if sum(c.isalpha() for c in text) < _MIN_LETTERS:
        return None
    language, probability = _identifier().classify(text[:_SAMPLE_CHARS])
    return language if probability >= 0.9 else None
