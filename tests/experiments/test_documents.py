"""Private documents: accepted types read from the content, size limit, sanitised names, and
downloads only after the permission check — on local storage and on an S3-compatible server
(moto's ThreadedMotoServer on 127.0.0.1, not a mocked client)."""

import contextlib
import io
import socket
import urllib.error
import urllib.request
import zipfile

import boto3
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from projects.experiments.models import ExperimentDocument

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def url(view: str, **kwargs) -> str:
    with translation.override("fr"):
        return reverse(f"projects:{view}", kwargs=kwargs)


def upload(client, experiment, name: str, content: bytes, title: str = "Convention"):
    return client.post(
        url("documents", pk=experiment.pk),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db
def test_a_valid_pdf_is_stored_privately_and_downloaded_by_members(client, people):
    client.force_login(people["lead"])
    response = upload(client, people["experiment"], "../../Convention signée.PDF", PDF)
    assert response.status_code == 302
    document = ExperimentDocument.objects.get(experiment=people["experiment"])
    assert document.original_name == "Convention_signee.pdf"
    assert document.content_type == "application/pdf"
    assert ".." not in document.file.name
    download = client.get(url("document", pk=people["experiment"].pk, document_pk=document.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
def test_docx_is_recognised_from_its_content(client, people):
    client.force_login(people["partner"])
    response = upload(client, people["experiment"], "budget.bin", docx_bytes())
    assert response.status_code == 302
    assert ExperimentDocument.objects.get().original_name == "budget.docx"


@pytest.mark.django_db
def test_an_executable_renamed_pdf_is_refused_and_nothing_changes(client, people):
    client.force_login(people["lead"])
    response = upload(client, people["experiment"], "facture.pdf", EXE)
    assert response.status_code == 400
    assert "pas accepté" in response.content.decode()
    assert 'value="Convention"' in response.content.decode()  # the title typed is kept
    assert not ExperimentDocument.objects.exists()


@pytest.mark.django_db
@override_settings(DOCUMENT_MAX_UPLOAD_SIZE=1024)
def test_too_large_a_file_is_refused(client, people):
    client.force_login(people["lead"])
    response = upload(client, people["experiment"], "gros.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "dépasse" in response.content.decode()
    assert not ExperimentDocument.objects.exists()


def test_the_default_limit_is_20_mb():
    from core.documents import max_upload_size

    assert max_upload_size() == 20 * 1024 * 1024


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["other", "editor"])
def test_others_cannot_list_or_download(client, people, role):
    client.force_login(people["lead"])
    upload(client, people["experiment"], "a.pdf", PDF)
    document = ExperimentDocument.objects.get()
    client.force_login(people[role])
    pk = people["experiment"].pk
    assert client.get(url("documents", pk=pk)).status_code == 404
    assert client.get(url("document", pk=pk, document_pk=document.pk)).status_code == 404


@pytest.mark.django_db
def test_a_document_of_another_experiment_is_not_reachable_through_mine(client, people):
    from tests.factories import ExperimentFactory

    client.force_login(people["lead"])
    upload(client, people["experiment"], "a.pdf", PDF)
    document = ExperimentDocument.objects.get()
    mine = ExperimentFactory(lead=people["other"])
    client.force_login(people["other"])
    assert client.get(url("document", pk=mine.pk, document_pk=document.pk)).status_code == 404


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, people):
    response = client.get(url("documents", pk=people["experiment"].pk))
    assert response.status_code == 302


# ---------------------------------------------------------------------- S3 (moto server)
@contextlib.contextmanager
def private_storage_configured(settings, config: dict):
    """Point STORAGES["private"] (and the document field, which resolved it at import) at
    ``config`` for the duration of a test."""
    field = ExperimentDocument._meta.get_field("file")
    original = field.storage
    settings.STORAGES = {**settings.STORAGES, "private": config}
    storages._storages.pop("private", None)
    field.storage = storages["private"]
    try:
        yield
    finally:
        field.storage = original
        storages._storages.pop("private", None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def s3_private_storage(settings):
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    options = {
        "bucket_name": "cluster05-private",
        "endpoint_url": endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "location": "private",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket="cluster05-private")
    with private_storage_configured(
        settings, {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    ):
        yield endpoint
    server.stop()


@pytest.mark.django_db
def test_s3_documents_are_served_by_short_presigned_urls(client, people, s3_private_storage):
    client.force_login(people["lead"])
    assert upload(client, people["experiment"], "convention.pdf", PDF).status_code == 302
    document = ExperimentDocument.objects.get()
    response = client.get(url("document", pk=people["experiment"].pk, document_pk=document.pk))
    assert response.status_code == 302
    presigned = response["Location"]
    assert presigned.startswith(s3_private_storage)
    assert "X-Amz-Expires=300" in presigned  # valid five minutes
    with urllib.request.urlopen(presigned) as answer:  # noqa: S310 - local test server
        assert answer.read() == PDF
        assert answer.headers["Content-Disposition"].startswith("attachment")
    unsigned = presigned.split("?", 1)[0]
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned)  # noqa: S310 - local test server
    assert refused.value.code == 403
    refused.value.close()


@pytest.mark.django_db
def test_s3_is_never_reached_without_permission(client, people, s3_private_storage):
    client.force_login(people["lead"])
    upload(client, people["experiment"], "convention.pdf", PDF)
    document = ExperimentDocument.objects.get()
    client.force_login(people["other"])
    response = client.get(url("document", pk=people["experiment"].pk, document_pk=document.pk))
    assert response.status_code == 404


@pytest.mark.django_db
def test_unreachable_s3_leaves_the_experiment_as_it_was(client, people, settings):
    closed_port = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "nowhere",
            "endpoint_url": f"http://127.0.0.1:{_free_port()}",
            "access_key": "x",
            "secret_key": "x",
            "region_name": "us-east-1",
        },
    }
    with private_storage_configured(settings, closed_port):
        client.force_login(people["lead"])
        response = upload(client, people["experiment"], "convention.pdf", PDF)
    assert response.status_code == 503
    assert "injoignable" in response.content.decode()
    assert not ExperimentDocument.objects.exists()
