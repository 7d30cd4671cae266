"""Documents in an S3-compatible bucket (ICMS_STORAGE=s3, README "Production"): what lets
several stateless app servers, the worker and the scheduler all read and write the same filed,
issued and held documents. Everything reaches the files through Django's storage API, so this
class is the only place that knows a bucket is behind it."""

from botocore.exceptions import ClientError
from storages.backends.s3 import S3Storage
from storages.utils import ReadBytesWrapper, clean_name, is_seekable

# A bucket refuses a conditional write to a name that is taken with 412; one racing another
# write to the same name may answer 409 instead.
_NAME_TAKEN = {412, 409}
_ATTEMPTS = 10


class ObjectStorage(S3Storage):
    """Never overwrites a stored file, as the folder storage never does. The folder storage
    creates a file only if its name is free (O_EXCL) and picks another name otherwise; a
    bucket's PUT replaces whatever is there. Here each file is written with `If-None-Match: *`,
    so the bucket itself refuses a taken name and another is chosen. That is what keeps the
    content store (filing/storage.py) right when two requests store the same bytes at once:
    only one of them wrote the object, so a rollback of the other cannot delete it."""

    def _save(self, name, content):
        for _attempt in range(_ATTEMPTS):
            try:
                return self._put_if_new(name, content)
            except ClientError as error:
                if error.response["ResponseMetadata"]["HTTPStatusCode"] not in _NAME_TAKEN:
                    raise
            name = self.get_available_name(name)
        raise FileExistsError(f"No free name near {name!r} after {_ATTEMPTS} attempts.")

    def _put_if_new(self, name, content) -> str:
        cleaned = clean_name(name)
        key = self._normalize_name(cleaned)
        params = self._get_write_parameters(key, content)
        if is_seekable(content):
            content.seek(0)
        # One PUT, not the multipart transfer, which cannot be made conditional: a document is
        # at most a few times UPLOAD_MAX_BYTES (core/policy.py), a single PUT up to 5 GB.
        self.connection.meta.client.put_object(
            Bucket=self.bucket_name,
            Key=key,
            Body=ReadBytesWrapper(content).read(),
            IfNoneMatch="*",
            **params,
        )
        return cleaned
