import pytest
from django.urls import reverse
from wagtail.models import Revision

from home.revisions import revision_content
from tests.home.test_moderation import _edit, _guide


@pytest.mark.django_db
def test_scratch(client, demo_user):
    guide = _guide()
    client.force_login(demo_user("redaction"))
    n0 = Revision.objects.filter(object_id=str(guide.pk)).count()
    r = _edit(client, guide, "Titre X", "action-save")
    assert r.status_code == 302, r.content[:3000]
    n1 = Revision.objects.filter(object_id=str(guide.pk)).count()
    guide.refresh_from_db()
    r = _edit(client, guide, "Titre X", "action-save")
    n2 = Revision.objects.filter(object_id=str(guide.pk)).count()
    revs = list(Revision.objects.filter(object_id=str(guide.pk)).order_by("-pk")[:2])
    a, b = revs[1].content, revs[0].content
    print(n0, n1, n2)
    print(sorted(a.keys()))
    print({k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)})
    print(a.get("wagtail_admin_comments"))
