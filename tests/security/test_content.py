"""What people write is shown as text, rich text keeps only its features, and uploaded files are
downloaded, never run in the site's origin."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.documents import get_document_model

import projects.sharing.services as sharing
from tests.factories import OrganisationFactory, member_of, sharing_post

PAYLOAD = (
    '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">go</a>'
)

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs or None)


def test_sharing_posts_and_messages_are_escaped(client):
    owner_org = OrganisationFactory(name="Structure A")
    other_org = OrganisationFactory(name="Structure B")
    owner = member_of(owner_org, email="a@example.org")
    other = member_of(other_org, email="b@example.org")
    post = sharing_post(owner, owner_org, title="Salle " + PAYLOAD, description=PAYLOAD)
    conversation = sharing.reply_to_post(post, by=other, organisation=other_org, body=PAYLOAD)

    pages = [url("projects:sharing_post", pk=post.pk), url("projects:sharing_board")]
    client.force_login(other)
    pages_as_other = [url("projects:conversation", pk=conversation.pk)]
    for path in pages_as_other:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;" in html
    client.logout()
    for path in pages:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html
        assert 'href="javascript:' not in html


def test_rich_text_keeps_only_the_features_of_its_field():
    converter = ContentstateConverter(features=["bold", "italic", "link"])
    contentstate = converter.from_database_format(
        '<p onclick="alert(1)">Hi <b>there</b> <a href="javascript:alert(1)">x</a></p>'
        '<script>alert(1)</script><iframe src="https://evil.example"></iframe>'
    )
    stored = converter.to_database_format(contentstate)
    assert "<b>there</b>" in stored
    for forbidden in ("<script", "onclick", "javascript:", "<iframe"):
        assert forbidden not in stored


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", b"%PDF-1.4\n%%EOF\n"), ("notes.txt", b"<html><script>alert(1)</script>")],
)
def test_wagtail_documents_are_downloaded_as_attachments(client, name, content):
    document = get_document_model().objects.create(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    if response.streaming:  # reading it to the end closes the file (and only once)
        b"".join(response.streaming_content)


def test_no_runnable_type_can_be_uploaded(settings):
    assert not {"svg", "html", "htm", "xhtml", "js", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
