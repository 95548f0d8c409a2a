"""Forms of the organisations' pages: creating an organisation, asking to join, deciding on a
request, changing a member's role, inviting by e-mail, searching the directory."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from projects.network.models import Organisation, OrganisationMembership, Territory


class OrganisationCreateForm(forms.ModelForm):
    """What a person gives about an organisation that is not in the directory yet."""

    description = forms.CharField(
        label=_("Short description"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What it does, in a few sentences, for the directory's visitors."),
    )

    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text=_("The full address, starting with https://."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "kind", "legal_form", "commune", "website", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Territory.objects.filter(
            kind=Territory.Kind.COMMUNE
        ).order_by("name")


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the people who decide (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who you are in the organisation, so that they recognise you."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("approve", pgettext_lazy("membership request", "Approve")),
            ("decline", _("Decline")),
        ],
        error_messages={"required": _("Choose to approve or decline.")},
    )
    message = forms.CharField(
        label=_("Message to the person (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationMembership.Role.choices)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Find an organisation"), required=False, max_length=100)
