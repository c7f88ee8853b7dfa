"""Static files storage for production: whitenoise's hashed + compressed storage, except that
the vendored bundles' `sourceMappingURL` comments are left alone (we do not ship .map files)."""

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
