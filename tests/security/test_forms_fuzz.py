"""Property-based tests (hypothesis) of every form: whatever is typed, validation never raises,
and each refusal is a message; then the public forms through their real URLs."""

from collections.abc import Callable

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import funding.dossiers.forms as dossier_forms
import projects.experiments.forms as project_forms
import projects.sharing.forms as sharing_forms
from accounts import forms as account_forms
from funding.catalogue.models import CallRequirement
from projects.experiments.models import Experiment
from projects.network.models import Organisation

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "inf",
    "9" * 40,
    "\x00",
    "a\x00b",
    "2024-02-30",
    "31/12/2024",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e\u0301",
    "x" * 6000,
    "on",
    "true",
]


def scalar() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(max_size=80),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.dates().map(str),
        st.emails(),
    )


def field_value(field: forms.Field) -> st.SearchStrategy:
    choices = []
    if hasattr(field, "choices"):
        try:
            choices = [str(value) for value, _label in list(field.choices)[:50]]
        except Exception:
            choices = []
    one = st.one_of(scalar(), st.sampled_from(choices)) if choices else scalar()
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return st.lists(one, max_size=4)
    return one.map(lambda value: [value])


def form_data(form: forms.BaseForm) -> st.SearchStrategy[MultiValueDict]:
    parts = {
        form.add_prefix(name): st.one_of(st.just([]), field_value(field))
        for name, field in form.fields.items()
    }
    return st.fixed_dictionaries(parts).map(
        lambda values: MultiValueDict({k: v for k, v in values.items() if v})
    )


def builders(demo_user) -> dict[str, Callable[..., forms.BaseForm]]:
    """Every form of the site, built as its view builds it."""
    user = demo_user("porteur")
    organisations = Organisation.objects.filter(
        pk__in=user.organisation_memberships.values("organisation")
    )
    experiment = Experiment.objects.filter(lead_organisation__in=organisations).first()
    request = RequestFactory().post("/")
    request.user = user
    return {
        "sign_in": lambda data: account_forms.SignInForm(request, data=data),
        "sign_up": lambda data: account_forms.SignUpForm(data),
        "resend_confirmation": lambda data: account_forms.ResendConfirmationForm(data),
        "profile": lambda data: account_forms.ProfileForm(data, instance=user),
        "email_change": lambda data: account_forms.EmailChangeForm(user, data),
        "two_factor_remove": lambda data: account_forms.TwoFactorRemoveForm(user, data),
        "backup_codes": lambda data: account_forms.BackupCodesForm(user, data),
        "otp_token": lambda data: account_forms.OTPTokenForm(data),
        "propose_idea": lambda data: project_forms.ProposeIdeaForm(data, user=AnonymousUser()),
        "sheet_general": lambda data: project_forms.SheetGeneralForm(data, instance=experiment),
        "sheet_objectives": lambda data: project_forms.SheetObjectivesForm(
            data, instance=experiment
        ),
        "sheet_cooperation": lambda data: project_forms.SheetCooperationForm(
            data, instance=experiment
        ),
        "sheet_schedule": lambda data: project_forms.SheetScheduleForm(data, instance=experiment),
        "capitalisation": lambda data: project_forms.CapitalisationForm(data, instance=experiment),
        "self_financing": lambda data: project_forms.SelfFinancingForm(data, instance=experiment),
        "partner": lambda data: project_forms.PartnerForm(data),
        "budget_line": lambda data: project_forms.BudgetLineForm(data),
        "milestone": lambda data: project_forms.MilestoneForm(data),
        "document": lambda data: project_forms.DocumentForm(data),
        "comment": lambda data: project_forms.CommentForm(data),
        "transition": lambda data: project_forms.TransitionForm(data, comment_required=True),
        "invite": lambda data: project_forms.InviteForm(data),
        "board_filter": lambda data: sharing_forms.BoardFilterForm(data),
        "post": lambda data: sharing_forms.PostForm(data, organisations=organisations),
        "photo": lambda data: sharing_forms.PhotoForm(data),
        "reply": lambda data: sharing_forms.ReplyForm(data, organisations=organisations),
        "message": lambda data: sharing_forms.MessageForm(data),
        "report": lambda data: sharing_forms.ReportForm(data),
        "hide": lambda data: sharing_forms.HideForm(data),
        "close_report": lambda data: sharing_forms.CloseReportForm(data),
        "idea": lambda data: sharing_forms.IdeaForm(data),
        "delete_account": lambda data: account_forms.DeleteAccountForm(data),
        "dossier_answers": lambda data: dossier_forms.AnswersForm(data),
        "dossier_document": lambda data: dossier_forms.DocumentUploadForm(data),
        "dossier_message": lambda data: dossier_forms.MessageForm(data),
        "dossier_note": lambda data: dossier_forms.NoteForm(data),
        "dossier_transition": lambda data: dossier_forms.TransitionForm(data),
        "dossier_review": lambda data: dossier_forms.ReviewForm(data),
        "dossier_campaign": lambda data: dossier_forms.CampaignForm(data),
        "dossier_inbox_filter": lambda data: dossier_forms.InboxFilterForm(data),
        "dossier_document_reuse": lambda data: dossier_forms.DocumentReuseForm(
            data,
            documents=CallRequirement.objects.filter(kind=CallRequirement.Kind.DOCUMENT)[:5],
            experiment_documents=experiment.documents.all(),
        ),
    }


FORM_NAMES = [
    "sign_in",
    "sign_up",
    "resend_confirmation",
    "profile",
    "email_change",
    "two_factor_remove",
    "backup_codes",
    "otp_token",
    "propose_idea",
    "sheet_general",
    "sheet_objectives",
    "sheet_cooperation",
    "sheet_schedule",
    "capitalisation",
    "self_financing",
    "partner",
    "budget_line",
    "milestone",
    "document",
    "comment",
    "transition",
    "invite",
    "board_filter",
    "post",
    "photo",
    "reply",
    "message",
    "report",
    "hide",
    "close_report",
    "idea",
    "delete_account",
    "dossier_answers",
    "dossier_document",
    "dossier_message",
    "dossier_note",
    "dossier_transition",
    "dossier_review",
    "dossier_campaign",
    "dossier_inbox_filter",
    "dossier_document_reuse",
]


def test_every_form_class_is_fuzzed():
    """A new form in accounts/ or projects/ must join FORM_NAMES."""
    classes = {
        name
        for module in (account_forms, project_forms, sharing_forms, dossier_forms)
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, forms.BaseForm)
        and value.__module__ == module.__name__
        and not name.startswith("Base")
    }
    covered = {
        "SignInForm", "SignUpForm", "ProfileForm", "EmailChangeForm", "TwoFactorRemoveForm",
        "BackupCodesForm", "OTPTokenForm", "ProposeIdeaForm", "SheetGeneralForm",
        "SheetObjectivesForm", "SheetCooperationForm", "SheetScheduleForm", "CapitalisationForm",
        "SelfFinancingForm", "PartnerForm", "BudgetLineForm", "MilestoneForm", "DocumentForm",
        "CommentForm", "TransitionForm", "InviteForm", "BoardFilterForm", "PostForm", "PhotoForm",
        "ReplyForm", "MessageForm", "ReportForm", "HideForm", "CloseReportForm", "IdeaForm",
        "DeleteAccountForm", "AnswersForm", "DocumentUploadForm", "NoteForm", "ReviewForm",
        "CampaignForm", "InboxFilterForm", "ResendConfirmationForm", "DocumentReuseForm",
    }  # fmt: skip
    assert classes - covered == set(), "fuzz the new form(s) in FORM_NAMES"


@pytest.mark.parametrize("name", FORM_NAMES)
def test_random_input_never_raises_and_refusals_are_messages(name, demo_user):
    build = builders(demo_user)[name]
    template = build(None)

    @FUZZ
    @given(data=form_data(template))
    def check(data):
        for language in ("fr", "en"):
            with translation.override(language):
                form = build(data)
                valid = form.is_valid()
                if not valid:
                    assert form.errors
                    for messages in form.errors.values():
                        assert all(isinstance(m, str) and m.strip() for m in messages)

    check()


def _url(name: str, language: str = "fr", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("accounts:login", ["username", "password", "next"]),
        ("accounts:sign_up", ["email", "full_name", "language", "password1", "password2", "next"]),
        ("accounts:password_reset", ["email"]),
        ("accounts:sign_up_resend", ["email"]),
    ],
)
def test_public_forms_answer_random_posts_with_a_page(client, url_name, fields):
    @FUZZ
    @given(values=st.lists(scalar(), min_size=len(fields), max_size=len(fields)))
    def check(values):
        response = client.post(_url(url_name), dict(zip(fields, values, strict=True)))
        assert response.status_code in (200, 302, 400, 429), response.status_code

    check()


def test_contact_form_answers_random_posts_with_a_page(client):
    from home.models import FormPage

    page = FormPage.objects.live().filter(locale__language_code="fr").first()
    fields = [field.clean_name for field in page.get_form_fields()]

    @FUZZ
    @given(values=st.lists(scalar(), min_size=len(fields), max_size=len(fields)))
    def check(values):
        response = client.post(page.url, dict(zip(fields, values, strict=True)))
        assert response.status_code in (200, 302, 400, 429), response.status_code

    check()


@pytest.mark.parametrize("path", ["/fr/financements/", "/fr/mutualisation/", "/fr/echanges/"])
def test_listing_filters_answer_random_queries(client, path):
    keys = st.sampled_from(
        ["page", "theme", "territory", "kind", "amount", "closes_before", "legal_form", "q"]
    )

    @FUZZ
    @given(query=st.dictionaries(keys, scalar(), max_size=4))
    def check(query):
        response = client.get(path, query)
        assert response.status_code in (200, 400, 404), (query, response.status_code)

    check()
