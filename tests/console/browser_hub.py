"""The setting of a console browser test: its work folders, and a real kiosk-hub serving over TLS on
127.0.0.1 at a free port until it answers /healthz. Shared by the console browser tests."""
import datetime
import os
import ssl
import subprocess
import tempfile
import urllib.request

from webdriver import free_port, wait_for


def hall_today(margin_minutes=5):
    """The halls' date (UTC+8) for a test that compares what the hub shows for "today" with what
    it computed: never one that changes while the test runs. Within `margin_minutes` of the halls'
    midnight it waits (polling the clock, bounded by the margin) until the new day has begun, so a
    run at 15:59 UTC does not seed one day and read another."""
    def now():
        return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)
    wait_for(lambda: now().hour != 23 or now().minute < 60 - margin_minutes, "the halls' new day",
             seconds=60 * margin_minutes + 30)
    return now().date().isoformat()


def work_folders(prefix, artifacts, shots_name):
    """A fresh work folder (with downloads/ and the hub's folder name) and the screenshot folder."""
    work = tempfile.mkdtemp(prefix=prefix)
    shots = os.path.join(artifacts, shots_name)
    os.makedirs(shots, exist_ok=True)
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    return work, shots, downloads, os.path.join(work, "hub")


def serve(hub_binary, hub_dir, work):
    """Starts `kiosk-hub serve` (log in work/hub.log); returns (process, base URL, TLS context)."""
    port = free_port()
    log = open(os.path.join(work, "hub.log"), "w")
    process = subprocess.Popen([hub_binary, "serve", "--dir", hub_dir, "--listen", "127.0.0.1:%d" % port], stderr=log)
    base = "https://127.0.0.1:%d" % port
    tls = ssl.create_default_context(cafile=os.path.join(hub_dir, "tls", "ca.pem"))

    def healthy():
        try:
            return urllib.request.urlopen(base + "/healthz", context=tls, timeout=2).status == 200
        except OSError:
            return False
    wait_for(healthy, "the hub to answer /healthz")
    return process, base, tls


def totp_code(secret_base32, unix_seconds):
    """The 6-digit TOTP code (RFC 6238: HMAC-SHA1, 30-second steps) an authenticator app would show."""
    import base64
    import hashlib
    import hmac
    import struct
    key = base64.b32decode(secret_base32.replace(" ", "") + "=" * (-len(secret_base32.replace(" ", "")) % 8))
    mac = hmac.new(key, struct.pack(">Q", int(unix_seconds) // 30), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF) % 1000000)


class SignIn:
    """Signs people in as they would: the password, then — for an account the hub asks a second
    factor of — setting it up on first sign-in (reading the key under the QR code, as a phone app
    scanning it would, and confirming with a code) or typing the code the app shows. A code is good
    once, so a second sign-in of the same account within one 30-second step waits (polling the
    clock, bounded) for the next code. `secrets` keeps each account's key for the test's later
    sign-ins; `recovery` the recovery codes shown at set-up."""

    def __init__(self, browser, base):
        self.browser, self.base = browser, base
        self.secrets, self.recovery, self.last_step = {}, {}, {}

    def code_for(self, login):
        import time
        step = lambda: int(time.time()) // 30  # noqa: E731
        wait_for(lambda: step() > self.last_step.get(login, -1), "a fresh TOTP code for " + login, seconds=45)
        self.last_step[login] = step()
        return totp_code(self.secrets[login], time.time())

    def __call__(self, login, password, screenshots=None):
        b = self.browser
        b.get(self.base + "/console/login")
        b.type("input[name=login]", login)
        b.type("input[name=password]", password)
        b.click_and_wait("button[type=submit]")
        if b.url().endswith("/console/second-factor"):
            # As a phone would: scan the QR code on the screen (zbarimg reads the screenshot), and
            # check it says what the key under it says.
            shot = (screenshots or os.path.join(tempfile.mkdtemp(prefix="totp-"), "second-factor")) + "-enrol.png"
            b.screenshot(shot, full_page=False)
            scanned = subprocess.run(["zbarimg", "-q", "--raw", shot], capture_output=True, text=True).stdout.strip()
            if not scanned.startswith("otpauth://totp/") or "secret=" not in scanned:
                raise AssertionError("the set-up page's QR code does not scan as an otpauth address: %r" % scanned)
            secret = scanned.split("secret=", 1)[1].split("&", 1)[0]
            if secret != b.text("code.totp-secret").replace(" ", ""):
                raise AssertionError("the QR code's key is not the key shown under it")
            self.secrets[login] = secret
            b.type("input[name=code]", self.code_for(login))
            b.click_and_wait("form.second-factor button[type=submit]")
            self.recovery[login] = [e for e in b.text("ol.recovery-codes").split("\n") if e.strip()]
            if screenshots:
                b.screenshot(screenshots + "-recovery.png")
            b.click_and_wait("section.card-form a.button")
        elif "/console/login" in b.url() and b.run("return document.querySelector('input[name=code]') !== null;"):
            if screenshots:
                b.screenshot(screenshots + "-code.png", full_page=False)
            b.type("input[name=code]", self.code_for(login))
            b.click_and_wait("button[type=submit]")
        wait_for(lambda: b.url().endswith("/console/"), "the overview after %s signs in" % login)
