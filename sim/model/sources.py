"""The bibliography: the articles the rules cite, by id."""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from pydantic import Field, StringConstraints

from .base import Id, Strict


class Article(Strict):
    title: str
    outlet: str
    authors: list[str]
    published: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}(-\d{2})?$")]
    note: Optional[str] = None


SpeakerKind = Literal["official", "state_run_centre", "analyst", "media", "reporters"]
KIND_WORDS = {"official": "an official", "state_run_centre": "a state-run research centre",
              "analyst": "an analyst", "media": "a news outlet or its sources",
              "reporters": "the article's reporters"}


class Speaker(Strict):
    """Who said a quoted sentence, as the article names them. `kind` says with what voice
    they speak (an official for a side, a state-run centre, an analyst, a news outlet, the
    reporters themselves); `side` is the actor an official speaks for, if any."""

    name: str
    role: Optional[str] = None
    kind: SpeakerKind
    side: Optional[Id] = None

    @property
    def words(self) -> str:
        """'Farid Shafiyev, head of ...': how a page introduces the speaker."""
        return f"{self.name}, {self.role}" if self.role else self.name


class BibliographyFile(Strict):
    kind: Literal["bibliography"]
    articles: dict[Id, Article]
    speakers: dict[Id, Speaker] = Field(default_factory=dict)


def speaker_label(speakers: dict[str, Speaker], speaker_id: str | None) -> str:
    """The speaker of a quote in words ('' when the citation names none)."""
    if speaker_id is None:
        return ""
    found = speakers.get(speaker_id)
    return found.words if found else speaker_id


def source_label(articles: dict[str, Article], article_id: str) -> str:
    """How a page names a source beside its quote: 'Eurasianet, 2023-08', not its file id
    (a reader has the outlet and date; the id is the files' own key)."""
    art = articles.get(article_id)
    return f"{art.outlet}, {art.published}" if art else article_id


def cited_as(speakers: dict[str, Speaker], articles: dict[str, Article], citation,
             full: bool = False) -> str:
    """Who said a quote and where: 'Ilham Aliyev; Eurasianet, 2023-08' (with the speaker's
    role when `full`). The reporters' own words are named by their outlet alone: the
    outlet is who said them."""
    where = source_label(articles, citation.article)
    speaker = speakers.get(citation.by) if citation.by else None
    if speaker is None or speaker.kind == "reporters":
        return where
    return f"{speaker.words if full else speaker.name}; {where}"


SECOND_HAND = {"analyst": "an analyst", "state_run_centre": "a state-run research centre",
               "reporters": "the reporters' own summary"}


def second_hand_voices(speakers: dict[str, Speaker], rule) -> str:
    """'the reporters' own summary' when every quote of a rule comes from voices other than
    the sides' officials and the media that quote them ('' when one is a side's own words):
    a reader should know when a red line is an analyst's reading or the reporters' summary,
    not a statement by the actor."""
    kinds = []
    for c in rule.citations:
        speaker = speakers.get(c.by) if c.by else None
        if speaker is None or speaker.kind not in SECOND_HAND:
            return ""
        kinds.append(SECOND_HAND[speaker.kind])
    return " and ".join(dict.fromkeys(kinds))


def second_hand_note(speakers: dict[str, Speaker], rule) -> str:
    """The same as a sentence: 'rests only on an analyst, not on the actor's own words'."""
    voices = second_hand_voices(speakers, rule)
    return f"rests only on {voices}, not on the actor's own words" if voices else ""
