"""The project's own settings: the platform's name, the map, rate limits, state diagrams."""

from django.utils.translation import gettext_lazy as _

from config.settings.parts.environment import env

# Label shown to visitors when a role or an e-mail needs a name for the platform.
PLATFORM_NAME = _("Cluster 05 Innovation Sociale")

# Map of the directory: any tile server with a {z}/{x}/{y} URL template. OpenStreetMap's
# standard tiles suit low traffic only (https://operations.osmfoundation.org/policies/tiles/).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors",
)
# Reverse proxies in front of the app servers that append the client to X-Forwarded-For
# (0: use the connection's address). Used to rate-limit forms per visitor.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
# Contact form: at most this many accepted submissions per client address and window (seconds).
CONTACT_FORM_RATE_LIMIT = (
    env.int("CONTACT_FORM_RATE_LIMIT", default=5),
    env.int("CONTACT_FORM_RATE_WINDOW", default=600),
)
# The state diagrams written into docs/workflow.md by `manage.py workflow_diagram`.
WORKFLOW_DIAGRAMS = [
    "projects.experiments.diagram.diagrams",
    "projects.sharing.diagram.diagrams",
    "funding.dossiers.services.diagrams",
]
# The State's open register of companies (« API Recherche d'entreprises »), asked when a
# coordinator fills an organisation from its SIREN, SIRET or RNA number; empty turns it off.
COMPANY_REGISTRY_URL = env.str(
    "COMPANY_REGISTRY_URL", default="https://recherche-entreprises.api.gouv.fr/search"
)
COMPANY_REGISTRY_TIMEOUT = env.float("COMPANY_REGISTRY_TIMEOUT", default=5.0)
