"""A minimal W3C WebDriver client over HTTP (urllib only): enough to drive Debian's chromium
through chromedriver in the console tests — open pages, type, click, read text, screenshot,
download. No Selenium: Debian 12 has no package for it and the tests install nothing from PyPI."""
import base64
import json
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

    def quit(self):
        try:
            self._call("DELETE", self._s(""))
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
