"""Lighthouse scores (mobile profile) of the home page, a guide, the calls catalogue and the
leads' space, against a running server (the demo, `make run`).

    npm install --prefix var/lighthouse lighthouse@13.5.0
    DEMO_PASSWORD=... CHROME_PATH=/usr/bin/chromium python bench/lighthouse.py \
        --base http://127.0.0.1:8000

Signs in as the demo project lead to get a session cookie, which Lighthouse sends with
`--extra-headers` for the leads' space. Prints the four categories per page (0-100) and keeps
the JSON reports under var/lighthouse/reports/. Not part of CI: the scores depend on the machine
(performance above all) and a run takes a minute per page.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "var" / "lighthouse" / "reports"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# (name, path, signed in): French addresses of the demo.
PAGES = (
    ("home", "/fr/", False),
    ("guide", None, False),  # the first guide linked from the guides' index
    ("catalogue", "/fr/financements/", False),
    ("leads' space", "/fr/mon-espace/", True),
)
GUIDES_INDEX = "/fr/guides/"


def sign_in(base: str, email: str, password: str) -> str:
    """The `sessionid` cookie of a signed-in session (the sign-in form, as a person uses it)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/fr/compte/connexion/"
    html = opener.open(login).read().decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        sys.exit(f"No sign-in form at {login}")
    data = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1),
            "login": email,
            "username": email,
            "email": email,
            "password": password,
        }
    ).encode()
    request = urllib.request.Request(login, data=data, headers={"Referer": login})
    opener.open(request).read()
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        sys.exit(f"Could not sign in as {email} (wrong DEMO_PASSWORD?)")
    return cookies["sessionid"]


def first_guide(base: str) -> str:
    html = urllib.request.urlopen(f"{base}{GUIDES_INDEX}").read().decode()
    links = re.findall(rf'href="({re.escape(GUIDES_INDEX)}[^"/]+/)"', html)
    if not links:
        sys.exit(f"No guide linked from {GUIDES_INDEX}")
    return links[0]


def run(url: str, name: str, cookie: str | None) -> dict[str, int]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z]+", "-", name).strip("-")
    output = REPORTS / f"{slug}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={cookie}"}))
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(command, check=True, env=env)
    report = json.loads(output.read_text())
    if report.get("finalDisplayedUrl", url) != url:
        print(f"  note: {url} ended at {report['finalDisplayedUrl']}", file=sys.stderr)
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--email", default="porteur@example.org")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    if not LIGHTHOUSE.exists():
        sys.exit("Install Lighthouse first: npm install --prefix var/lighthouse lighthouse@13.5.0")
    password = os.environ.get("DEMO_PASSWORD")
    if not password:
        sys.exit("Set DEMO_PASSWORD (the demo accounts' password) to measure the leads' space.")
    cookie = sign_in(base, args.email, password)
    print(f"{'page':<14}" + "".join(f"{key:>16}" for key in CATEGORIES))
    for name, path, signed_in in PAGES:
        url = base + (path or first_guide(base))
        scores = run(url, name, cookie if signed_in else None)
        print(f"{name:<14}" + "".join(f"{scores[key]:>16}" for key in CATEGORIES), flush=True)


if __name__ == "__main__":
    main()
