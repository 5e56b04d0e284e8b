"""The bibliography: the articles the rules cite, by id."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import StringConstraints

from .base import Id, Strict


class Article(Strict):
    title: str
    outlet: str
    authors: list[str]
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    note: Optional[str] = None


class BibliographyFile(Strict):
    kind: Literal["bibliography"]
    articles: dict[Id, Article]


