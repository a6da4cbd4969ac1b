"""Package stage: the built site as SCORM 1.2 and SCORM 2004 (4th edition) zips.

Each zip holds the whole site with `imsmanifest.xml` at its root: one SCO whose
launch page (scorm-launch.html) holds the LMS session and shows the module's
pages in a frame. Zips are reproducible (fixed timestamps,
sorted entries) and written to a temporary name first, so a failed packaging
never leaves a half-written zip in dist/.
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


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def package_name(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "module"


def write_zip(site: Path, target: Path, manifest_text: str) -> None:
    """Write the zip to a temporary file beside `target`, then rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}-", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            _add(archive, "imsmanifest.xml", manifest_text.encode("utf-8"))
            for name in site_files(site):
                _add(archive, name, (site / name).read_bytes())
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def package_site(site: Path, dist: Path, title: str) -> list[Path]:
    files = site_files(site)
    written = []
    for version in VERSIONS:
        suffix = "scorm12" if version == "1.2" else "scorm2004"
        target = dist / f"{package_name(title)}-{suffix}.zip"
        write_zip(site, target, manifest(version, title, f"quiz-engine-{package_name(title)}", files))
        written.append(target)
    return written
