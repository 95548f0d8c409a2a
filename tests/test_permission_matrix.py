"""Every URL of the project's own views, for every role, against the answer expected.

`MATRIX` holds one entry per URL pattern (by name); `test_every_url_has_an_entry` fails when a
pattern has none, so a new view cannot ship without saying who may open it. Statuses: 200 (or
another success), 302 to the sign-in page (`LOGIN`), 403, 404 (what exists is not revealed),
405 (the method is not the view's).
"""

from dataclasses import replace

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.permission_funders import FUNDER_SPACE_MATRIX
from tests.permission_lang import LANG_ENTRIES
from tests.permission_matching import MATCHING_ENTRIES
from tests.permission_nav import NAV_ENTRIES
from tests.permission_review import REVIEW_ENTRIES
from tests.permission_rules import (
    API_EXPERIMENT,
    CONVERSATION,
    COORDINATORS,
    DOSSIER_SIDE,
    EVERYONE,
    EXPERIMENT_SPACE,
    FROZEN_DOSSIER,
    LEAD_ACTION,
    LOGIN,
    ORG_ADMIN_ACTION,
    ORG_ADMINS,
    PIPELINE,
    POST_OWNER,
    REDIRECT,
    SIGNED_IN,
    TRANSLATORS,
    VISITORS_ONLY,
    Entry,
    _email_change_token,
    _english_take_part,
    _sign_up_token,
    conv,
    dossier,
    exp,
    french_organisation,
    french_page,
    org,
    own_url_names,
    partner_link,
    post_,
    review,
)
from tests.permission_world import ROLES, build_world

MATRIX = {
    # --- accounts
    "accounts:login": Entry(VISITORS_ONLY),
    "accounts:logout": Entry({"*": REDIRECT}, method="post"),
    "accounts:sign_up": Entry(VISITORS_ONLY),
    "accounts:profile": Entry(SIGNED_IN),
    "accounts:password_change": Entry(SIGNED_IN),
    "accounts:email_change": Entry(SIGNED_IN),
    # The link sent to a new address works for whoever holds it, signed in or not (the GET
    # only shows a button); a forged one is refused (400).
    "accounts:email_confirm": Entry(
        EVERYONE, kwargs=lambda w: {"token": _email_change_token(w.user("lead"))}
    ),
    "accounts:email_confirm#forged": Entry({"*": 400}, kwargs=lambda w: {"token": "bad"}),
    "accounts:sign_up_sent": Entry(EVERYONE),
    # Signed-in people (all confirmed here) are sent on; visitors give their address.
    "accounts:sign_up_resend": Entry({"anonymous": 200, "*": REDIRECT}),
    # The sign-up's link works for whoever holds it (the GET only shows a button).
    "accounts:sign_up_confirm": Entry(EVERYONE, kwargs=lambda w: {"token": _sign_up_token()}),
    "accounts:sign_up_confirm#forged": Entry({"*": 400}, kwargs=lambda w: {"token": "bad"}),
    "accounts:privacy": Entry(EVERYONE),
    "accounts:two_factor": Entry(SIGNED_IN),
    "accounts:two_factor_setup": Entry(SIGNED_IN),
    # Without a device (TWO_FACTOR_REQUIRED is off in tests) the page sends on to the set-up.
    "accounts:two_factor_verify": Entry({"anonymous": LOGIN, "*": REDIRECT}),
    # Without a device: sent to the set-up (the codes themselves: tests/accounts).
    "accounts:two_factor_backup_codes": Entry({"anonymous": LOGIN, "*": REDIRECT}, method="post"),
    # Passkeys' WebAuthn endpoints answer JSON: 403 before signing in (no passwordless sign-in);
    # the "complete" steps without a "begin" have no challenge to check (400). Ceremonies and
    # someone else's passkey: tests/accounts/test_passkeys.py.
    "accounts:passkey_register_begin": Entry({"anonymous": 403, "*": 200}, method="post"),
    "accounts:passkey_register_complete": Entry({"anonymous": 403, "*": 400}, method="post"),
    "accounts:passkey_verify_begin": Entry({"anonymous": 403, "*": 200}, method="post"),
    "accounts:passkey_verify_complete": Entry({"anonymous": 403, "*": 400}, method="post"),
    "accounts:passkey_added": Entry({"anonymous": LOGIN, "*": 404}, method="post"),
    "accounts:passkey_remove": Entry({"anonymous": LOGIN, "*": 404}, kwargs=lambda w: {"pk": 0}),
    "accounts:password_reset": Entry(EVERYONE),
    "accounts:password_reset_done": Entry(EVERYONE),
    # A wrong token: the page says the link is no longer valid.
    "accounts:password_reset_confirm": Entry(
        EVERYONE, kwargs=lambda w: {"uidb64": "MQ", "token": "bad"}
    ),
    "accounts:password_reset_complete": Entry(EVERYONE),
    # Each person downloads their own data and may delete their own account.
    "accounts:export_data": Entry(SIGNED_IN),
    "accounts:delete_account": Entry(SIGNED_IN),
    # --- experiments: the members' space
    "projects:space": Entry(SIGNED_IN),
    "projects:notifications": Entry(SIGNED_IN),
    # Only its recipient (the lead) opens a notification, and is sent on to its link.
    "projects:open_notification": Entry(
        {"anonymous": LOGIN, "lead": REDIRECT, "*": 404},
        kwargs=lambda w: {"pk": w.notification.pk},
    ),
    "projects:propose": Entry(SIGNED_IN),
    "projects:propose_public": Entry(VISITORS_ONLY),
    "projects:public_list": Entry(EVERYONE),
    "projects:public_detail": Entry(EVERYONE, kwargs=lambda w: {"slug": w.public_experiment.slug}),
    # The private experiment's public page exists only for those who may see the experiment.
    "projects:public_detail#private": Entry(
        API_EXPERIMENT, kwargs=lambda w: {"slug": w.experiment.slug}
    ),
    "projects:experiment": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:sheet": Entry(
        EXPERIMENT_SPACE,
        kwargs=lambda w: {"pk": w.experiment.pk, "section": "general"},
    ),
    "projects:partners": Entry(EXPERIMENT_SPACE, kwargs=exp),
    # --- partner invitations (the world's partner organisation, Serres Lez'Arts, accepted)
    "projects:partner_invitations": Entry(SIGNED_IN),
    # Only a member of the invited organisation answers; an answered invitation stays answered.
    "projects:answer_partner_invitation": Entry(
        {"anonymous": LOGIN, "partner": 409, "*": 403},
        kwargs=lambda w: {"pk": partner_link(w).pk},
        method="post",
        data={"answer": "decline"},
    ),
    # Inviting again an organisation that already accepted: whoever edits the partners tab
    # (leads, contributors, coordinators) is told so there.
    "projects:reinvite_partner": Entry(
        {
            "anonymous": LOGIN,
            "lead": REDIRECT,
            "partner": REDIRECT,
            "coordinator": REDIRECT,
            "*": 404,
        },
        kwargs=lambda w: {"pk": w.experiment.pk, "partner_pk": partner_link(w).pk},
        method="post",
    ),
    # An empty invitation is refused with the form's errors (400).
    "projects:invite": Entry(
        {"anonymous": LOGIN, "lead": 400, "partner": 403, "coordinator": 400, "*": 404},
        kwargs=exp,
        method="post",
    ),
    "projects:budget": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:timeline": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:capitalisation": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:documents": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:document": Entry(
        EXPERIMENT_SPACE, kwargs=lambda w: {"pk": w.experiment.pk, "document_pk": w.document.pk}
    ),
    "projects:activity": Entry(EXPERIMENT_SPACE, kwargs=exp),
    "projects:transition": Entry(
        LEAD_ACTION, kwargs=lambda w: {"pk": w.experiment.pk, "name": "formalise"}
    ),
    # Whoever holds the invitation's secret link may open it once signed in.
    "projects:invitation": Entry(SIGNED_IN, kwargs=lambda w: {"token": w.invitation.token}),
    **MATCHING_ENTRIES,
    **NAV_ENTRIES,
    # --- dossiers: the leads' side (the pooled treasury, led by Julien)
    "funding:experiment_dossiers": Entry(
        DOSSIER_SIDE, kwargs=lambda w: {"pk": w.dossier.experiment_id}
    ),
    # The dossier exists already: its people are sent to it.
    "funding:dossier_start": Entry(
        {**DOSSIER_SIDE, "lead": REDIRECT, "coordinator": REDIRECT},
        kwargs=lambda w: {"pk": w.dossier.experiment_id, "call_id": w.dossier.call_id},
        method="post",
    ),
    "funding:dossier": Entry(DOSSIER_SIDE, kwargs=dossier),
    # Under review, the dossier cannot be changed (403 to the people who see it).
    "funding:dossier_answers": Entry(FROZEN_DOSSIER, kwargs=dossier, method="post"),
    "funding:dossier_upload": Entry(FROZEN_DOSSIER, kwargs=dossier, method="post"),
    "funding:dossier_document": Entry(
        DOSSIER_SIDE, kwargs=lambda w: {**dossier(w), "document_pk": w.dossier_document.pk}
    ),
    # An empty message is refused; coordinators read the messages, the lead writes them.
    "funding:dossier_message": Entry(
        {**DOSSIER_SIDE, "lead": 400, "coordinator": 403}, kwargs=dossier, method="post"
    ),
    "funding:dossier_transition": Entry(
        # Without the state it was shown in: refused, back to the page (post/redirect/get).
        {**DOSSIER_SIDE, "lead": REDIRECT, "coordinator": 403},
        kwargs=lambda w: {**dossier(w), "name": "withdraw"},
        method="post",
    ),
    "funding:dossier_reuse": Entry(FROZEN_DOSSIER, kwargs=dossier, method="post"),
    "funding:dossier_document_remove": Entry(
        FROZEN_DOSSIER,
        kwargs=lambda w: {**dossier(w), "document_pk": w.dossier_document.pk},
        method="post",
    ),
    # Not a crowdfunding call: there is no campaign to follow.
    "funding:dossier_campaign": Entry(FROZEN_DOSSIER, kwargs=dossier, method="post"),
    "funding:dossier_pdf": Entry(
        DOSSIER_SIDE, kwargs=lambda w: {**dossier(w), "number": w.version.number}
    ),
    **FUNDER_SPACE_MATRIX,
    # --- organisations and their members (the lead organisation of the world's experiment)
    "projects:my_organisations": Entry(SIGNED_IN),
    "projects:organisation_create": Entry(SIGNED_IN),
    "projects:organisation_members": Entry(ORG_ADMINS, kwargs=org),
    # Asking and leaving answer with a message on the page they come from.
    "projects:organisation_join": Entry(
        {"anonymous": LOGIN, "*": REDIRECT}, kwargs=org, method="post"
    ),
    "projects:organisation_leave": Entry(
        {"anonymous": LOGIN, "*": REDIRECT}, kwargs=org, method="post"
    ),
    "projects:organisation_invite": Entry(
        ORG_ADMIN_ACTION, kwargs=org, method="post", data={"email": "new@example.org"}
    ),
    "projects:membership_request_withdraw": Entry(
        {"anonymous": LOGIN, "pending": REDIRECT, "*": 404},
        kwargs=lambda w: {"pk": w.membership_request.pk},
        method="post",
    ),
    "projects:membership_request_decide": Entry(
        ORG_ADMIN_ACTION,
        kwargs=lambda w: {"pk": w.membership_request.pk},
        method="post",
        data={"decision": "approve"},
    ),
    "projects:organisation_member_role": Entry(
        ORG_ADMIN_ACTION,
        kwargs=lambda w: {"pk": w.org_membership.pk},
        method="post",
        data={"role": "admin"},
    ),
    "projects:organisation_member_remove": Entry(
        ORG_ADMIN_ACTION,
        kwargs=lambda w: {"pk": w.org_membership.pk},
        method="post",
    ),
    # --- the sharing board
    "projects:sharing_board": Entry(EVERYONE),
    # Posting needs an organisation: staff without one are told how to get one (403).
    "projects:sharing_new": Entry(
        {
            "anonymous": LOGIN,
            "outsider": 200,
            "partner": 200,
            "lead": 200,
            "org_admin": 200,
            "*": 403,
        }
    ),
    "projects:sharing_post": Entry(EVERYONE, kwargs=post_),
    "projects:sharing_edit": Entry(POST_OWNER, kwargs=post_),
    "projects:sharing_photos": Entry(POST_OWNER, kwargs=post_),
    "projects:sharing_photo": Entry(
        EVERYONE, kwargs=lambda w: {"pk": w.post.pk, "photo_pk": w.photo.pk}
    ),
    "projects:sharing_photo_delete": Entry(
        {**POST_OWNER, "partner": REDIRECT},
        kwargs=lambda w: {"pk": w.post.pk, "photo_pk": w.photo.pk},
        method="post",
    ),
    # An empty reply is refused (400) for members of other organisations; the post's own
    # organisation and people without an organisation may not reply.
    "projects:sharing_reply": Entry(
        {"anonymous": LOGIN, "outsider": 400, "lead": 400, "org_admin": 400, "*": 403},
        kwargs=post_,
        method="post",
    ),
    "projects:sharing_report_post": Entry(
        {"anonymous": LOGIN, "partner": 403, "*": 200}, kwargs=post_
    ),
    "projects:sharing_hide": Entry(
        {"anonymous": LOGIN, "coordinator": 400, "*": 403}, kwargs=post_, method="post"
    ),
    "projects:sharing_transition": Entry(
        {**POST_OWNER, "partner": REDIRECT},
        kwargs=lambda w: {"pk": w.post.pk, "name": "withdraw"},
        method="post",
    ),
    "projects:sharing_space": Entry(SIGNED_IN),
    "projects:conversation": Entry(CONVERSATION, kwargs=conv),
    "projects:conversation_report": Entry(CONVERSATION, kwargs=conv),
    "projects:conversation_idea": Entry(CONVERSATION, kwargs=conv),
    "projects:sharing_reports": Entry(COORDINATORS),
    "projects:sharing_report": Entry(COORDINATORS, kwargs=lambda w: {"pk": w.report.pk}),
    # --- the coordinators' pipeline in the Wagtail admin
    "experiments:index": Entry(PIPELINE),
    "experiments:index_results": Entry(PIPELINE),
    "experiments:board": Entry(PIPELINE),
    "experiments:inspect": Entry(PIPELINE, kwargs=exp),
    "experiments:edit": Entry(PIPELINE, kwargs=exp),
    "experiments:transition": Entry(
        PIPELINE, kwargs=lambda w: {"pk": w.experiment.pk, "name": "abandon"}
    ),
    "funding_matrix": Entry(PIPELINE),
    # --- identity of organisations in the admin (projects/network/admin.py): coordinators only;
    # the lookup without a number answers 400
    "wagtailsnippets_projects_organisation:registry_lookup": Entry(
        {**PIPELINE, "coordinator": 400}
    ),
    "wagtailsnippets_projects_organisation:verification": Entry(
        PIPELINE, kwargs=lambda w: {"pk": french_organisation(w)["pk"]}
    ),
    # --- translation in the Wagtail admin (home/localize): pages for who edits them, snippets
    # for who adds them (coordinators keep the directory and the catalogue, not the pages)
    "translation_submit_page": Entry(TRANSLATORS, kwargs=french_page),
    "translation_submit_snippet": Entry(
        {**TRANSLATORS, "coordinator": 200}, kwargs=french_organisation
    ),
    "translation_update": Entry(
        TRANSLATORS,
        kwargs=lambda w: {"translation_source_id": _english_take_part().source_id},
    ),
    # Without an action: 400 for who may edit the page.
    "translation_review": Entry(
        {**TRANSLATORS, "editor": 400, "moderator": 400},
        kwargs=lambda w: {"translation_id": _english_take_part().pk},
        method="post",
    ),
    # --- files and robots
    "robots": Entry(EVERYONE),
    "healthz": Entry(EVERYONE),
    # --- search: everyone searches; private experiments are filtered inside (tests/search)
    "search:search": Entry(EVERYONE),
    "search:suggestions": Entry(EVERYONE),
    "api:search": Entry(EVERYONE),
    "page_file_route": Entry(EVERYONE, kwargs=lambda w: {"path": "echanges/agenda.ics"}),
    # --- API
    "api:token": Entry({"*": 400}, method="post", json=True),
    "api:schema": Entry(EVERYONE),
    "api:docs": Entry(EVERYONE),
    "api:experiment-list": Entry(EVERYONE),
    "api:me": Entry({"anonymous": 401, "*": 200}),
    "api:organisation-list": Entry(EVERYONE),
    "api:organisation-detail": Entry(EVERYONE, kwargs=org),
    # Members of the organisation and people already waiting get 400 with the reason.
    "api:organisation-join-requests": Entry(
        {"anonymous": 401, "pending": 400, "org_admin": 400, "lead": 400, "*": 201},
        kwargs=org,
        method="post",
        json=True,
    ),
    "api:theme-list": Entry(EVERYONE),
    "api:theme-detail": Entry(
        EVERYONE, kwargs=lambda w: {"pk": w.experiment.themes.order_by("pk").first().pk}
    ),
    "api:territory-list": Entry(EVERYONE),
    "api:territory-detail": Entry(
        EVERYONE, kwargs=lambda w: {"pk": w.experiment.territories.order_by("pk").first().pk}
    ),
    "api:experiment-detail": Entry(API_EXPERIMENT, kwargs=exp),
    "api:experiment-transitions": Entry({**API_EXPERIMENT, "anonymous": 401}, kwargs=exp),
    "api:experiment-transition": Entry(
        {"anonymous": 401, "lead": 409, "partner": 403, "coordinator": 403, "*": 404},
        kwargs=lambda w: {"pk": w.experiment.pk, "name": "formalise"},
        method="post",
        json=True,
    ),
    "api:call-list": Entry(EVERYONE),
    "api:call-detail": Entry(EVERYONE, kwargs=lambda w: {"pk": w.call.pk}),
    "api:application-list": Entry({"anonymous": 401, "*": 200}),
    # The assigned reviewer reads the dossier; the others of the funder do not see it.
    "api:application-detail": Entry(
        {
            "anonymous": 401,
            "lead": 200,
            "coordinator": 200,
            "reviewer_a": 200,
            "funder_reviewer": 200,
            "*": 404,
        },
        kwargs=review,
    ),
    "api:application-transitions": Entry(
        {
            "anonymous": 401,
            "lead": 200,
            "coordinator": 200,
            "reviewer_a": 200,
            "funder_reviewer": 200,
            "*": 404,
        },
        kwargs=review,
    ),
    "api:application-transition": Entry(
        {
            "anonymous": 401,
            "lead": 403,
            "coordinator": 403,
            "reviewer_a": 400,
            "funder_reviewer": 403,  # the assigned reviewer does not decide
            "*": 404,
        },
        kwargs=lambda w: {"pk": w.dossier.pk, "name": "request_changes"},
        method="post",
        json=True,
    ),
    "api:application-reviews": Entry(
        {
            "anonymous": 401,
            "reviewer_a": 400,
            "funder_reviewer": 409,  # assigned, but the dossier is at its staff stage
            "lead": 403,
            "coordinator": 403,
            "*": 404,
        },
        kwargs=review,
        method="post",
        json=True,
    ),
    "api:sharing-list": Entry(EVERYONE),
    "api:sharing-detail": Entry(EVERYONE, kwargs=post_),
    "api:sharing-conversation-list": Entry({"anonymous": 401, "*": 200}),
    "api:sharing-conversation-detail": Entry({**CONVERSATION, "anonymous": 401}, kwargs=conv),
    **REVIEW_ENTRIES,
    **LANG_ENTRIES,
}

# Destructive actions are sent confirmed (`confirmed=yes`, as the dialog does); without it, who
# may act gets the page that asks (core.confirmation, 200), the others the same refusal.
UNCONFIRMED = {
    "funding:dossier_transition": {**DOSSIER_SIDE, "coordinator": 403},
    "funding:dossier_document_remove": FROZEN_DOSSIER,
    "projects:organisation_leave": {"anonymous": LOGIN, "*": 200},
    "projects:membership_request_withdraw": {"anonymous": LOGIN, "pending": 200, "*": 404},
    "projects:organisation_member_remove": ORG_ADMINS,
    "projects:sharing_photo_delete": POST_OWNER,
    "projects:sharing_transition": POST_OWNER,
}
for _name, _expect in UNCONFIRMED.items():
    MATRIX[f"{_name}#unconfirmed"] = replace(MATRIX[_name], expect=_expect)
    MATRIX[_name] = replace(MATRIX[_name], data={**MATRIX[_name].data, "confirmed": "yes"})


def test_every_url_has_an_entry():
    names = own_url_names()
    covered = {key.split("#")[0] for key in MATRIX}
    assert sorted(names - covered) == [], "URL patterns without an entry in the matrix"
    assert sorted(covered - names) == [], "entries for URL patterns that no longer exist"


def answer(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        signed_out = "/connexion/" in location or "/login/" in location
        return LOGIN if signed_out else REDIRECT
    return response.status_code


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(world, key):
    entry = MATRIX[key]
    name = key.split("#")[0]
    with translation.override("fr"):
        url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    got, wanted = {}, {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world.user(role))
        # Each request in a savepoint rolled back: a POST that succeeds changes nothing after.
        savepoint = transaction.savepoint()
        try:
            send = getattr(client, entry.method)
            if entry.json:
                response = send(url, entry.data, content_type="application/json")
            else:
                response = send(url, entry.data)
            if response.streaming:
                # Read to the end, which closes the file. Never `response.close()` again: a
                # second close runs Django's connection cleanup and closes PostgreSQL's
                # connection inside the test's transaction.
                b"".join(response.streaming_content)
        finally:
            transaction.savepoint_rollback(savepoint)
        got[role], wanted[role] = answer(response), entry.expected(role)
    assert got == wanted, url
