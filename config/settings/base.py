"""Settings shared by every environment.

Every real service is chosen by an environment variable; without them the site runs on an
embedded default (SQLite, local memory cache, local files, Wagtail's database search backend,
immediate tasks, console e-mail) so that a fresh machine needs only Python.

The settings are written by subject in `config/settings/parts/` and gathered here (each part
imports what it needs from the others); `dev`, `test`, `production` and `bench` start from here.
"""

from config.settings.parts.accounts import *
from config.settings.parts.api import *
from config.settings.parts.applications import *
from config.settings.parts.backups import *
from config.settings.parts.environment import *
from config.settings.parts.languages import *
from config.settings.parts.monitoring import *
from config.settings.parts.project import *
from config.settings.parts.ratelimits import *
from config.settings.parts.security import *
from config.settings.parts.services import *
from config.settings.parts.storage import *
from config.settings.parts.wagtail import *
