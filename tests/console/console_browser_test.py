"""The console in a real browser: Debian's chromium (headless, via chromedriver) against a real
kiosk-hub over real TLS, seeded by hub-seed with a year of votes in three halls. Logs in (a wrong
password first, then a lockout on another account), walks every page (screenshots saved as
artifacts), uses the period and hall pickers, downloads the ledger and reads it back with openpyxl,
comparing its sums with the API's JSON tallies; then checks a staff user sees only their hall, and
takes two rectification cases the rule opened through verify → rectify → review → close and
appeal → dispute, staff and a leader each taking their steps; the leader then reviews a unit.
Usage: console_browser_test.py KIOSK_HUB HUB_SEED ARTIFACT_DIR"""
import glob
import datetime
import json
import os
import shutil
import subprocess
import sys
import urllib.request

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_hub  # noqa: E402
from webdriver import Browser, Checks, exit_with, latin_words, screenshots_fit_a_phone, shut_down, wait_for  # noqa: E402

# Logins show where an account has no 姓名: the test's own data, not English for the reader.
LOGINS = ("admin", "wang", "zhao", "li", "sun")
HUB, SEED, ARTIFACTS = sys.argv[1], sys.argv[2], sys.argv[3]
check = Checks()
failures = check.failures


work, shots, downloads, hub_dir = browser_hub.work_folders("console-browser-", ARTIFACTS, "console")
hub = browser = None
try:
    subprocess.run([HUB, "init", "--dir", hub_dir, "--deployment", "zibo-zhangdian"], check=True,
                   stderr=subprocess.DEVNULL)
    today = browser_hub.hall_today()
    seeded = json.loads(subprocess.run([SEED, "--dir", hub_dir, "--halls", "3", "--commitments", "120",
                                        "--days", "365", "--end", today], check=True, capture_output=True,
                                       text=True).stdout)
    for login, role, hall, password in [("admin", "admin", None, "admin-password-1"),
                                        ("wang", "staff", "hall-02", "wang-password-1"),
                                        ("zhao", "staff", "hall-03", "zhao-password-1"),
                                        ("li", "leader", "hall-02", "li-password-1")]:
        args = [HUB, "user", "add", "--dir", hub_dir, "--login", login, "--role", role]
        if hall:
            args += ["--hall", hall]
        subprocess.run(args, input=password + "\n", text=True, check=True, stderr=subprocess.DEVNULL)
    token = subprocess.run([HUB, "token", "create", "--dir", hub_dir, "--role", "admin"], check=True,
                           capture_output=True, text=True).stdout.strip()

    hub, base, tls = browser_hub.serve(HUB, hub_dir, work)

    browser = Browser(downloads)
    browser.get(base + "/console/")
    check("/console/login" in browser.url(), "no session: the browser lands on the login page")
    check("公开承诺群众评议" in browser.text(), "the login page shows Chinese text")

    # A wrong password: the form again, with a message, and no session.
    browser.type("input[name=login]", "admin")
    browser.type("input[name=password]", "not-the-password")
    browser.click_and_wait("button[type=submit]")
    check("用户名或密码不正确" in browser.text(), "a wrong password shows the message")
    browser.screenshot(os.path.join(shots, "login-wrong-password.png"), full_page=False)

    # Five wrong passwords lock zhao's account; the page says so and the right password waits.
    for _ in range(5):
        browser.type("input[name=login]", "zhao")
        browser.type("input[name=password]", "wrong-password")
        browser.click_and_wait("button[type=submit]")
    browser.type("input[name=login]", "zhao")
    browser.type("input[name=password]", "zhao-password-1")
    browser.click_and_wait("button[type=submit]")
    check("尝试次数过多" in browser.text(), "the locked account is told to wait, even with the right password")
    browser.screenshot(os.path.join(shots, "login-locked.png"), full_page=False)

    # The administrator's first sign-in: the hub asks for a second factor (TOTP) before anything
    # else — the QR code and key once, a code to confirm, then the recovery codes once.
    sign_in = browser_hub.SignIn(browser, base)
    sign_in("admin", "admin-password-1", screenshots=os.path.join(shots, "second-factor"))
    check(len(sign_in.recovery["admin"]) == 10, "ten recovery codes are shown once at set-up")

    # The hub applies the rectification rule by itself at start (and every five minutes): cases
    # are opened before anyone draws the 整改 page, and the audit log says so. hub-seed placed a
    # commitment of every hall over the rule on the end day, so there is a case on any date.
    def rule_opened_cases():
        browser.get(base + "/console/admin/audit")
        return "case_open" in browser.text() and seeded["rule_hit"] in browser.text()
    check(bool(wait_for(rule_opened_cases, "the rule's cases in the audit log")), "the hub opened cases by itself")
    browser.get(base + "/console/")
    text = browser.text()
    check("评价概览" in text and "满意率" in text, "the overview renders in Chinese")
    check(browser.run("return document.querySelectorAll('svg.chart').length;") == 3,
          "the trend, the heat map and satisfaction by hour are drawn")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "overview-month.png"), LOGINS)

    # The period picker: 本半年, then a hall.
    browser.select("select[name=period]", "half_year")
    browser.click_and_wait("form.picker button[type=submit]")
    wait_for(lambda: "period=half_year" in browser.url(), "the half-year period")
    browser.select("select[name=hall]", "hall-02")
    browser.click_and_wait("form.picker button[type=submit]")
    wait_for(lambda: "hall=hall-02" in browser.url(), "the hall picker")
    check("hall-02" in browser.text(), "the picked hall is shown")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "overview-half-year-hall-02.png"), LOGINS)

    # On a leader's phone: the menu and the picker are folded away until tapped.
    browser.emulate(390)
    check(not browser.visible("header.top nav") and not browser.visible("form.picker"),
          "on a phone the menu and the period picker start folded")
    browser.click("label.menu-button")
    check(browser.visible("header.top nav a[href^='/console/rectifications']"), "tapping 菜单 shows the menu")
    browser.click("label.picker-button")
    check(browser.visible("form.picker select[name=period]"), "tapping the scope line shows the picker")
    browser.select("select[name=period]", "month")
    browser.click_and_wait("form.picker button[type=submit]")
    check("period=month" in browser.url() and "hall=hall-02" in browser.url(),
          "the picker works on a phone and keeps the hall")
    browser.emulate(None)

    for name, path in [("commitments", "/console/commitments?period=half_year"),
                       ("commitments-sorted", "/console/commitments?period=half_year&sort=fair_or_worse&dir=desc"),
                       ("commitment", "/console/commitments/c-0001?period=half_year&hall=hall-01"),
                       ("units", "/console/units?period=half_year"),
                       ("rectifications", "/console/rectifications?period=half_year"),
                       ("kiosks", "/console/kiosks"),
                       ("ledger-print", "/console/commitments?period=half_year&hall=hall-01&view=print"),
                       ("audit", "/console/admin/audit")]:
        browser.get(base + path)
        page = browser.text()
        check("无法显示" not in page and len(page) > 100, "page %s renders" % name)
        screenshots_fit_a_phone(check, browser, os.path.join(shots, name + ".png"), LOGINS)
    browser.get(base + "/console/kiosks")
    check("失联" in browser.text() and "从未联系" in browser.text(), "silent and never-seen kiosks are flagged")
    browser.get(base + "/console/commitments/c-0001?period=half_year&hall=hall-01")
    text = browser.text()
    check("（修订）" in text, "a commitment's page lists the list versions it appeared in")
    check("首次发布" in text and "（修订）" in text.split("首次发布", 1)[1] and "→" in text,
          "and what each version changed: the reworded title, before and after")

    # The ledger download, read back by an independent reader.
    def download_xlsx(page, keep_as):
        """Clicks the page's Excel link and returns the finished download (kept as an artifact)."""
        for earlier in glob.glob(os.path.join(downloads, "*.xlsx")):
            os.remove(earlier)
        browser.get(base + page)
        browser.click("a[href*='format=xlsx']")
        found = wait_for(lambda: glob.glob(os.path.join(downloads, "*.xlsx")), "the XLSX download")[0]
        wait_for(lambda: os.path.getsize(found) > 0 and not glob.glob(os.path.join(downloads, "*.crdownload")),
                 "the download to finish")
        shutil.copy(found, os.path.join(shots, keep_as))
        # Every word of every sheet a reader sees is Chinese, ids and the test's logins apart.
        cells = " ".join(str(c) for ws in openpyxl.load_workbook(found).worksheets
                         for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str))
        english = latin_words(cells, LOGINS)
        check(not english, "%s is in Chinese (English seen: %s)" % (keep_as, ", ".join(english[:12]) or "-"))
        return found

    # The seeded year (the list changed halfway: c-0001 reworded in version 2), long enough on any
    # date for every row to be over the privacy floor.
    year_from = (datetime.date.fromisoformat(today) - datetime.timedelta(days=364)).isoformat()
    path = download_xlsx("/console/commitments?from=%s&to=%s&hall=hall-01" % (year_from, today), "ledger.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    check({"A3:H3", "I3:L3", "M3:N3"} <= merged, "the ledger has a two-level merged header")
    check(sheet["A1"].value == "党员公开承诺群众评议台账", "the ledger's title is intact Chinese")
    check(sheet.freeze_panes == "A5", "the header rows are frozen")
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "hall-01"]
    sums = [sum(r[i] for r in rows) for i in (8, 9, 10)]
    req = urllib.request.Request(base + "/api/v1/tallies?hall=hall-01&from=%s&to=%s" % (year_from, today),
                                 headers={"Authorization": "Bearer " + token})
    api = json.loads(urllib.request.urlopen(req, context=tls).read())
    api_sums = [sum(r[k] for r in api["rows"]) for k in ("good", "fair", "poor")]
    check(sums == api_sums and sum(sums) > 0, "the ledger's sums equal the API's tallies %s == %s" % (sums, api_sums))
    totals = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "合计"]
    check(bool(totals) and list(totals[0][8:11]) == sums, "the ledger's total row adds up")
    footer = [r[0] for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] and "填表人" in str(r[0])]
    check(bool(footer), "the ledger has the sign-off footer")
    check(any(r[3] for r in rows) and any("局" in (r[6] or "") for r in rows), "holders and units are intact")
    check(all(r[4] in ("党员", "示范岗", "服务队", "单位", "行业") for r in rows if r[3]), "each row says its holder's 类别")
    # Named as residents saw it: c-0001's votes under version 1 keep version 1's title, with a note;
    # those under version 2 have the reworded one.
    first = [r for r in rows if r[1] == "c-0001"]
    check(len(first) == 2 and not first[0][2].endswith("（修订）") and first[1][2].endswith("（修订）"),
          "a reworded commitment has a row per wording: %s" % [r[2] for r in first])
    check(len(first) == 2 and "第1版清单时的名称" in (first[0][14] or "") and not first[1][14],
          "the earlier wording's row says so in 备注: %s" % [r[14] for r in first])
    check(len(first) == 2 and all(r[11] > 0 for r in first), "each wording keeps its own votes")

    # The API's format=xlsx is the same ledger, for kioskctl and scripts.
    req = urllib.request.Request(base + "/api/v1/tallies?hall=hall-01&from=%s&to=%s&format=xlsx" % (year_from, today),
                                 headers={"Authorization": "Bearer " + token})
    api_xlsx = os.path.join(work, "api.xlsx")
    with open(api_xlsx, "wb") as f:
        f.write(urllib.request.urlopen(req, context=tls).read())
    api_sheet = openpyxl.load_workbook(api_xlsx).active
    api_rows = [r for r in api_sheet.iter_rows(min_row=5, values_only=True) if r[0] == "hall-01"]
    check([sum(r[i] for r in api_rows) for i in (8, 9, 10)] == api_sums, "the API's XLSX ledger has the same sums")

    # Logout, then a staff user of hall-02 sees hall-02 only.
    browser.click_and_wait("header.top form button")
    wait_for(lambda: "/console/login" in browser.url(), "the login page after logout")
    browser.type("input[name=login]", "wang")
    browser.type("input[name=password]", "wang-password-1")
    browser.click_and_wait("button[type=submit]")
    wait_for(lambda: browser.url().endswith("/console/"), "wang's overview")
    browser.get(base + "/console/commitments?period=half_year")
    source = browser.source()
    check("hall-02" in source and "hall-01" not in source and "hall-03" not in source,
          "staff of hall-02 see only hall-02")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "staff-commitments.png"), LOGINS)
    browser.get(base + "/console/?hall=hall-01")
    check("403" in browser.text(), "another hall is refused")
    browser.get(base + "/console/admin/audit")
    check("403" in browser.text(), "staff cannot open admin pages")

    # Rectification cases: drawing 整改 opens a case for each of hall-02's commitments over the rule
    # in the last 30 days (hub-seed placed one there); another, over it in a period around the bad
    # day hub-seed placed 31 days back and not in the last 30 days, is opened by hand from its row.
    browser.get(base + "/console/rectifications")
    rule_case = browser.run(
        "return [...document.querySelectorAll('table tr')].filter(tr => [...tr.cells].some(td => td.textContent === arguments[0]))"
        ".map(tr => tr.querySelector('a[href^=\"/console/cases/\"]')).filter(a => a).map(a => a.getAttribute('href'));",
        seeded["rule_hit"])
    check(len(rule_case) >= 1 and "待核实" in browser.text(),
          "the rule opened a case for hall-02's %s, to be verified" % seeded["rule_hit"])
    by_hand_form = "form.inline:has(input[name=commitment][value='%s'])" % seeded["period_hit"]["commitment_id"]
    browser.get(base + "/console/rectifications?from=%s&to=%s" % (seeded["period_hit"]["day"], today))
    browser.type(by_hand_form + " input[name=note]", "群众来电反映办事等待时间长")
    browser.click_and_wait(by_hand_form + " button[type=submit]")
    wait_for(lambda: "/console/cases/" in browser.url(), "the case opened by hand")
    check("群众来电反映办事等待时间长" in browser.text() and "wang" in browser.text(),
          "a case opened by hand shows who opened it and why")
    by_hand = browser.url()
    browser.get(base + "/console/rectifications?period=half_year")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "rectification-cases.png"), LOGINS)

    def take(step, note="", public=None):
        browser.click("input[name=step][value=%s]" % step)
        if note:
            browser.type("textarea[name=note]", note)
        if public is not None:
            browser.run("document.querySelector('textarea[name=public_outcome]').value = '';")
            browser.type("textarea[name=public_outcome]", public)
        browser.click_and_wait("form.case-step button[type=submit]")

    def log_in(login, password):
        browser.click_and_wait("header.top form button")
        sign_in(login, password)

    first, second = base + rule_case[0], by_hand
    browser.get(first)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "case-opened.png"), LOGINS)
    check(browser.run("return document.querySelector('input[value=approve]') === null;"),
          "staff are not offered the reviewer's steps")
    take("confirm")
    check("整改中" in browser.text(), "verified: the case is being rectified")
    take("report_done", "已约谈窗口负责人（内部记录）", public="窗口增设导办员，高峰时段加开两个窗口")
    check("已整改待复核" in browser.text(), "done: the case awaits review")
    check("居民将看到" in browser.text(), "the public outcome is previewed as residents will read it")
    browser.get(second)
    take("appeal", "同一时段连续出现差评，疑似误触")
    check("申诉中" in browser.text(), "the second case is appealed")

    log_in("li", "li-password-1")
    browser.get(first)
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "case-review-preview.png"), LOGINS)
    take("approve", "现场复核属实，同意销号")
    text = browser.text()
    check("已销号" in text and "窗口增设导办员" in text, "the leader closes the case; the outcome is shown")
    check(text.count("wang") >= 2 and "li" in text, "every step shows who took it")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "case-closed.png"), LOGINS)
    # 你评我改: the hall's kiosks now get the closed case's outcome with the commitment's figures.
    req = urllib.request.Request(base + "/api/v1/results", headers={"Authorization": "Bearer seed-token-hall-02-k1"})
    results = json.loads(urllib.request.urlopen(req, context=tls).read())["results"]
    check(any(r.get("outcome", "") == "窗口增设导办员，高峰时段加开两个窗口" for r in results),
          "the kiosks' results carry the closed case's public outcome")
    check(not any("同意销号" in r.get("outcome", "") or "内部记录" in r.get("outcome", "") for r in results),
          "no internal note reaches the residents: %s" % [r.get("outcome") for r in results])
    check(bool(results) and all(r["total"] >= 30 for r in results), "no result under the public minimum")
    browser.get(second)
    disputed_from = browser.run("return document.querySelector('input[name=from]').value;")
    disputed_to = browser.run("return document.querySelector('input[name=to]').value;")
    check(not disputed_from and not disputed_to, "nothing is marked until the leader chooses the hours")
    check("评价窗口内各日各时段的评价" in browser.text() and "时：" in browser.text(),
          "the case page shows the window's ratings by day and hour to judge by")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "case-dispute-form.png"), LOGINS)
    # The leader judges the whole window mistaken here (whole days: no hours chosen).
    window_from = (datetime.date.fromisoformat(today) - datetime.timedelta(days=29)).isoformat()
    browser.run("document.querySelector('input[name=from]').value = arguments[0];"
                "document.querySelector('input[name=to]').value = arguments[1];", window_from, today)
    take("dispute", "调取记录确认为误触，评价标记为有误")
    check("复核认定评价有误" in browser.text(), "the appeal is upheld: the ratings are marked disputed")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "case-disputed.png"), LOGINS)
    # Raw and adjusted figures: the commitment's page, the tallies API and the ledger agree.
    disputed_href = browser.run("return document.querySelector('h1 a').getAttribute('href');")
    disputed_id = disputed_href.split("/")[-1].split("?")[0]
    # Over a period that also holds the bad day hub-seed placed 31 days back (outside the disputed
    # window of the last 30 days), so the adjusted figures stay over the privacy floor on any date
    # (in early January or July a half-year lies wholly inside the disputed days).
    around = "from=%s&to=%s" % (seeded["period_hit"]["day"], today)
    browser.get(base + disputed_href + "&" + around)
    page_rows = browser.run(
        "return [...document.querySelectorAll('section.disputed tbody tr')].slice(0, 2)"
        ".map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent));")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "commitment-disputed.png"), LOGINS)
    req = urllib.request.Request(base + "/api/v1/tallies?hall=hall-02&" + around,
                                 headers={"Authorization": "Bearer " + token})
    api_row = [r for r in json.loads(urllib.request.urlopen(req, context=tls).read())["rows"]
               if r["commitment_id"] == disputed_id][0]
    check("adjusted" in api_row and api_row["adjusted"]["total"] < api_row["total"],
          "the API reports adjusted figures below the raw ones: %s" % api_row.get("adjusted"))
    check(len(page_rows) == 2 and page_rows[0][0] == "原始" and page_rows[1][0] == "调整后"
          and int(page_rows[0][4]) == api_row["total"] and int(page_rows[1][4]) == api_row["adjusted"]["total"]
          and int(page_rows[1][1]) == api_row["adjusted"]["good"],
          "the page's raw and adjusted rows equal the API's: %s" % page_rows)

    # 领导点评: the leader reviews the first unit of hall-02; the others stay flagged.
    browser.get(base + "/console/units")
    check("半年内未点评" in browser.text(), "units without a review in six months are flagged")
    browser.run("document.querySelector('table.units details').open = true;")
    browser.type("form.review textarea[name=note]", "窗口作风明显改进，群众满意度保持前列")
    browser.click_and_wait("form.review button[type=submit]")
    check("窗口作风明显改进" in browser.text(), "the leader's review is shown on the 单位 page")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "units-reviewed.png"), LOGINS)

    # The ledger now carries the cases and the leaders' reviews on sheets of their own.
    book = openpyxl.load_workbook(download_xlsx("/console/commitments?" + around, "ledger-with-cases.xlsx"))
    check(book.sheetnames == ["台账", "单位汇总", "整改案件", "领导点评", "评价复核"],
          "the ledger's sheets: %s" % book.sheetnames)
    disputed_rows = [r for r in book["评价复核"].iter_rows(min_row=3, values_only=True) if r[1] == disputed_id]
    check(len(disputed_rows) == 1 and disputed_rows[0][8] == api_row["total"]
          and disputed_rows[0][13] == api_row["adjusted"]["total"]
          and disputed_rows[0][10] == api_row["adjusted"]["good"],
          "the ledger's 评价复核 row has the API's raw and adjusted totals: %s" % (disputed_rows,))
    case_rows = [r for r in book["整改案件"].iter_rows(min_row=3, values_only=True) if r[0]]
    check(any(r[4] == "已销号" and r[9] == "是" and r[10] == "窗口增设导办员，高峰时段加开两个窗口" for r in case_rows),
          "the closed case is in the ledger, done on time, with its public outcome only")
    check(any(r[4] == "复核认定评价有误" for r in case_rows), "the disputed case is in the ledger")
    # 单位汇总: one row per unit; its counts and cases add up to the other sheets'.
    ledger_total = sum(r[11] for r in book["台账"].iter_rows(min_row=5, values_only=True)
                       if r[0] and str(r[0]).startswith("hall-"))
    unit_rows = [r for r in book["单位汇总"].iter_rows(min_row=3, values_only=True) if r[0]]
    check(len({(r[0], r[1]) for r in unit_rows}) == len(unit_rows) > 1, "one roll-up row per unit")
    check(sum(r[6] for r in unit_rows) == ledger_total > 0,
          "the units' totals add up to the ledger's (%d)" % ledger_total)
    check(sum(r[9] for r in unit_rows) == len(case_rows), "every case of the period is under a unit")
    check(sum(r[10] for r in unit_rows) == sum(1 for r in case_rows if r[4] == "已销号"), "closed cases by unit")
    check(sum(r[14] for r in unit_rows) >= 1, "the appealed case is counted under its unit")
    check(any(r[15] not in (None, "—") for r in unit_rows) and any(r[15] == "—" for r in unit_rows),
          "the roll-up shows which units were reviewed and which were not")
    review_rows = [r for r in book["领导点评"].iter_rows(min_row=3, values_only=True) if r[0]]
    check(any("窗口作风明显改进" in (r[5] or "") and r[3] == "li" for r in review_rows),
          "the leader's review is in the ledger")

    # 用户管理: the administrator creates a staff user, who logs in and must choose a password first.
    # Signing in again: the password, then the code the authenticator app shows now.
    browser.click_and_wait("header.top form button")
    sign_in("admin", "admin-password-1", screenshots=os.path.join(shots, "login"))
    check(os.path.exists(os.path.join(shots, "login-code.png")), "the second sign-in asked for the app's code")
    # 大厅名称: the administrator names hall-01; from then on pages show the name.
    browser.get(base + "/console/admin/halls")
    browser.run("document.querySelector(\"form.hall-name input[name=hall][value='hall-01']\")"
                ".form.querySelector('input[name=name]').value = '';")
    browser.run("document.querySelector(\"form.hall-name input[name=hall][value='hall-01']\")"
                ".form.setAttribute('id', 'name-hall-01');")
    browser.type("#name-hall-01 input[name=name]", "张店区政务服务中心")
    browser.type("#name-hall-01 input[name=order]", "1")
    browser.click_and_wait("#name-hall-01 button[type=submit]")
    check("已保存：hall-01 显示为“张店区政务服务中心”" in browser.text(), "the hall's name is saved")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "halls.png"), LOGINS)

    browser.get(base + "/console/admin/users")
    # A mistake first (a password too short): the form again, in Chinese, with what was typed.
    browser.type("form.user-new input[name=login]", "sun.li")
    browser.type("form.user-new input[name=full_name]", "孙丽")
    browser.type("form.user-new input[name=department]", "综合科")
    browser.select("form.user-new select[name=role]", "staff")
    browser.click("form.user-new input[name='hall:hall-01']")
    browser.type("form.user-new input[name=password]", "short")
    browser.click_and_wait("form.user-new button[type=submit]")
    check("密码至少 10 个字" in browser.text(), "a short password is refused in Chinese")
    check(browser.run("return document.querySelector('form.user-new input[name=full_name]').value;") == "孙丽"
          and browser.run("return document.querySelector(\"form.user-new input[name='hall:hall-01']\").checked;"),
          "the form keeps what was typed, the hall still ticked")
    browser.type("form.user-new input[name=password]", "temporary-pass-1")
    browser.click_and_wait("form.user-new button[type=submit]")
    check("孙丽" in browser.text() and "待修改密码" in browser.text() and "张店区政务服务中心" in browser.text(),
          "the new user is listed by name with the hall's name, still to choose a password")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "users.png"), LOGINS)
    browser.click_and_wait("header.top form button")
    browser.type("input[name=login]", "sun.li")
    browser.type("input[name=password]", "temporary-pass-1")
    browser.click_and_wait("button[type=submit]")
    wait_for(lambda: browser.url().endswith("/console/password"), "the new user's first page: the password form")
    check("请先修改密码" in browser.text(), "the new user is asked to choose a password first")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "password-must-change.png"), LOGINS)
    browser.type("input[name=current]", "temporary-pass-1")
    browser.type("input[name=password]", "sun-li-own-pass")
    browser.type("input[name=password2]", "sun-li-own-pass")
    browser.click_and_wait("form.password button[type=submit]")
    wait_for(lambda: "/console/login" in browser.url(), "the login page after the change")
    check("密码已修改" in browser.text(), "the login page says the password was changed")
    browser.type("input[name=login]", "sun.li")
    browser.type("input[name=password]", "sun-li-own-pass")
    browser.click_and_wait("button[type=submit]")
    wait_for(lambda: browser.url().endswith("/console/"), "the new user's overview")
    check("评价概览" in browser.text() and "张店区政务服务中心" in browser.text(),
          "the new staff user works in their hall, named")
finally:
    shut_down(browser, hub, work)

exit_with(failures)
