from django import forms

from .models import Graduate


class GraduateContactForm(forms.ModelForm):
    """Only the contact fields: anything else posted is ignored by construction."""

    class Meta:
        model = Graduate
        fields = ["phone", "email"]
        widgets = {
            "phone": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
