"""Extraction: from one validated article to its article record (SPEC §7).

Each field has its own module under `extract/`; this module runs them and lets the
curator's `overrides` win, listing the overridden fields in `curated`.
"""

from __future__ import annotations

import dataclasses

from build_tools.model import Article, ArticleRecord, Count, DateValue, Target

EXTRACTOR_VERSION = 1


def extract_article(article: Article) -> ArticleRecord:
    """The article record: what the text says, then the curator's overrides on top."""
    record = ArticleRecord(
        id=article.id,
        title=article.title,
        source=article.source,
        url=article.url,
        published=article.published.iso if article.published else None,
        language=article.language,
    )
    return apply_overrides(record, article.overrides)


def apply_overrides(record: ArticleRecord, overrides: dict) -> ArticleRecord:
    """Curated values replace extracted ones; `curated` names the fields they set."""
    changes: dict = {}
    curated: list[str] = []
    if "incident" in overrides:
        changes["incident"] = overrides["incident"]
        curated.append("incident")
    if "date" in overrides:
        date = overrides["date"]
        changes["date"] = DateValue(value=date.iso, precision=date.precision, inferred=False)
        curated.append("date")
    for name in ("killed", "injured", "hospitalised"):
        if name in overrides:
            changes[name] = Count(value=overrides[name])
            curated.append(name)
    drones = {}
    for name in ("launched", "downed", "hit"):
        key = f"drones_{name}"
        if key in overrides:
            drones[name] = Count(value=overrides[key])
            curated.append(key)
    if drones:
        changes["drones"] = dataclasses.replace(record.drones, **drones)
    if "target" in overrides or "target_type" in overrides:
        current = record.target or Target(name=None, type="other")
        changes["target"] = Target(
            name=overrides.get("target", current.name),
            type=overrides.get("target_type", current.type),
        )
        curated.extend(k for k in ("target", "target_type") if k in overrides)
    if not changes:
        return record
    return dataclasses.replace(record, curated=sorted(set(record.curated) | set(curated)), **changes)

