"""The campaign pages (centre only): list, new, detail with the cohort's 2.3 figures, edit."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .forms import CampaignCreateForm, CampaignEditForm
from .models import GraduateResponse
from .selectors import campaign_check, campaign_figures, campaign_get, campaign_list, survey_summary
from .services import campaign_create, campaign_update

PAGE_SIZE = 20
MSG_CREATED = _("调查已创建，请导入答卷。")
MSG_SAVED = _("调查已保存。")


@roles_required(Role.CENTRE)
def campaign_list_view(request):
    page = Paginator(campaign_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/campaign_list.html", {"page": page, "query": ""})


@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def campaign_create_view(request):
    form = CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MSG_CREATED)
            return redirect("surveys:detail", campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form, "campaign": None})


@roles_required(Role.CENTRE)
def campaign_detail_view(request, pk: int):
    campaign = _campaign_or_404(pk)
    figures = campaign_figures(campaign=campaign)
    answers = figures.get("answers", {})
    context = {
        "campaign": campaign,
        "figures": figures,
        "answer_tables": [
            (GraduateResponse._meta.get_field(question).verbose_name, rows)
            for question, rows in answers.items()
        ],
        "notes": campaign_check(campaign=campaign),
        "summary": survey_summary(cohort=campaign.cohort),
    }
    return render(request, "surveys/campaign_detail.html", context)


@roles_required(Role.CENTRE)
@require_http_methods(["GET", "POST"])
def campaign_edit_view(request, pk: int):
    campaign = _campaign_or_404(pk)
    # The form works on a copy: a ModelForm writes its values into its instance while it validates.
    form = CampaignEditForm(request.POST or None, instance=copy.copy(campaign))
    if request.method == "POST" and form.is_valid():
        try:
            campaign_update(campaign=campaign, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, MSG_SAVED)
            return redirect("surveys:detail", campaign.pk)
    return render(request, "surveys/campaign_form.html", {"form": form, "campaign": campaign})


def _campaign_or_404(pk: int):
    campaign = campaign_get(pk=pk)
    if campaign is None:
        raise Http404
    return campaign
