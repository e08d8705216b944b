"""Writes of the surveys app: campaigns here; the responses come through ``imports.survey_response_import``."""

import datetime

from django.db import transaction

from apps.graduates.models import Cohort

from .models import SurveyCampaign

# What may change once a campaign exists: its cohort and kind decide which responses it holds, so they don't.
EDITABLE_FIELDS = ("title", "sent", "returned", "closed_on")


@transaction.atomic
def campaign_create(
    *,
    cohort: Cohort,
    kind: str,
    title: str,
    sent: int,
    closed_on: datetime.date,
    returned: int | None = None,
) -> SurveyCampaign:
    """A new campaign; one per cohort and kind (a ``ValidationError`` says so otherwise)."""
    campaign = SurveyCampaign(
        cohort=cohort, kind=kind, title=title, sent=sent, returned=returned, closed_on=closed_on
    )
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_update(*, campaign: SurveyCampaign, **changes) -> SurveyCampaign:
    """Change the title, counts or closing date (``EDITABLE_FIELDS``); saves only what changed."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    changed = [name for name, value in changes.items() if getattr(campaign, name) != value]
    for name in changed:
        setattr(campaign, name, changes[name])
    if changed:
        campaign.full_clean()
        campaign.save(update_fields=[*changed, "updated_at"])
    return campaign
