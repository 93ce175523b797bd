"""Members' files on an S3-compatible bucket (uploads/storage.py), against a real server: moto's
standalone server, started once for the session on a free port.

A document uploaded through the library's service on Tétouan is stored under Tétouan's prefix,
private; Tétouan's host redirects to a signed link that works; Tanger's host answers 404; the
withdrawn document's object is gone.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUCKET = "infitah-members"
REGION = "us-east-1"
KEYS = {"access_key": "infitah-test", "secret_key": "infitah-test-secret"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes, Message]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto S3 server with an empty private bucket; skipped only if moto cannot
    start here."""
    try:
        import boto3
        import moto.server  # noqa: F401
    except ImportError as error:
        pytest.skip(f"moto's standalone server cannot start: {error} (pip install moto[server])")
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while True:
        if server.poll() is not None:
            pytest.skip(
                "moto's standalone server cannot start: "
                + server.stderr.read().decode(errors="replace")[-500:]
            )
        try:
            _get(f"{endpoint}/moto-api/")
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                pytest.skip("moto's standalone server did not answer within 30 s")
            time.sleep(0.1)
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    ).create_bucket(Bucket=BUCKET)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(settings, s3_endpoint):
    """Members' files on the bucket for this test (the settings' own block, OPTIONS pointed at
    the test server); a boto3 client to look at the bucket from outside."""
    import boto3

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "uploads.storage.MemberS3Storage",
            "OPTIONS": {
                **settings.MEMBER_FILES_STORAGE.get("OPTIONS", {}),
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": REGION,
                "signature_version": "s3v4",
                "addressing_style": "path",
                **KEYS,
            },
        },
    }
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
    )


def _keys(client) -> set[str]:
    return {entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_the_settings_put_members_files_on_the_bucket_when_s3_is_configured():
    show = (
        "from django.conf import settings; d = settings.STORAGES['default'];"
        "print(d['BACKEND'], d.get('OPTIONS', {}).get('bucket_name'),"
        " d.get('OPTIONS', {}).get('endpoint_url'), settings.STORAGES['staticfiles']['BACKEND'])"
    )

    def storage_with(**variables) -> str:
        env = {key: value for key, value in os.environ.items() if not key.startswith("S3_")}
        env.update(
            variables,
            DJANGO_SETTINGS_MODULE="config.settings",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
        )
        return subprocess.run(
            [sys.executable, "-c", "import django; django.setup();" + show],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    on_disk = storage_with()
    assert on_disk[0] == "django_tenants.files.storage.TenantFileSystemStorage"
    on_bucket = storage_with(
        S3_BUCKET="members",
        S3_ENDPOINT_URL="https://s3.example.ma",
        S3_ACCESS_KEY_ID="id",
        S3_SECRET_ACCESS_KEY="secret",
        S3_REGION="eu-west-3",
    )
    assert on_bucket[:3] == ["uploads.storage.MemberS3Storage", "members", "https://s3.example.ma"]
    assert on_bucket[3] == on_disk[3]  # static files stay with whitenoise either way


def test_a_document_lives_in_its_members_prefix_privately_and_is_served_on_its_host_only(
    bucket,
    s3_endpoint,
    tetouan,
    tanger,
    in_member,
    client_for,
    settings,
    django_capture_on_commit_callbacks,
):
    from tenants.documents.services import document_delete
    from tenants.documents.tests.factories import PDF, document_factory, pdf_file

    with in_member(tetouan):
        document = document_factory(file=pdf_file("budget-2025.pdf"))
        url = document.file.url
    key = f"members/{tetouan.schema_name}/{document.file.name}"
    assert key in _keys(bucket)
    assert url == f"/media/{key}"  # the app's address, as on disk

    # Private: the object's own address refuses a reader without a signature.
    status, _, _ = _get(f"{s3_endpoint}/{BUCKET}/{key}")
    assert status == 403
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
    assert not [
        grant for grant in grants if "URI" in grant["Grantee"]
    ]  # no AllUsers / AuthenticatedUsers

    # Tétouan's host: after its check, a short-lived signed link that reads the file.
    response = client_for(tetouan).get(url)
    assert response.status_code == 302
    assert response["Cache-Control"] == "private, no-store"
    link = response["Location"]
    assert link.startswith(f"{s3_endpoint}/{BUCKET}/{key}?")
    assert parse_qs(urlsplit(link).query)["X-Amz-Expires"] == [str(settings.S3_LINK_SECONDS)]
    status, body, headers = _get(link)
    assert (status, body) == (200, PDF)
    assert headers["Content-Type"] == "application/pdf"  # from the checked name, not the upload

    # Tanger's host: never Tétouan's file, whatever the path says.
    assert client_for(tanger).get(url).status_code == 404
    assert (
        client_for(tanger).get(url.replace(tetouan.schema_name, tanger.schema_name)).status_code
        == 404
    )
    with in_member(tanger):
        tanger_document = document_factory(file=pdf_file("tanger.pdf"))
    climb = (
        f"/media/members/{tetouan.schema_name}/../{tanger.schema_name}/{tanger_document.file.name}"
    )
    assert client_for(tetouan).get(climb).status_code == 404

    # Withdrawn: the object goes with the document, once the transaction commits.
    with in_member(tetouan), django_capture_on_commit_callbacks(execute=True):
        document_delete(document=document)
    assert key not in _keys(bucket)
    assert client_for(tetouan).get(url).status_code == 404
    with in_member(tanger), django_capture_on_commit_callbacks(execute=True):
        document_delete(document=tanger_document)
    assert not [name for name in _keys(bucket) if name.startswith("members/")]
