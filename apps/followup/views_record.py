"""The student's printable registration record and the centre's lookup of its verification number."""

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Role
from apps.accounts.permissions import roles_required

from .record import plan_of_number, student_record

MSG_NO_GRADUATE = _("您的账号尚未关联毕业生信息，请联系辅导员。")
MSG_NUMBER_UNKNOWN = _("核验码不正确：没有与之对应的登记记录。")
STATUS_MEANING = {
    "approved": _("有效：该毕业生当前登记的毕业去向。"),
    "superseded": _("已变更：曾经登记，后由新的方案取代。"),
    "false": _("核查不属实：该登记已不计入。"),
}


class NumberForm(forms.Form):
    number = forms.CharField(
        label=_("核验码"),
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "HPI-12345-XXXX-XXXX-XXXX", "autocomplete": "off"}),
    )


@roles_required(Role.STUDENT)
def my_record_view(request):
    graduate = getattr(request.user, "graduate", None)
    if graduate is None:
        raise Http404(MSG_NO_GRADUATE)
    return render(request, "followup/record.html", {"record": student_record(graduate=graduate)})


@roles_required(Role.CENTRE)
def record_lookup_view(request):
    form = NumberForm(request.GET or None)
    plan = None
    if form.is_valid():
        plan = plan_of_number(form.cleaned_data["number"])
        if plan is None:
            form.add_error("number", MSG_NUMBER_UNKNOWN)
    return render(
        request,
        "followup/record_lookup.html",
        {"form": form, "plan": plan, "meaning": STATUS_MEANING.get(plan.status) if plan else ""},
    )
