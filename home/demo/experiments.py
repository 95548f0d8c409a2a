"""Demo cooperation experiments across every state, built by walking the real transitions
(the experiments are listed in `home/demo/data/experiments.yaml`).

Each experiment is proposed through `projects.experiments.services.propose_idea` and moved through
`run_transition` by the people whose role allows it (the coordinator accepts, the lead
formalises…), so the audit trail and notifications are those of real use.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

import projects.experiments.services as services
import projects.network.services as network_services
from accounts.models import User
from accounts.notifications import emails_suppressed
from home.demo.content import read
from projects.experiments.models import (
    BudgetLine,
    Experiment,
    ExperimentMember,
    ExperimentPartner,
    Milestone,
)
from projects.network.models import MembershipRequest, OrganisationMembership

S = Experiment.State

# The forward path and who runs each step.
FORWARD = [
    ("accept_idea", "coordinator"),
    ("formalise", "lead"),
    ("seek_funding", "lead"),
    ("mark_funded", "coordinator"),
    ("launch", "lead"),
    ("capitalise", "lead"),
]


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, full_name=name)  # unusable password
    return user


def _walk(experiment: Experiment, spec: dict, lead: User, coordinator: User) -> None:
    target = spec["state"]
    if target == S.DECLINED:
        services.run_transition(
            experiment, "decline_idea", by=coordinator, comment=spec["decline_comment"]
        )
        return
    if target == S.ABANDONED:
        services.run_transition(experiment, "accept_idea", by=coordinator)
        services.run_transition(experiment, "abandon", by=lead, comment=spec["abandon_comment"])
        return
    for name, who in FORWARD:
        experiment.refresh_from_db()
        if experiment.state == target:
            return
        if name == "capitalise":
            capitalisation = spec["capitalisation"]
            experiment.capitalisation_worked = capitalisation["worked"]
            experiment.capitalisation_did_not_work = capitalisation["did_not_work"]
            experiment.capitalisation_advice = capitalisation["advice"]
            experiment.save()
        comment = ""
        if name == "mark_funded" and experiment.missing_for("mark_funded"):
            comment = read("experiments")["funding_confirmed_comment"]
        services.run_transition(
            experiment, name, by=lead if who == "lead" else coordinator, comment=comment
        )


def _membership_request(spec: dict, organisations: dict) -> None:
    user = User.objects.get(email=spec["user"])
    organisation = organisations[spec["organisation"]]
    if not MembershipRequest.objects.filter(user=user, organisation=organisation).exists():
        network_services.ask_to_join(organisation, by=user, message=spec.get("message", ""))


def load(network: dict) -> list[Experiment]:
    """Create the demo experiments that do not exist yet, in their target states."""
    data = read("experiments")
    organisations = network["organisations"]
    territories = network["territories"]
    themes = network["themes"]
    coordinator = User.objects.get(email="coordination@example.org")
    for person in data["people"]:
        _user(person["email"], person["full_name"])
    for membership in data["memberships"]:
        OrganisationMembership.objects.get_or_create(
            user=User.objects.get(email=membership["user"]),
            organisation=organisations[membership["organisation"]],
            **({"defaults": {"role": membership["role"]}} if "role" in membership else {}),
        )
    with emails_suppressed():
        for spec in data["membership_requests"]:
            _membership_request(spec, organisations)
    today = timezone.localdate()
    created = []
    with emails_suppressed():
        for spec in data["experiments"]:
            if Experiment.objects.filter(title=spec["title"]).exists():
                continue
            lead = User.objects.get(email=spec["lead_user"])
            # Only members propose in an organisation's name.
            OrganisationMembership.objects.get_or_create(
                user=lead, organisation=organisations[spec["lead"]]
            )
            experiment = services.propose_idea(
                by=lead,
                title=spec["title"],
                summary=spec["summary"],
                description=spec.get("description", ""),
                lead_organisation=organisations[spec["lead"]],
                themes=[themes[n] for n in spec["themes"]],
                territories=[territories[slug] for slug in spec["territories"]],
            )
            for partner in spec.get("partners", []):
                ExperimentPartner.objects.get_or_create(
                    experiment=experiment,
                    organisation=organisations[partner["organisation"]],
                    defaults={
                        "role": partner["role"],
                        "status": ExperimentPartner.Status.ACCEPTED,
                    },
                )
            if spec.get("partner_user"):
                services.add_member(
                    experiment,
                    User.objects.get(email=spec["partner_user"]),
                    role=ExperimentMember.Role.CONTRIBUTOR,
                    organisation=organisations[spec["partner_org"]],
                )
            experiment.objectives = spec.get("objectives", "")
            experiment.expected_results = spec.get("expected_results", "")
            experiment.indicators = spec.get("indicators", "")
            experiment.cooperation_forms = spec.get("forms", [])
            experiment.support_needed = spec.get("support", [])
            experiment.self_financing = Decimal(spec.get("self_financing", "0"))
            experiment.is_public = spec.get("public", False)
            if spec.get("budget"):
                experiment.start_date = today + datetime.timedelta(days=45)
                experiment.end_date = experiment.start_date + datetime.timedelta(days=540)
            if spec["state"] in (S.RUNNING, S.CAPITALISED):
                experiment.start_date = today - datetime.timedelta(days=400)
                experiment.end_date = today + datetime.timedelta(days=140)
            experiment.save()
            for position, line in enumerate(spec.get("budget", [])):
                BudgetLine.objects.create(
                    experiment=experiment,
                    label=line["label"],
                    nature=line["nature"],
                    amount=Decimal(line["amount"]),
                    in_kind=line.get("in_kind", False),
                    position=position,
                )
            for milestone in spec.get("milestones", []):
                Milestone.objects.create(
                    experiment=experiment,
                    title=milestone["title"],
                    due_date=today + datetime.timedelta(days=milestone["days"]),
                    done=milestone["done"],
                )
            _walk(experiment, spec, lead, coordinator)
            created.append(experiment)
    return created
