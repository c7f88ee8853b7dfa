"""Storages. Static files for production: whitenoise's hashed + compressed storage, except that
the vendored bundles' `sourceMappingURL` comments are left alone (we do not ship .map files).
Private media on the local disk: written atomically (PriveOpslag)."""

import os
import tempfile

from django.core.files.storage import FileSystemStorage

from whitenoise.storage import CompressedManifestStaticFilesStorage


def _zonder_sourcemaps(patterns):
    resultaat = []
    for glob, regels in patterns:
        over = tuple(r for r in regels if "sourceMappingURL" not in str(r))
        if over:
            resultaat.append((glob, over))
    return tuple(resultaat)


class StatischeBestandenOpslag(CompressedManifestStaticFilesStorage):
    patterns = _zonder_sourcemaps(CompressedManifestStaticFilesStorage.patterns)


class PriveOpslag(FileSystemStorage):
    """Private media on the local disk (reports, uploads, export ZIPs), each file there whole or
    not at all: written under a temporary name in its own directory, flushed to disk, then
    linked to its name (atomic, and never over an existing file). A process killed half-way
    leaves at most a `.deel-*` file that no record points to, never a truncated file under a
    name that is served. S3-compatible storage (MEDIA_OPSLAG=s3) is atomic by itself."""

    def _save(self, name, content):
        volledig = self.path(name)
        map_ = os.path.dirname(volledig)
        if self.directory_permissions_mode is not None:
            oud = os.umask(0o777 & ~self.directory_permissions_mode)
            try:
                os.makedirs(map_, self.directory_permissions_mode, exist_ok=True)
            finally:
                os.umask(oud)
        else:
            os.makedirs(map_, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=map_, prefix=".deel-")
        try:
            with os.fdopen(fd, "wb") as f:
                for stuk in content.chunks():
                    f.write(stuk.encode() if isinstance(stuk, str) else stuk)
                f.flush()
                os.fsync(f.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(tijdelijk, self.file_permissions_mode)
            while True:
                try:
                    os.link(tijdelijk, volledig)
                    break
                except FileExistsError:  # taken meanwhile: a free name, as Django does
                    name = self.get_available_name(name)
                    volledig = self.path(name)
        finally:
            os.unlink(tijdelijk)
        return str(name).replace("\\", "/")
