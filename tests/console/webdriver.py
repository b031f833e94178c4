"""A minimal W3C WebDriver client over HTTP (urllib only): enough to drive Debian's chromium
through chromedriver in the console tests — open pages, type, click, read text, screenshot,
download. No Selenium: Debian 12 has no package for it and the tests install nothing from PyPI."""
import base64
import json
import re
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriverError(RuntimeError):
    pass


class Checks:
    """What a browser test found: each check printed as it happens, the failures kept for the exit."""

    def __init__(self):
        self.failures = []

    def __call__(self, condition, what):
        print(("ok   " if condition else "FAIL ") + what, flush=True)
        if not condition:
            self.failures.append(what)


def screenshots_fit_a_phone(check, browser, path, allowed=()):
    """Screenshots a page at 390, 1366 and 1920 px and checks it works on a leader's phone: nothing
    sticks out sideways (tables and charts scroll inside themselves), the header is one line and the
    page's heading starts on the first screen, not below ~600 px of menu and picker; and that every
    word on it is Chinese, ids and `allowed` (the test's own data: logins, file names) apart."""
    name = os.path.basename(path)
    text = browser.reading_text()
    english = latin_words(text, allowed)
    where = ["…%s…" % text[max(0, text.find(w) - 15):text.find(w) + len(w) + 15].replace("\n", " ") for w in english[:3]]
    check(not english, "%s is in Chinese (English seen: %s)" % (name, "; ".join(where) or "-"))
    phone = browser.screenshot_widths(path)
    check(phone["overflow"] <= 1, "%s fits a 390 px phone (sticks out %d px: %s)"
          % (name, phone["overflow"], "; ".join(phone["offenders"]) or "-"))
    check(phone["header_height"] <= 64, "%s: on a phone the header is one line (%d px)" % (name, phone["header_height"]))
    check(phone["heading_top"] <= 200, "%s: on a phone the heading starts at %d px" % (name, phone["heading_top"]))


# Latin-script words a user may read on a page in Chinese: file kinds and standard abbreviations.
# Ids (with a digit, "-", ".", "_", "/" or ":": hall-01, c-0001, sun.li, case:1) and file kinds
# (.json) are what technicians need, and pass; so do program names people know (WPS).
LATIN_ALLOWED = {"WPS", "kioskctl", "GB", "MB", "KB", "Excel", "CSV", "XLSX", "U", "ID", "API", "PIN", "TOTP", "QR", "JSON", "PNG", "PDF", "HTTPS",
                 "URL", "WebView", "Ed25519", "SHA", "PEM"}


def latin_words(text, allowed=()):
    """The Latin-script words in `text` that are neither ids nor allowed: English reaching a user."""
    words = set()
    # A run starting with a digit is read whole: a token's hash prefix "7606217a" is an id, not the
    # English word "a" (which made a page with such a prefix fail now and then).
    for word in re.findall(r"\.?[A-Za-z0-9][A-Za-z0-9._/:-]*", text):
        if not re.search(r"[A-Za-z]", word):
            continue
        if re.search(r"[0-9._/:-]", word) or word in LATIN_ALLOWED or word in allowed:
            continue
        words.add(word)
    return sorted(words)


def shut_down(browser, hub, work):
    """The end of a browser test, passed or not: the browser, the hub process, the work folder."""
    if browser:
        browser.quit()
    if hub:
        hub.terminate()
        hub.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)


def exit_with(failures):
    print("%d failure(s)" % len(failures))
    sys.exit(1 if failures else 0)


# How long a browser test waits for anything before it fails: an upper bound, never a pause (every
# wait polls). CI shares two cores between an ASan hub, chromium and the test, so it is generous.
DEADLINE_S = 120


def wait_for(predicate, what, seconds=DEADLINE_S):
    """Polls `predicate` until it returns something true (returned), with a deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise RuntimeError("timed out waiting for " + what)


# What a phone shows of a page: sideways overflow, the elements causing it (outside any element that
# scrolls by itself), where the page's first heading starts and the header's height, in CSS pixels.
PHONE_LAYOUT_JS = """
const width = arguments[0];  // the phone's width, not innerWidth: a page too wide zooms out
const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) {
  const x = getComputedStyle(p).overflowX; if (x === 'auto' || x === 'scroll' || x === 'hidden') return true; }
  return false; };
const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
const out = [...document.querySelectorAll('body *')].filter(e => visible(e)
    && e.getBoundingClientRect().right > width + 1 && !scrolls(e));
const heading = document.querySelector('main h1, main h2');
const header = document.querySelector('header.top');
return {overflow: document.documentElement.scrollWidth - width,
        offenders: out.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                                         + ' "' + (e.textContent || '').trim().slice(0, 30) + '"'),
        heading_top: heading ? Math.round(heading.getBoundingClientRect().top + window.scrollY) : 0,
        header_height: header ? Math.round(header.getBoundingClientRect().height) : 0};
"""


class Browser:
    def __init__(self, download_dir, chromium="/usr/bin/chromium", driver="/usr/bin/chromedriver", width=1366, height=900):
        self.port = free_port()
        self.process = subprocess.Popen([driver, "--port=%d" % self.port], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.base = "http://127.0.0.1:%d" % self.port
        deadline = time.monotonic() + 30
        while True:  # poll until chromedriver answers, with a deadline
            try:
                if self._call("GET", "/status")["value"]["ready"]:
                    break
            except (OSError, WebDriverError):
                pass
            if time.monotonic() > deadline:
                raise WebDriverError("chromedriver did not start")
            time.sleep(0.1)
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=%d,%d" % (width, height), "--lang=zh-CN", "--ignore-certificate-errors",
                "--no-first-run", "--disable-background-networking"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "acceptInsecureCerts": True,
            "goog:chromeOptions": {"binary": chromium, "args": args,
                                   "prefs": {"download.default_directory": download_dir,
                                             "download.prompt_for_download": False,
                                             "intl.accept_languages": "zh-CN,zh"}}}}}
        self.session = self._call("POST", "/session", caps)["value"]["sessionId"]
        self._call("POST", self._s("/goog/cdp/execute"),
                   {"cmd": "Browser.setDownloadBehavior",
                    "params": {"behavior": "allow", "downloadPath": download_dir}})

    def _s(self, path):
        return "/session/%s%s" % (self.session, path)

    def _call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as res:
                return json.loads(res.read())
        except urllib.error.HTTPError as e:
            raise WebDriverError("%s %s: %s" % (method, path, e.read()[:500]))

    def get(self, url):
        self._call("POST", self._s("/url"), {"url": url})

    def url(self):
        return self._call("GET", self._s("/url"))["value"]

    def source(self):
        return self._call("GET", self._s("/source"))["value"]

    def text(self, css="body"):
        return self._call("GET", self._s("/element/%s/text" % self.find(css)))["value"]

    def find(self, css):
        return self._call("POST", self._s("/element"), {"using": "css selector", "value": css})["value"][ELEMENT]

    def type(self, css, text):
        self._call("POST", self._s("/element/%s/value" % self.find(css)), {"text": text})

    def click(self, css):
        self._call("POST", self._s("/element/%s/click" % self.find(css)), {})

    def click_and_wait(self, css, seconds=DEADLINE_S):
        """Clicks something that loads a new page (a submit button, a link) and waits, with a
        deadline, until the new document has replaced this one and finished loading."""
        self.run("window.__webdriverOldPage = true;")
        self.click(css)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.run("return !window.__webdriverOldPage && document.readyState === 'complete';"):
                    return
            except WebDriverError:
                pass  # between documents
            time.sleep(0.05)
        raise WebDriverError("no new page after clicking " + css)

    def select(self, css, value):
        """Chooses an <option> by value (as a person picking from the drop-down would)."""
        self.click("%s option[value='%s']" % (css, value))

    def run(self, script, *args):
        return self._call("POST", self._s("/execute/sync"), {"script": script, "args": list(args)})["value"]

    def screenshot(self, path, full_page=True):
        if full_page:  # the whole page, not just the window: size the window to the document
            height = self.run("return Math.max(document.body.scrollHeight, 600);")
            self._call("POST", self._s("/window/rect"), {"width": 1366, "height": min(int(height) + 120, 6000)})
        png = base64.b64decode(self._call("GET", self._s("/screenshot"))["value"])
        with open(path, "wb") as f:
            f.write(png)
        self._call("POST", self._s("/window/rect"), {"width": 1366, "height": 900})

    def emulate(self, width, height=800):
        """Shows pages as a device `width` CSS pixels wide would (a phone below 800 px: mobile
        viewport rules apply); None goes back to the window's own size."""
        if width is None:
            self._call("POST", self._s("/goog/cdp/execute"), {"cmd": "Emulation.clearDeviceMetricsOverride", "params": {}})
            return
        self._call("POST", self._s("/goog/cdp/execute"), {"cmd": "Emulation.setDeviceMetricsOverride", "params": {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 800}})

    def reading_text(self):
        """The page's visible text a user reads, without commands and file contents shown for copying
        (code, pre, kbd, samp): what must be in the reader's language."""
        return self.run("""
            const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walk.nextNode()) {
              const p = walk.currentNode.parentElement;
              if (!p || p.closest('code, pre, kbd, samp, script, style') || !p.getClientRects().length) continue;
              out.push(walk.currentNode.textContent);
            }
            return out.join(' ');""")

    def visible(self, css):
        """Whether the first element matching `css` is shown (takes up space on the page)."""
        return self.run("const e = document.querySelector(arguments[0]);"
                        "return !!e && e.getClientRects().length > 0;", css)

    def screenshot_widths(self, path, widths=(390, 1366, 1920)):
        """Screenshots the whole page as a phone (390 px, emulated as a mobile device), a laptop and a
        wide screen would show it: `path` for 1366 px, `path` with -390 / -1920 before .png for the
        others. Returns what the phone saw: how far the page sticks out sideways (0 when it fits),
        the elements sticking out (outside anything that scrolls by itself), where the page's
        heading starts and how tall the header is."""
        stem, ext = os.path.splitext(path)
        phone = None
        for width in widths:
            self.emulate(width)
            if width < 800:
                phone = self.run(PHONE_LAYOUT_JS, width)
            height = self.run("return Math.max(document.documentElement.scrollHeight, 600);")
            self.emulate(width, min(int(height), 6000))
            png = base64.b64decode(self._call("GET", self._s("/screenshot"))["value"])
            with open(path if width == 1366 else "%s-%d%s" % (stem, width, ext), "wb") as f:
                f.write(png)
        self.emulate(None)
        return phone

    def quit(self):
        try:
            self._call("DELETE", self._s(""))
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
