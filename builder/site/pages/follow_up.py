"""Opvolging: what became of the recommendations of earlier editions (only with earlier ones)."""

from dataclasses import dataclass

from builder.site.context import FollowUpView, Link
from builder.site.pages.spec import PageSpec
from builder.site.plan import EditionPlan
from builder.site.urls import FOLLOW_UP_URL, recommendation_page_url, relative


@dataclass(frozen=True)
class FollowUpPageView:
    rows: list[FollowUpView]
    year: int


def follow_up_pages(plan: EditionPlan) -> list[PageSpec]:
    if not plan.earlier_years:
        return []
    rows = []
    for fact in plan.follow_up.values():
        old_url = relative(FOLLOW_UP_URL, f"../{fact.year}/{recommendation_page_url(fact.id)}")
        successor = (
            Link(relative(FOLLOW_UP_URL, recommendation_page_url(fact.successor)), fact.successor)
            if fact.successor is not None
            else None
        )
        rows.append(
            FollowUpView(
                fact.year, fact.id, old_url, fact.status, fact.explanation, successor, fact.text
            )
        )
    view = FollowUpPageView(rows, plan.lib.year)
    title = "Opvolging van eerdere aanbevelingen"
    return [
        PageSpec("opvolging.html", FOLLOW_UP_URL, title, view, {"soort": ["Opvolging"]}, wide=True)
    ]
