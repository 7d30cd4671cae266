"""A bucket for the documents (ICMS_STORAGE=s3) on an S3-compatible server on loopback: moto's
server, which speaks the S3 protocol over HTTP as a cloud store does, conditional writes
included. `ICMS_TEST_STORAGE=s3` runs every test of a pass on it (Makefile, test-postgres)."""

import logging
import os
import uuid

import boto3
import pytest

from config.storage import documents_storage

REGION = "us-east-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-only-key-id", "AWS_SECRET_ACCESS_KEY": "test-only-key"}


def every_test_on_a_bucket() -> bool:
    return os.environ.get("ICMS_TEST_STORAGE", "files") == "s3"


class Bucket:
    def __init__(self, endpoint: str, name: str):
        self.endpoint, self.name = endpoint, name
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def environment(self) -> dict[str, str]:
        """What a server given this bucket is started with."""
        return {
            "ICMS_STORAGE": "s3",
            "ICMS_S3_BUCKET": self.name,
            "ICMS_S3_ENDPOINT_URL": self.endpoint,
            "ICMS_S3_REGION": REGION,
            **CREDENTIALS,
        }

    def keys(self) -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def empty(self) -> None:
        for key in self.keys():
            self.client.delete_object(Bucket=self.name, Key=key)


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    from tests.conftest import free_port

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def documents_bucket(s3_endpoint, settings, monkeypatch):
    """A new, empty bucket that the portal's documents go to for this test."""
    bucket = Bucket(s3_endpoint, f"documents-{uuid.uuid4().hex[:16]}")
    bucket.client.create_bucket(Bucket=bucket.name)
    environment = bucket.environment()
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": documents_storage(environment)}
    yield bucket
    bucket.empty()
    bucket.client.delete_bucket(Bucket=bucket.name)


def stored_names(storage=None) -> list[str]:
    """Every file in the documents' storage (a folder or a bucket), read through the storage
    API, so that a test of "nothing stored" holds on either."""
    from django.core.files.storage import default_storage

    storage = storage or default_storage
    names, folders = [], [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # a folder storage's root before its first file
            continue
        prefix = f"{folder}/" if folder else ""
        names += [prefix + name for name in files]
        folders += [prefix + name for name in subfolders]
    return sorted(names)
