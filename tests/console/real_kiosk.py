"""The real kiosk for the browser tests: started in a window under the test's display (xvfb-run),
its journal read as it is written, driven by keys and by the tap targets it journals
(--journal-targets), and photographed. Shared by the administrator's and the phone vote tests."""
import os
import re
import subprocess

from webdriver import DEADLINE_S, wait_for


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def journal_has(path, pattern):
    return re.search(pattern, read(path), re.MULTILINE) if os.path.exists(path) else None


class RealKiosk:
    """The real kiosk in a window under this display, its journal (stdout) in a file under `work`."""

    def __init__(self, binary, work, config, data_dir, name):
        self.journal = os.path.join(work, name + ".journal")
        self.out = open(self.journal, "w")
        self.err = open(os.path.join(work, name + ".stderr"), "w")
        # As tests/window/lib.sh: sanitizer builds keep ASan on in the window process but not leak
        # checks (Mesa's one-time allocations); the headless suites run the same code with them.
        env = dict(os.environ)
        env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":detect_leaks=0").lstrip(":")
        self.process = subprocess.Popen([binary, "--config", config, "--data-dir", data_dir, "--windowed", "1280x800",
                                         "--journal-targets"], stdout=self.out, stderr=self.err, env=env)
        wait_for(lambda: journal_has(self.journal, "^targets screen="), name + " to draw its first screen")
        self.window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid",
                                      str(self.process.pid)], capture_output=True, text=True,
                                     timeout=DEADLINE_S).stdout.split()[0]

    def wait(self, pattern, seconds=DEADLINE_S):
        return wait_for(lambda: journal_has(self.journal, pattern), "/%s/ in %s" % (pattern, self.journal), seconds)

    def count(self, pattern):
        return len(re.findall(pattern, read(self.journal), re.MULTILINE))

    def wait_count(self, pattern, n, seconds=DEADLINE_S):
        wait_for(lambda: self.count(pattern) >= n, "%d x /%s/ in %s" % (n, pattern, self.journal), seconds)

    def key(self, *keys):
        subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=True)
        subprocess.run(["xdotool", "key"] + list(keys), check=True)

    def center(self, screen, target):
        lines = [l for l in read(self.journal).splitlines() if l.startswith("targets screen=%s " % screen)]
        for item in lines[-1].split(" "):
            if item.startswith(target + "="):
                x0, y0, x1, y1 = (int(v) for v in item.split("=", 1)[1].split(","))
                return (x0 + x1) // 2, (y0 + y1) // 2
        raise RuntimeError("no target %s on screen %s" % (target, screen))

    def click(self, screen, target):
        x, y = self.center(screen, target)
        subprocess.run(["xdotool", "mousemove", "--window", self.window, str(x), str(y), "click", "1"], check=True)

    def enter_staff(self):
        """Staff mode: hold the top-left corner of the attract screen, then the PIN (the demo's 246810)."""
        subprocess.run(["xdotool", "mousemove", "--window", self.window, "20", "20", "mousedown", "1"], check=True)
        self.wait("^screen staff_pin$", 15)
        subprocess.run(["xdotool", "mouseup", "1"], check=True)
        self.wait("^targets screen=staff_pin ")
        for digit in "246810":
            self.click("staff_pin", "pin:" + digit)
        self.click("staff_pin", "pin:ok")
        self.wait("^targets screen=staff ")

    def screenshot(self, path):
        subprocess.run(["import", "-window", self.window, path], check=True)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
