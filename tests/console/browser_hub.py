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
