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




def source_label(articles: dict[str, Article], article_id: str) -> str:
    """How a page names a source beside its quote: 'Eurasianet, 2023-08', not its file id
    (a reader has the outlet and date; the id is the files' own key)."""
    art = articles.get(article_id)
    return f"{art.outlet}, {art.published}" if art else article_id
