from django import forms
from django.utils.translation import gettext_lazy as _

from inspecties.models import Onderzoek


class BulkExportForm(forms.Form):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("gepubliceerd", _("Gepubliceerd")), ("alle", _("Alle statussen"))],
        initial="gepubliceerd",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        jaren = Onderzoek.objects.order_by("-jaar").values_list("jaar", flat=True).distinct()
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [(j, j) for j in jaren]

    def onderzoeken(self):
        qs = Onderzoek.objects.all()
        if self.cleaned_data["status"] == "gepubliceerd":
            qs = qs.gepubliceerd()
        if self.cleaned_data["jaar"]:
            qs = qs.filter(jaar=self.cleaned_data["jaar"])
        return qs

    def omschrijving(self) -> str:
        jaar = self.cleaned_data["jaar"] or "alle jaren"
        status = (
            "gepubliceerd" if self.cleaned_data["status"] == "gepubliceerd" else "alle statussen"
        )
        return f"Rapporten {jaar}, {status}"
