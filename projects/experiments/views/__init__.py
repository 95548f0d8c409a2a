"""The leads' space ("Mon espace") and the public experiment pages (re-exported for the URL map).

Views parse input, ask `projects.experiments.permissions`, call one service, and turn its
exceptions into a message or a 4xx answer. A form with errors is shown again with what was typed
(status 400). `space.py`: the dashboard, notifications, ideas and invitations; `tabs.py`: the
tabs of an experiment's space and its transitions; `public.py`: the public pages.
"""

from projects.experiments.views.partnering import (
    answer_partner_invitation,
    partner_invitations,
    reinvite_partner,
)
from projects.experiments.views.public import public_detail, public_list
from projects.experiments.views.space import (
    invitation,
    notifications,
    open_notification,
    propose,
    propose_public,
    space,
)
from projects.experiments.views.tabs import (
    activity,
    budget,
    capitalisation,
    document_download,
    documents,
    experiment_overview,
    invite,
    partners,
    sheet,
    timeline,
    transition,
)

__all__ = [
    "activity",
    "answer_partner_invitation",
    "budget",
    "capitalisation",
    "document_download",
    "documents",
    "experiment_overview",
    "invitation",
    "invite",
    "notifications",
    "open_notification",
    "partner_invitations",
    "partners",
    "propose",
    "propose_public",
    "public_detail",
    "public_list",
    "reinvite_partner",
    "sheet",
    "space",
    "timeline",
    "transition",
]
