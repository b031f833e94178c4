"""An administrator who has never seen a terminal, in a real browser: Debian's chromium (headless)
against a real kiosk-hub over real TLS, and the real kiosk under Xvfb. Enrols a kiosk in the
console, downloads its USB bundle, starts the kiosk with it, sees its heartbeat and signing key on
the kiosks page; publishes next year's list from an XLSX (after an XLSX and a GB18030 CSV with a
mistake), previewed, signed with kioskctl, and sees the kiosk switch to it; revokes the kiosk and
sees its next request refused (401). Sets the hall's opening hours in 终端设置 (form, preview,
kioskctl settings sign, publish) and sees the kiosk close by them; restarts it from 终端 and sees
the restart acknowledged, and takes its screenshot (截屏) and sees it on 终端. Publishes a software
update with kioskctl and, on 软件更新, sees the kiosk's rollback, pauses, resumes and starts the next
ring. Then an offline kiosk:
residents vote on it, staff export to a "USB stick" through its staff screen, the administrator
enrols it with the public key from the export and imports the folder twice — all accepted, then all
duplicates — and the hub's tally holds those votes once. Screenshots land in ARTIFACT_DIR/admin.
Usage (under xvfb-run): admin_browser_test.py KIOSK_HUB KIOSKCTL KIOSK ARTIFACT_DIR"""
import base64
import datetime
import glob
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import time
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_hub  # noqa: E402
from real_kiosk import RealKiosk, journal_has, read  # noqa: E402
from webdriver import (DEADLINE_S, Browser, Checks, exit_with, latin_words, screenshots_fit_a_phone,  # noqa: E402
                       shut_down, wait_for)

# Logins show where an account has no 姓名: the test's own data, not English for the reader.
LOGINS = ("admin",)
HUB, CTL, KIOSK, ARTIFACTS = sys.argv[1:5]
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
check = Checks()
failures = check.failures


def kiosk_toml(path, kiosk_id, data_dir, export_dir, sync_section=""):
    """config/kiosk.toml with this kiosk's id, absolute demo paths, a plain folder as the stick."""
    text = read(os.path.join(ROOT, "config", "kiosk.toml"))
    text = text.replace('id = "hall-01-k1"', 'id = "%s"' % kiosk_id)
    text = text.replace('list = "demo/', 'list = "%s/config/demo/' % ROOT)
    text = text.replace('photo_dir = "../', 'photo_dir = "%s/' % ROOT)
    text = text.replace('strings_dir = "strings"', 'strings_dir = "%s/config/strings"' % ROOT)
    text = text.replace('export_dir = "/media/kiosk-usb"', 'export_dir = "%s"' % export_dir)
    text = text.replace("export_needs_mount = true", "export_needs_mount = false")
    # Every test vote counts: no pause between residents is enforced (a hall uses 5 s).
    text = text.replace("response_interval_s = 5 ", "response_interval_s = 0 ")
    check('id = "%s"' % kiosk_id in text and export_dir in text, "kiosk.toml for " + kiosk_id + " written")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n" + sync_section)


work, shots, downloads, hub_dir = browser_hub.work_folders("admin-browser-", ARTIFACTS, "admin")


def Kiosk(config, data_dir, name):  # noqa: N802 (reads as the class it makes)
    return RealKiosk(KIOSK, work, config, data_dir, name)


hub = browser = None
kiosks = []
try:
    subprocess.run([HUB, "init", "--dir", hub_dir, "--deployment", "zibo-zhangdian"], check=True,
                   stderr=subprocess.DEVNULL)
    subprocess.run([CTL, "keygen", "--out", os.path.join(work, "admin.pem"), "--public-out",
                    os.path.join(work, "admin.pub")], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([HUB, "key", "add", "--dir", hub_dir, "--key-id", "admin-2026", os.path.join(work, "admin.pub")],
                   check=True, stderr=subprocess.DEVNULL)
    subprocess.run([HUB, "user", "add", "--dir", hub_dir, "--login", "admin", "--role", "admin"],
                   input="admin-password-1\n", text=True, check=True, stderr=subprocess.DEVNULL)
    api_token = subprocess.run([HUB, "token", "create", "--dir", hub_dir, "--role", "admin"], check=True,
                               capture_output=True, text=True).stdout.strip()
    hub, base, tls = browser_hub.serve(HUB, hub_dir, work)
    ca = os.path.join(hub_dir, "tls", "ca.pem")

    def api(path):
        req = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + api_token})
        with urllib.request.urlopen(req, context=tls, timeout=10) as res:
            return json.loads(res.read())

    # The hall's list, signed offline with the administrator's key, so kiosks show the hub's list.
    signed = os.path.join(work, "list.signed.json")
    subprocess.run([CTL, "list", "sign", os.path.join(ROOT, "config", "demo", "commitments.json"), "--key",
                    os.path.join(work, "admin.pem"), "--key-id", "admin-2026", "--out", signed], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(work, "admin.token"), "w") as f:
        f.write(api_token + "\n")
    subprocess.run([CTL, "list", "publish", signed, "--hub", base, "--ca", ca, "--token-file",
                    os.path.join(work, "admin.token")], check=True, stdout=subprocess.DEVNULL)

    browser = Browser(downloads)
    browser_hub.SignIn(browser, base)("admin", "admin-password-1")  # sets up the second factor first

    # 1. Enrol hall-01-k9 from the kiosks page: its token once, and the USB bundle.
    browser.get(base + "/console/kiosks")
    browser.type("form.kiosk-enrol input[name=kiosk_id]", "hall-01-k9")
    browser.type("form.kiosk-enrol input[name=hall]", "hall-01")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "kiosks-enrol-form.png"), LOGINS)
    browser.click_and_wait("form.kiosk-enrol button[type=submit]")
    token = browser.text("code.token")
    check(token.startswith("kh_") and "只显示这一次" in browser.text(), "the enrolment page shows the token, once")
    browser.screenshot(os.path.join(shots, "kiosk-enrolled.png"), full_page=False)
    browser.click("form.bundle button[type=submit]")
    # Chromium may show the file under its name before the last byte is written: wait until it is whole.
    bundle = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "*.zip")) if zipfile.is_zipfile(p)],
                      "the bundle download")[0]
    config_dir = os.path.join(work, "kiosk-k9")
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
        modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
        z.extractall(work)
    root = os.path.join(work, "kiosk-hall-01-k9")
    check({"kiosk-hall-01-k9/kiosk.toml", "kiosk-hall-01-k9/hub/kiosk-token", "kiosk-hall-01-k9/hub/commitments.json",
           "kiosk-hall-01-k9/安装说明.txt"} <= set(names),
          "the bundle holds a complete kiosk.toml, the token, the hall's list and the instructions")
    check(stat.S_IMODE(modes["kiosk-hall-01-k9/hub/kiosk-token"]) == 0o600, "the token is 0600 in the bundle")
    check(read(os.path.join(root, "hub", "kiosk-token")).strip() == token, "the bundle's token is the one shown")
    bundled = read(os.path.join(root, "kiosk.toml"))
    check(base in bundled, "kiosk.toml names the address the administrator used")
    # Its comments (not the keys left commented out for the hall to fill in) are Chinese.
    comments = " ".join(re.sub(r"^\s*(\[\w+\]|\w+ = \S+)", "", line.split("#", 1)[1])
                        for line in bundled.splitlines() if "#" in line)
    keys = ("hub", "hours")  # the folder and the table a comment tells the technician to look for
    check(not latin_words(comments, keys), "kiosk.toml's comments are Chinese: %s" % latin_words(comments, keys))
    # The technician's steps: the folder's contents become the kiosk's config folder as they are; only
    # what the instructions ask the hall to fill in (the staff PIN: the demo's here) and, in this test,
    # where the package's shared files are (the source tree instead of /usr/share/commitment-kiosk).
    shutil.copytree(root, config_dir)
    demo_pin = re.search(r"^pin_hash = .*$", read(os.path.join(ROOT, "config", "kiosk.toml")), re.MULTILINE).group(0)
    with open(os.path.join(config_dir, "kiosk.toml"), "w", encoding="utf-8") as f:
        f.write(bundled.replace("/usr/share/commitment-kiosk", ROOT).replace('# pin_hash = ""', demo_pin)
                .replace('export_dir = "/media/kiosk-usb"', 'export_dir = "%s"' % os.path.join(work, "usb-k9")))
    online = Kiosk(os.path.join(config_dir, "kiosk.toml"), os.path.join(work, "data-k9"), "k9")
    kiosks.append(online)
    online.wait("^key-registered", 60)
    online.wait("^list-applied version=", 60)

    def kiosk_row():
        browser.get(base + "/console/kiosks")
        rows = [r for r in browser.text("table").splitlines() if r.startswith("hall-01-k9")]
        return rows[0] if rows and "从未连接" not in rows[0] and "未登记" not in rows[0] else None
    row = wait_for(kiosk_row, "the kiosks page to show hall-01-k9's heartbeat and key", 60)
    check("正常" in row, "the kiosks page shows hall-01-k9 heard from, its key registered: " + row)
    check("共启动 1 次" in row and "本次已运行" in row, "the real kiosk's heartbeat reports its health: " + row)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "kiosks-heartbeat.png"), LOGINS)
    online.screenshot(os.path.join(shots, "kiosk-k9-attract.png"))

    # 2. Next year's list from the spreadsheet: an XLSX and a GB18030 CSV with a mistake (row and
    # column shown), the fixed workbook previewed, signed offline with kioskctl, published; the
    # kiosk switches to it on its attract screen.
    header = ["编号", "承诺人", "类型", "岗位", "单位", "期限", "承诺标题", "承诺内容", "开始日期", "结束日期"]
    rows = [["c-0001", "王丽", "党员", "社保窗口 3 号", "区人社局", "年度", "社保业务一次办好",
             "材料齐全的社保业务当场办结。", "2027-01-01", "2027-12-31"],
            ["c-0002", "第一服务队", "团队", "", "区医保局", "长远", "异地就医备案即时办理",
             "线上线下同时受理，当日备案。", "2027-01-01", "2027-12-31"],
            ["c-0003", "李建国", "党员", "不动产窗口", "区不动产登记中心", "即时", "不动产登记压缩至3个工作日",
             "一窗受理，三个工作日内办结。", "2027-01-01", "2027-12-31"]]
    def workbook(path, data):
        script = ("import openpyxl, sys, json\nwb = openpyxl.Workbook(); ws = wb.active\n"
                  "for row in json.loads(sys.argv[2]):\n    ws.append(row)\nwb.save(sys.argv[1])\n")
        subprocess.run(["/usr/bin/python3", "-c", script, path, json.dumps(data)], check=True)
    wrong = [r[:] for r in rows]
    wrong[1][2] = "外星人"
    workbook(os.path.join(work, "清单-有误.xlsx"), [header] + wrong)
    workbook(os.path.join(work, "清单.xlsx"), [header] + rows)
    with open(os.path.join(work, "清单-有误.csv"), "wb") as f:
        bad_csv = [header] + [r[:] for r in rows]
        bad_csv[3][9] = "明年"
        f.write("\r\n".join(",".join(r) for r in bad_csv).encode("gb18030") + b"\r\n")

    def upload_list(path):
        browser.get(base + "/console/admin/lists?hall=hall-01")
        browser.run("document.querySelector('form.list-upload input[name=title]').value = '';")
        browser.type("form.list-upload input[name=title]", "2027 年党员公开承诺")
        browser.type("form.list-upload input[name=file]", path)
        browser.click_and_wait("form.list-upload button[type=submit]")
    upload_list(os.path.join(work, "清单-有误.xlsx"))
    check("第 3 行「类型」列：“外星人”无法识别" in browser.text(),
          "an XLSX with a wrong kind: row 3, column 类型 named, in Chinese")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "lists-xlsx-error.png"), LOGINS)
    upload_list(os.path.join(work, "清单-有误.csv"))
    check("第 4 行「结束日期」列" in browser.text(), "a GB18030 CSV with a wrong date: line 4, column 结束日期 named")
    upload_list(os.path.join(work, "清单.xlsx"))
    check("清单预览与发布" in browser.text() and "第一服务队" in browser.text(), "the fixed workbook is previewed")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "lists-preview.png"), LOGINS)
    browser.click("ol.steps a.button")
    def complete_json(path):
        try:
            json.loads(read(path))
            return True
        except ValueError:
            return False
    unsigned = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "commitment-list-*.json"))
                                 if complete_json(p)], "the unsigned list download")[0]
    signed_list = os.path.join(work, "commitment-list-hall-01-v2.signed.json")
    subprocess.run([CTL, "list", "sign", unsigned, "--key", os.path.join(work, "admin.pem"), "--key-id", "admin-2026",
                    "--out", signed_list], check=True, stderr=subprocess.DEVNULL)
    browser.type("form.list-publish input[name=file]", signed_list)
    browser.click_and_wait("form.list-publish button[type=submit]")
    check("已发布版本 2" in browser.text() and "admin" in browser.text(), "version 2 published by admin")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "lists-published.png"), LOGINS)
    audits = online.count("^targets screen=attract ")
    online.wait("^list-applied version=2", 120)  # the kiosk looks every minute, switches on its attract screen
    online.wait_count("^targets screen=attract ", audits + 1)  # drawn, and its layout audited again
    check(not journal_has(online.journal, "^layout-problem"), "the kiosk switched to version 2, layout clean")
    online.screenshot(os.path.join(shots, "kiosk-k9-list-v2.png"))

    # 2b. A changed list without a copy of one's own: download the current version as the template,
    # change one title in it (as Excel would), upload, see that one change, run the command the page
    # writes (key id and file names filled in) and publish. Clicks: 下载现行清单, choose the file,
    # 上传并预览, 下载待签名清单, choose the signed file, 发布 — plus the one command, pasted.
    browser.get(base + "/console/admin/lists?hall=hall-01")
    check("清单标题显示在终端首页" in browser.text(), "the upload form says where the list title is shown")
    browser.click("a.button[href*='template?hall=hall-01']")
    current = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "承诺清单-*第2版.xlsx"))
                                if zipfile.is_zipfile(p)], "the current list's workbook")[0]
    subprocess.run(["/usr/bin/python3", "-c",
                    "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active\n"
                    "assert ws['A2'].value == 'c-0001', ws['A2'].value\n"
                    "ws['G2'] = '社保业务一次办好，就近可办'; wb.save(sys.argv[1])", current], check=True)
    browser.type("form.list-upload input[name=file]", current)
    browser.click_and_wait("form.list-upload button[type=submit]")
    check("新增 0 项，删除 0 项，修改 1 项" in browser.text() and "就近可办" in browser.text(),
          "the edited current list is one change against version 2")
    command = browser.text("code.command")
    check(command.startswith("kioskctl list sign commitment-list-hall-01-v3.json --key admin-2026.pem "
                             "--key-id admin-2026 --out commitment-list-hall-01-v3.signed.json"),
          "the page writes the exact signing command: " + command)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "lists-changed-preview.png"), LOGINS)
    browser.click("ol.steps a.button")
    wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "commitment-list-hall-01-v3.json"))
                      if complete_json(p)], "the unsigned version 3")
    # The administrator's computer: the downloads folder, their key file under the name the page used.
    shutil.copy(os.path.join(work, "admin.pem"), os.path.join(downloads, "admin-2026.pem"))
    os.chmod(os.path.join(downloads, "admin-2026.pem"), 0o600)
    subprocess.run([CTL] + shlex.split(command)[1:], cwd=downloads, check=True, stderr=subprocess.DEVNULL)
    browser.type("form.list-publish input[name=file]", os.path.join(downloads, "commitment-list-hall-01-v3.signed.json"))
    browser.click_and_wait("form.list-publish button[type=submit]")
    check("已发布版本 3" in browser.text(), "version 3 published from the current list, edited")
    online.wait("^list-applied version=3", 120)  # the kiosk trusts what the page's command signed

    # 2c. 终端设置: new opening hours for the hall, from the form to the kiosk's closed screen. Hours
    # that leave out the present minute whatever the time of day, so the kiosk closes on any date.
    hours = "23:00-24:00" if datetime.datetime.now().hour < 12 else "00:00-01:00"
    browser.get(base + "/console/admin/settings?hall=hall-01")
    check("hall-01-k9" in browser.text("table.settings-kiosks"), "the kiosk is listed with its settings versions")
    browser.click("input[name='hours.set']")
    for day in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
        browser.type("input[name='hours.%s']" % day, hours)
    browser.type("textarea[name='hours.closed_days']", "2027-01-01")
    browser.type("input[name='timing.idle_timeout_s']", "90")
    browser.click_and_wait("form.settings-form button[type=submit]")
    check("预览：第 1" in browser.text() and hours in browser.text(), "the preview shows the new hours")
    command = browser.text("code.command")
    check(command == "kioskctl settings sign kiosk-settings-hall-01-v1.json --key admin-2026.pem --key-id admin-2026 "
          "--out kiosk-settings-hall-01-v1.signed.json", "the page writes the settings signing command: " + command)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "settings-preview.png"), LOGINS)
    browser.click("ol.steps form.inline button")
    wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "kiosk-settings-hall-01-v1.json"))
                      if complete_json(p)], "the unsigned settings")
    subprocess.run([CTL] + shlex.split(command)[1:], cwd=downloads, check=True, stderr=subprocess.DEVNULL)
    browser.type("ol.steps form.import input[name=file]",
                 os.path.join(downloads, "kiosk-settings-hall-01-v1.signed.json"))
    browser.click_and_wait("ol.steps form.import button[type=submit]")
    check("已发布" in browser.text(), "the signed settings are published")
    online.wait("^settings-applied scope=hall version=1", 120)  # fetched with the list, applied between residents
    online.wait("^targets screen=closed", 30)  # drawn, not only switched to
    online.screenshot(os.path.join(shots, "kiosk-k9-closed-new-hours.png"))

    def applied_version_shown():  # the kiosk's next heartbeat (every 30 s at most) reports it
        browser.get(base + "/console/admin/settings?hall=hall-01")
        return "1 / 1" in browser.text("table.settings-kiosks")
    wait_for(applied_version_shown, "the kiosk's heartbeat reporting settings version 1", 90)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "settings-published.png"), LOGINS)
    browser.get(base + "/console/admin/audit")
    check("发布终端设置" in browser.text(), "publishing the settings is in the audit log")

    # 2d. 重启程序 from the 终端 page: the kiosk takes it with a heartbeat, restarts between residents
    # (here: exits cleanly for the service manager, which this test plays), and the next run
    # acknowledges it.
    browser.get(base + "/console/kiosks?hall=hall-01")
    browser.run("document.querySelector('tr td details').open = true;")
    browser.click_and_wait("form.commands button[value=restart]")
    online.wait("^restart id=cmd-", 90)
    check(online.process.wait(timeout=30) == 0, "the kiosk ended cleanly for its restart")
    online = Kiosk(os.path.join(config_dir, "kiosk.toml"), os.path.join(work, "data-k9"), "k9-restarted")
    kiosks.append(online)

    def restart_done():  # the commands are listed in the row's 管理 fold: opened as a person would
        browser.get(base + "/console/kiosks?hall=hall-01")
        browser.run("document.querySelector('tr td details').open = true;")
        return "已完成" in browser.text("ul.commands")
    wait_for(restart_done, "the restarted kiosk acknowledging 重启程序", 90)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "kiosks-restart-done.png"), LOGINS)
    check(online.count("^command id=cmd-") == 0, "the restarted kiosk did not carry the command out again")

    # 2e. 截屏 from the 终端 page: the kiosk (on its closed screen) photographs what it shows, scaled to
    # at most 960 px, and the page shows it with its time; read back from the page as a person sees it.
    browser.get(base + "/console/kiosks?hall=hall-01")
    browser.run("document.querySelector('tr td details').open = true;")
    browser.click_and_wait("form.commands button[value=screenshot]")
    online.wait("^screenshot id=cmd-[0-9]+ screen=closed$", 90)
    online.wait("^screenshot-sent id=cmd-", 60)
    shown = {}

    def screenshot_shown():
        browser.get(base + "/console/kiosks?hall=hall-01")
        browser.run("document.querySelector('tr td details').open = true;")
        got = browser.run("""
            const i = document.querySelector('figure.screenshot img');
            if (!i || !i.complete || !i.naturalWidth) return null;
            const c = document.createElement('canvas');
            c.width = i.naturalWidth; c.height = i.naturalHeight;
            c.getContext('2d').drawImage(i, 0, 0);
            return [i.naturalWidth, i.naturalHeight, c.toDataURL('image/png'),
                    document.querySelector('figure.screenshot figcaption').textContent];""")
        if got:
            shown.update(width=got[0], height=got[1], png=got[2], caption=got[3])
        return bool(got)
    wait_for(screenshot_shown, "the kiosk's screenshot on the 终端 page", 60)
    check(max(shown["width"], shown["height"]) <= 960 and shown["width"] >= 480,
          "the screenshot is at most 960 px: %dx%d" % (shown["width"], shown["height"]))
    check("截屏 · 非开放时间页" in shown["caption"], "its caption names the time and the screen: " + shown["caption"])
    with open(os.path.join(shots, "kiosk-k9-screenshot-from-console.png"), "wb") as f:
        f.write(base64.b64decode(shown["png"].split(",", 1)[1]))
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "kiosks-screenshot.png"), LOGINS)
    browser.get(base + "/console/admin/audit")
    check("截屏" in browser.text(), "the screenshot command is in the audit log")

    # 2f. 软件更新: kioskctl builds the manifest from a package (a stand-in .deb here: the real one goes
    # through dpkg in updater/hub_rollout_ring_by_ring_with_the_real_package), signs it for a pilot
    # ring of hall-01-k9 and then every hall, and publishes both. The kiosk's updater (played by its
    # report file, which the real kiosk sends in each heartbeat) rolled the build back: the page says
    # so in words and the next ring waits; the administrator pauses, resumes and starts the next
    # ring, each in the audit log.
    deb_tree = os.path.join(work, "stand-in-deb")
    os.makedirs(os.path.join(deb_tree, "DEBIAN"))
    with open(os.path.join(deb_tree, "DEBIAN", "control"), "w") as f:
        f.write("Package: commitment-kiosk\nVersion: 9.9.9-1\nArchitecture: all\n"
                "Maintainer: test <test@example.org>\nDescription: a stand-in for the kiosk\n")
    deb = os.path.join(work, "commitment-kiosk_9.9.9-1_all.deb")
    subprocess.run(["dpkg-deb", "--root-owner-group", "--build", deb_tree, deb], check=True, stdout=subprocess.DEVNULL)
    update = os.path.join(work, "update-1.signed.json")
    not_before = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(time.time() - 3600))
    subprocess.run([CTL, "update", "sign", deb, "--deployment", "zibo-zhangdian", "--id", "1",
                    "--ring", "试点=kiosk:hall-01-k9", "--ring", "全区=*", "--not-before", not_before,
                    "--key", os.path.join(work, "admin.pem"), "--key-id", "admin-2026", "--out", update],
                   check=True, stderr=subprocess.DEVNULL)
    subprocess.run([CTL, "update", "publish", update, "--package", deb, "--hub", base, "--ca", ca, "--token-file",
                    os.path.join(work, "admin.token")], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "data-k9", "update-report"), "w") as f:
        json.dump({"version": "9.9.9-1", "state": "rolled_back", "reason": "the kiosk was not ready within 60 s"}, f)

    def rollback_shown():  # the kiosk's next heartbeat (every 30 s at most) carries the report
        browser.get(base + "/console/admin/updates")
        return "已回退：装后 60 秒内终端未就绪" in browser.text()
    wait_for(rollback_shown, "the kiosk's rollback on the 软件更新 page", 90)
    page = browser.text()
    check("9.9.9-1" in page and "等上一批全部运行正常后开始" in page, "the next ring waits for the pilot")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "updates-rolled-back.png"), LOGINS)
    browser.click_and_wait("button[value=pause]")
    check("已暂停推送" in browser.text(), "the rollout is paused")
    browser.click_and_wait("button[value=resume]")
    check("已继续推送" in browser.text(), "the rollout is resumed")
    browser.click("input[name=confirm]")
    browser.click_and_wait("button[value=advance]")
    check("已放行下一批" in browser.text(), "the next ring is started by hand")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "updates-advanced.png"), LOGINS)
    browser.get(base + "/console/admin/audit")
    audit = browser.text()
    check(all(w in audit for w in ("发布软件更新", "暂停软件更新", "继续软件更新", "放行软件更新批次")),
          "publishing, pausing, resuming and starting a ring are in the audit log")
    os.remove(os.path.join(work, "data-k9", "update-report"))

    # 3. Revoke it: the kiosk's next request is refused with 401.
    browser.get(base + "/console/kiosks")
    browser.run("document.querySelector('tr td details').open = true;")
    browser.click("form[action='/console/admin/kiosks/revoke'] input[name=confirm]")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "kiosks-revoke.png"), LOGINS)
    browser.click_and_wait("form[action='/console/admin/kiosks/revoke'] button[type=submit]")
    online.wait("^sync-failed .*401", 60)
    check(True, "after revocation the kiosk's next request got 401")
    online.enter_staff()  # what hall staff see: 终端令牌被拒绝 (looked at in the screenshot)
    online.screenshot(os.path.join(shots, "kiosk-k9-staff-token-refused.png"))
    online.stop()

    # 4. An offline kiosk: residents vote, staff export to the stick through the staff screen.
    offline_dir = os.path.join(work, "kiosk-k8")
    os.makedirs(offline_dir)
    usb = os.path.join(work, "usb-k8")
    os.makedirs(usb)
    kiosk_toml(os.path.join(offline_dir, "kiosk.toml"), "hall-01-k8", "", usb)
    offline = Kiosk(os.path.join(offline_dir, "kiosk.toml"), os.path.join(work, "data-k8"), "k8")
    kiosks.append(offline)
    votes = 0
    offline.key("Return")
    for rating in ["1", "1", "2"]:
        offline.wait_count("^screen list$", votes + 1)
        offline.key("Right", "Return")
        offline.wait_count("^screen detail$", votes + 1)
        offline.key(rating)
        votes += 1
        offline.wait_count("^vote-acknowledged .*counted=1", votes)
        offline.wait_count("^screen thanks$", votes)
        offline.key("Escape")  # thanks → the list, for the next resident
    offline.wait_count("^screen list$", votes + 1)
    attracts = offline.count("^screen attract$")
    offline.key("Escape")
    offline.wait_count("^screen attract$", attracts + 1)
    check(votes == 3, "three residents voted on the offline kiosk")
    offline.enter_staff()
    offline.click("staff", "staff:export")
    offline.wait("^exported folder=", 30)
    offline.screenshot(os.path.join(shots, "kiosk-k8-staff-exported.png"))
    export = glob.glob(os.path.join(usb, "commitment-kiosk-hall-01-k8-*"))[0]
    batches = sorted(glob.glob(os.path.join(export, "batches", "rating-batch-*.json")))
    check(len(batches) >= 1 and all(os.path.exists(b + ".sig") for b in batches),
          "the export holds %d signed batches" % len(batches))
    offline.stop()

    # 5. Enrol the offline kiosk with the public key from its export, then import the folder twice.
    browser.get(base + "/console/kiosks")
    browser.type("form.kiosk-enrol input[name=kiosk_id]", "hall-01-k8")
    browser.type("form.kiosk-enrol input[name=hall]", "hall-01")
    browser.type("form.kiosk-enrol textarea[name=public_key]", read(os.path.join(export, "kiosk-key.pub.pem")))
    browser.click_and_wait("form.kiosk-enrol button[type=submit]")
    check("hall-01-k8" in browser.text(), "the offline kiosk is enrolled with its key")
    before = sum(r["total"] for r in api("/api/v1/tallies?hall=hall-01")["rows"])
    files = batches + [b + ".sig" for b in batches] + [os.path.join(export, "tallies.csv")]
    for attempt, expect in [("first", "新导入 %d 批，重复 0 批，被拒绝 0 批" % len(batches)),
                            ("second", "新导入 0 批，重复 %d 批，被拒绝 0 批" % len(batches))]:
        browser.get(base + "/console/admin/import")
        browser.type("#import-files", "\n".join(files))
        browser.click_and_wait("form.import button[type=submit]")
        check(expect in browser.text(), "import %s time: %s" % (attempt, expect))
        screenshots_fit_a_phone(check, browser, os.path.join(shots, "import-%s.png" % attempt), LOGINS)
    after = sum(r["total"] for r in api("/api/v1/tallies?hall=hall-01")["rows"])
    check(after - before == votes, "the hub counted the offline kiosk's %d votes once (%d → %d)" % (votes, before, after))
    browser.get(base + "/console/admin/audit?action=import")
    check("0 accepted, %d duplicate" % len(batches) in browser.text(), "the audit log records both imports")
except Exception as e:  # noqa: BLE001 - report and fail, with the logs
    failures.append("exception: %r" % (e,))
    print("FAIL exception: %r" % (e,), flush=True)
    for path in glob.glob(os.path.join(work, "*.journal")) + glob.glob(os.path.join(work, "*.stderr")):
        print("---- " + path + "\n" + read(path)[-3000:], flush=True)
finally:
    for k in kiosks:
        try:
            k.stop()
        except Exception:  # noqa: BLE001
            k.process.kill()
    shut_down(browser, hub, work)

exit_with(failures)
