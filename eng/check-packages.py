#!/usr/bin/env python3
"""Checks the packages in a folder feed as a careful publisher would before pushing them.

Usage: check-packages.py FEED VERSION

For WebhookSignatures, WebhookSignatures.Ed25519, WebhookSignatures.Http, WebhookSignatures.AspNetCore, WebhookSignatures.Redis,
WebhookSignatures.EntityFrameworkCore (net10.0 only) and the webhooksig tool: a
.nupkg and a .snupkg of VERSION; the MIT licence expression, a README, description, tags, project URL and
repository URL with the commit; each library's assembly with its XML docs for net8.0 and net10.0 (the
tool: net10.0); and symbols whose SourceLink map points at the repository at that commit. Exits 1 naming
every failure.
"""

import re
import sys
import zipfile
import xml.etree.ElementTree as ET

LIBRARIES = {
    "WebhookSignatures": "lib/{tfm}/WebhookSignatures",
    "WebhookSignatures.Ed25519": "lib/{tfm}/WebhookSignatures.Ed25519",
    "WebhookSignatures.Http": "lib/{tfm}/WebhookSignatures.Http",
    "WebhookSignatures.AspNetCore": "lib/{tfm}/WebhookSignatures.AspNetCore",
    "WebhookSignatures.Redis": "lib/{tfm}/WebhookSignatures.Redis",
}
# EF Core 10 runs on .NET 10 only, so its store is built for net10.0 alone.
NET10_LIBRARIES = {
    "WebhookSignatures.EntityFrameworkCore": "lib/{tfm}/WebhookSignatures.EntityFrameworkCore",
}
TOOL = {"webhooksig": "tools/net10.0/any/webhooksig"}
LIBRARY_TFMS = ["net8.0", "net10.0"]


def nuspec(package):
    name = next(n for n in package.namelist() if n.endswith(".nuspec"))
    root = ET.fromstring(package.read(name))
    ns = {"n": root.tag[1:].split("}")[0]}
    return root.find("n:metadata", ns), ns


def check(feed, version, package_id, assembly_paths, failures):
    def fail(message):
        failures.append(f"{package_id}: {message}")

    try:
        package = zipfile.ZipFile(f"{feed}/{package_id}.{version}.nupkg")
        symbols = zipfile.ZipFile(f"{feed}/{package_id}.{version}.snupkg")
    except FileNotFoundError as e:
        fail(f"missing {e.filename}")
        return
    metadata, ns = nuspec(package)
    text = lambda tag: (metadata.findtext(f"n:{tag}", default="", namespaces=ns) or "").strip()
    licence = metadata.find("n:license", ns)
    if licence is None or licence.get("type") != "expression" or licence.text != "MIT":
        fail("the licence is not the MIT expression")
    readme = text("readme")
    if not readme or readme not in package.namelist():
        fail("no package README")
    for tag in ("description", "tags", "projectUrl", "authors"):
        if not text(tag):
            fail(f"no {tag}")
    repository = metadata.find("n:repository", ns)
    commit = repository.get("commit", "") if repository is not None else ""
    url = repository.get("url", "") if repository is not None else ""
    if not url.startswith("https://") or not re.fullmatch(r"[0-9a-f]{40}", commit):
        fail(f"repository metadata lacks an https URL and a commit ({url!r}, {commit!r})")

    files = set(package.namelist())
    for path in assembly_paths:
        for suffix in (".dll", ".xml"):
            if path + suffix not in files:
                fail(f"{path}{suffix} is not in the package")
        pdb = path + ".pdb"
        if pdb not in symbols.namelist():
            fail(f"{pdb} is not in the symbol package")
            continue
        # Portable PDBs hold the SourceLink map as UTF-8 JSON.
        data = symbols.read(pdb)
        owner_repo = url.removeprefix("https://github.com/").removesuffix(".git")
        expected = f"https://raw.githubusercontent.com/{owner_repo}/{commit}/*".encode()
        if expected not in data:
            fail(f"{pdb} has no SourceLink map to {expected.decode()}")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    feed, version = sys.argv[1], sys.argv[2]
    failures = []
    for package_id, pattern in LIBRARIES.items():
        check(feed, version, package_id, [pattern.format(tfm=t) for t in LIBRARY_TFMS], failures)
    for package_id, pattern in NET10_LIBRARIES.items():
        check(feed, version, package_id, [pattern.format(tfm="net10.0")], failures)
    for package_id, path in TOOL.items():
        check(feed, version, package_id, [path], failures)
    for failure in failures:
        print(f"FAIL {failure}")
    if failures:
        sys.exit(1)
    print(f"packages checked: {', '.join(list(LIBRARIES) + list(NET10_LIBRARIES) + list(TOOL))} {version}: licence, README, metadata, "
          "repository commit, XML docs, symbols with SourceLink")


if __name__ == "__main__":
    main()
