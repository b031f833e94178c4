"""A resident's phone, for real: the real kiosk under Xvfb shows its QR code (扫码评价), the test reads
the code off a screenshot of the kiosk's window with zbarimg (Debian's zbar-tools), as a phone's
camera would, opens it in headless chromium at 390 px and votes; the vote is in the hub's tally
under channel phone. Then the code on a commitment's page, with 差 and its reason; a forged code and
the first code after its lifetime are refused with a page saying to scan again; and the public
results page shows no commitment under its minimum. Screenshots land in ARTIFACT_DIR/phone.
Usage (under xvfb-run): phone_vote_browser_test.py KIOSK_HUB KIOSKCTL KIOSK ARTIFACT_DIR"""
import glob
import json
import os
import subprocess
import sys
import urllib.request
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_hub  # noqa: E402
from real_kiosk import RealKiosk  # noqa: E402
from webdriver import Browser, Checks, exit_with, latin_words, screenshots_fit_a_phone, shut_down, wait_for  # noqa: E402

HUB, CTL, KIOSK, ARTIFACTS = sys.argv[1:5]
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LIFETIME_S = 30  # the shortest a hub allows: the expiry is seen within the test's deadline
check = Checks()
failures = check.failures


def scan(kiosk, name):
    """The URL in the QR code on the kiosk's window now, read from a screenshot as a phone reads it."""
    path = os.path.join(shots, name + ".png")
    kiosk.screenshot(path)
    read = subprocess.run(["zbarimg", "--raw", "-q", path], capture_output=True, text=True)
    urls = read.stdout.split()
    check(read.returncode == 0 and len(urls) == 1, "zbarimg reads one code off %s.png (%s)" % (name, urls))
    return urls[0] if urls else ""


def phone_votes(base, tls, token, channel="phone"):
    """hall-01's votes from phones (or posters) this year, per commitment, as the tallies API gives them."""
    req = urllib.request.Request(base + "/api/v1/tallies?hall=hall-01&channel=" + channel,
                                 headers={"Authorization": "Bearer " + token})
    rows = json.loads(urllib.request.urlopen(req, context=tls, timeout=30).read())["rows"]
    return {row["commitment_id"]: row["total"] for row in rows}


work, shots, downloads, hub_dir = browser_hub.work_folders("phone-browser-", ARTIFACTS, "phone")
hub = browser = kiosk = None
try:
    subprocess.run([HUB, "init", "--dir", hub_dir, "--deployment", "zibo-zhangdian"], check=True,
                   stderr=subprocess.DEVNULL)
    with open(os.path.join(hub_dir, "hub.toml"), encoding="utf-8") as f:
        toml = f.read()
    toml = toml.replace("[phone]                        # 扫码评价", "[phone]  # 扫码评价", 1)
    toml = toml.replace("enabled = false\ncode_lifetime_s = 120", "enabled = true\ncode_lifetime_s = %d" % LIFETIME_S, 1)
    # The browser, the test's API calls and its polling all come from 127.0.0.1: one address.
    toml = toml.replace("requests_per_address_per_minute = 60", "requests_per_address_per_minute = 6000", 1)
    poster_at = toml.index("\n[poster]")  # posters on, for every hall
    toml = toml[:poster_at] + toml[poster_at:].replace("enabled = false", "enabled = true", 1)
    public_at = toml.index("\n[public]")  # its public_min, not [results]
    toml = toml[:public_at] + toml[public_at:].replace("public_min = 30 ", "public_min = 5 ", 1).replace(
        "enabled = false\nhalls = []", 'enabled = true\nhalls = ["hall-01"]', 1)
    check("enabled = true\ncode_lifetime_s = 30" in toml and 'enabled = true\nhalls = ["hall-01"]' in toml[public_at:] and
          "public_min = 5 " in toml[public_at:],
          "hub.toml opens phone votes and hall-01's public page")
    with open(os.path.join(hub_dir, "hub.toml"), "w", encoding="utf-8") as f:
        f.write(toml)
    subprocess.run([CTL, "keygen", "--out", os.path.join(work, "admin.pem"), "--public-out",
                    os.path.join(work, "admin.pub")], check=True, stderr=subprocess.DEVNULL)
    subprocess.run([HUB, "key", "add", "--dir", hub_dir, "--key-id", "admin-2026", os.path.join(work, "admin.pub")],
                   check=True, stderr=subprocess.DEVNULL)
    subprocess.run([HUB, "hall", "name", "--dir", hub_dir, "--hall", "hall-01", "--name", "示范街道党群服务中心",
                    "--order", "1"], check=True, stderr=subprocess.DEVNULL)

    def token(*args):
        return subprocess.run([HUB, "token", "create", "--dir", hub_dir] + list(args), check=True,
                              capture_output=True, text=True).stdout.strip()
    admin_token = token("--role", "admin")
    kiosk_token_file = os.path.join(work, "kiosk.token")
    with open(os.open(kiosk_token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(token("--role", "kiosk", "--kiosk-id", "hall-01-k1", "--hall", "hall-01"))

    hub, base, tls = browser_hub.serve(HUB, hub_dir, work)
    signed = os.path.join(work, "list.signed.json")
    subprocess.run([CTL, "list", "sign", os.path.join(ROOT, "config", "demo", "commitments.json"), "--key",
                    os.path.join(work, "admin.pem"), "--key-id", "admin-2026", "--out", signed],
                   check=True, stderr=subprocess.DEVNULL)
    admin_token_file = os.path.join(work, "admin.token")
    with open(os.open(admin_token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
        f.write(admin_token)
    subprocess.run([CTL, "list", "publish", signed, "--hub", base, "--ca", os.path.join(hub_dir, "tls", "ca.pem"),
                    "--token-file", admin_token_file], check=True, stdout=subprocess.DEVNULL)

    config = os.path.join(work, "kiosk.toml")
    with open(config, "w", encoding="utf-8") as f:
        f.write("""[kiosk]
id = "hall-01-k1"
list = "{root}/config/demo/commitments.json"
photo_dir = "{root}/assets/demo/photos"
strings_dir = "{root}/config/strings"

[sync]
hub_url = "{base}"
ca_file = "{hub_dir}/tls/ca.pem"
token_file = "{token}"
deployment = "zibo-zhangdian"
hall = "hall-01"
batch_interval_s = 10

[sync.trusted_keys]
admin-2026 = "{work}/admin.pub"

[panel]
enabled = true

[phone]
enabled = true
public_url = "{base}"
code_lifetime_s = {lifetime}
""".format(root=ROOT, base=base, hub_dir=hub_dir, token=kiosk_token_file, work=work, lifetime=LIFETIME_S))
    kiosk = RealKiosk(KIOSK, work, config, os.path.join(work, "data"), "k1")
    kiosk.wait("^key-registered")  # the hub knows the key the codes are signed with
    kiosk.wait("^list-applied version=1")
    kiosk.wait("^targets screen=attract .*phone-code=")

    # The attract screen's code: the hall's list on the phone, one tap, one vote.
    first = scan(kiosk, "kiosk-attract")
    check(first.startswith(base + "/v/"), "the kiosk's code opens the hub's vote page: " + first[:60])
    browser = Browser(downloads, width=390, height=844)
    browser.emulate(390, 844)
    browser.get(first)
    page = browser.reading_text()
    check("请选择要评价的承诺" in page and "示范街道党群服务中心" in page,
          "the phone shows the hall by name and its commitments")
    english = latin_words(page)
    check(not english, "the phone page is in Chinese (English seen: %s)" % english[:5])
    browser.screenshot(os.path.join(shots, "phone-list-390.png"), full_page=False)
    browser.click_and_wait("ul.choices li:first-child a")
    check("您对这项承诺的兑现情况评价如何" in browser.reading_text(), "a commitment's page asks the question")
    browser.screenshot(os.path.join(shots, "phone-vote-390.png"), full_page=False)
    browser.click_and_wait("button.good")
    check("评价已提交" in browser.reading_text(), "the thank-you page follows the vote")
    browser.screenshot(os.path.join(shots, "phone-thanks-390.png"), full_page=False)
    votes = phone_votes(base, tls, admin_token)
    check(sum(votes.values()) == 1, "the hub's tally has the vote under channel phone: %s" % votes)

    # A commitment's own code: straight to its question; 差 asks why first.
    kiosk.key("Return")
    kiosk.wait("^screen list$")
    kiosk.key("Right", "Return")
    kiosk.wait("^targets screen=detail .*phone-code=")
    second = scan(kiosk, "kiosk-detail")
    browser.get(second)
    check("您对这项承诺的兑现情况评价如何" in browser.reading_text(), "the detail screen's code opens that commitment")
    browser.click_and_wait("button.poor")
    check("请选择不满意的原因" in browser.reading_text(), "差 asks for the reason, as the kiosk does")
    browser.screenshot(os.path.join(shots, "phone-reason-390.png"), full_page=False)
    browser.click_and_wait("fieldset button:first-of-type")
    check("评价已提交" in browser.reading_text(), "the vote with its reason is taken")
    votes = phone_votes(base, tls, admin_token)
    check(sum(votes.values()) == 2 and len(votes) == 2, "two commitments have one phone vote each: %s" % votes)
    browser.get(second)
    check("您已评价过这一项承诺" in browser.reading_text(), "the same phone cannot rate it twice")

    # A forged code (one character of the signature changed) and the first code after its life.
    forged = second[:-5] + ("A" if second[-5] != "A" else "B") + second[-4:]
    browser.get(forged)
    check("请在大厅的评价终端上重新扫描二维码" in browser.reading_text(), "a forged code is refused: scan again")
    browser.screenshot(os.path.join(shots, "phone-refused-390.png"), full_page=False)

    def expired():
        browser.get(first)
        return "二维码已过期" in browser.reading_text()
    wait_for(expired, "the first code to be refused after its %d s" % LIFETIME_S, LIFETIME_S * 4)
    check("请在大厅的评价终端上重新扫描二维码" in browser.reading_text(), "an expired code is refused: scan again")
    check(sum(phone_votes(base, tls, admin_token).values()) == 2, "refused codes counted nothing")

    # A printed poster, for a window without a kiosk: the hall's clerk issues the posters in the
    # console and prints them (A5); a phone scans the printed code off the print page's screenshot
    # and votes; the vote is counted under channel poster, apart from the phones'.
    subprocess.run([HUB, "user", "add", "--dir", hub_dir, "--login", "clerk", "--role", "staff", "--hall", "hall-01"],
                   input="clerk-password-1\n", text=True, check=True, stderr=subprocess.DEVNULL)
    browser.emulate(None)
    browser_hub.SignIn(browser, base)("clerk", "clerk-password-1")
    browser.get(base + "/console/posters")
    page = browser.reading_text()
    check("扫码海报" in page and "未生成" in page, "the clerk's posters page lists the hall's commitments, none issued")
    browser.click_and_wait("div.actions form button")
    check("有效至" in browser.reading_text() and "未生成" not in browser.reading_text(),
          "issuing gives every commitment a poster")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "posters.png"), ("clerk",))  # the login
    browser.get(base + "/console/posters/print?hall=hall-01&size=a5")
    check("手机扫码评价" in browser.reading_text(), "the print view has the posters")
    poster_shot = os.path.join(shots, "poster-a5.png")
    browser.screenshot(poster_shot, full_page=True)
    read = subprocess.run(["zbarimg", "--raw", "-q", poster_shot], capture_output=True, text=True)
    poster_url = read.stdout.split()[0] if read.stdout.split() else ""
    check(poster_url.startswith(base + "/v/p."), "the printed poster's code opens the hub's vote page: " + poster_url)
    browser.emulate(390, 844)
    browser.get(poster_url)
    check("您对这项承诺的兑现情况评价如何" in browser.reading_text(), "a poster's code opens its commitment")
    browser.screenshot(os.path.join(shots, "poster-vote-390.png"), full_page=False)
    browser.click_and_wait("button.good")
    check("评价已提交" in browser.reading_text(), "the poster's vote is taken")
    check(sum(phone_votes(base, tls, admin_token, "poster").values()) == 1, "the hub counts it under channel poster")
    check(sum(phone_votes(base, tls, admin_token).values()) == 2, "and not under channel phone")

    # A 评议会: the hall's leader creates a panel (two deputies, one service user), prints the slips,
    # a panelist opens the ballot from the slip's QR on a phone at 390 px and grades; the results
    # show the participation, and the panel's grades are not in the public tally.
    subprocess.run([HUB, "user", "add", "--dir", hub_dir, "--login", "leader", "--role", "leader", "--hall", "hall-01"],
                   input="leader-password-1\n", text=True, check=True, stderr=subprocess.DEVNULL)
    browser.emulate(None)
    browser.get(base + "/console/")
    browser.click_and_wait("header.top form button")  # the clerk signs out
    browser_hub.SignIn(browser, base)("leader", "leader-password-1", screenshots=os.path.join(shots, "leader"))
    browser.get(base + "/console/panels")
    browser.type("input[name=title]", "2026年下半年评议会")
    browser.type("textarea[name=seats_npc_deputy]", "张代表\n刘代表")
    browser.type("textarea[name=seats_client]", "李大姐")
    # Two commitments to grade: what the kiosk's ballot shows without scrolling.
    browser.run("document.querySelectorAll('input[name^=item_]').forEach((e, i) => { e.checked = i < 2; });")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "panel-new.png"), ("leader",))
    before_panel = sum(phone_votes(base, tls, admin_token, "all").values())
    browser.click_and_wait("form.panel-new button[type=submit]")
    check("评议码只显示这一次" in browser.reading_text(), "the slips page shows the codes once")
    slips_shot = os.path.join(shots, "panel-slips.png")
    browser.screenshot(slips_shot, full_page=True)
    scanned = subprocess.run(["zbarimg", "--raw", "-q", slips_shot], capture_output=True, text=True).stdout.split()
    check(len(scanned) == 3 and all(u.startswith(base + "/v/panel/") for u in scanned),
          "each slip's QR code opens a panel ballot (%d read)" % len(scanned))
    results_href = browser.run("return document.querySelector('.print-bar a').getAttribute('href');")
    browser.emulate(390, 844)
    browser.get(scanned[0] if scanned else base)
    check("不评" in browser.reading_text() and "较好" in browser.reading_text(), "the ballot offers the four grades and 不评")
    browser.screenshot(os.path.join(shots, "panel-ballot-390.png"), full_page=True)
    for radio in browser.run("return Array.from(document.querySelectorAll('input[value=fair]')).map(e => e.name);"):
        browser.click("input[name='%s'][value=fair]" % radio)
    browser.click_and_wait("button[type=submit]")
    check("评议已提交" in browser.reading_text(), "the panelist's ballot is taken")
    browser.get(scanned[0] if scanned else base)
    check("只能投一次" in browser.reading_text(), "the slip's code does not vote twice")
    check(sum(phone_votes(base, tls, admin_token, "all").values()) == before_panel,
          "the panel's grades are not in the public tally")
    # The second slip on the real kiosk: 评议会代表入口 on the attract screen, the code typed on the
    # pad, each commitment graded (差, 不评), sent once; the same code again is refused.
    kiosk_code = scanned[1].rsplit("/", 1)[-1] if len(scanned) > 1 else "0000000000"
    attracts = kiosk.count("^screen attract$")
    kiosk.key("Escape", "Escape")  # from the detail screen the resident left, back to the attract screen
    kiosk.wait_count("^screen attract$", attracts + 1)
    kiosk.wait("^targets screen=attract .*panel:enter=")
    kiosk.click("attract", "panel:enter")
    kiosk.wait("^targets screen=panel .*panel-key:ok=")

    def type_code(code):
        for digit in code:
            kiosk.click("panel", "panel-key:" + digit)
        kiosk.click("panel", "panel-key:ok")

    type_code(kiosk_code)
    kiosk.wait("^panel-answer ticket=\\d+ status=200")
    kiosk.wait("^targets screen=panel .*panel:item1:skip=")
    kiosk.screenshot(os.path.join(shots, "kiosk-panel-ballot.png"))
    kiosk.click("panel", "panel:item0:poor")
    kiosk.click("panel", "panel:item1:skip")
    kiosk.click("panel", "panel:submit")
    kiosk.wait("^panel-answer ticket=\\d+ status=201")
    kiosk.wait("^targets screen=panel .*panel:next=")
    kiosk.screenshot(os.path.join(shots, "kiosk-panel-thanks.png"))
    pads = kiosk.count("^targets screen=panel .*panel-key:ok=")
    kiosk.click("panel", "panel:next")
    kiosk.wait_count("^targets screen=panel .*panel-key:ok=", pads + 1)
    type_code(kiosk_code)
    kiosk.wait("^panel-answer ticket=\\d+ status=410 problem=panel.used")
    check(kiosk.count("^panel-answer .*status=201") == 1, "the kiosk's ballot was counted once")
    check(sum(phone_votes(base, tls, admin_token, "all").values()) == before_panel,
          "the kiosk's panel ballot is not in the public tally either")
    kiosk.click("panel", "back")
    kiosk.wait("^screen attract$")

    browser.emulate(None)
    browser.get(base + results_href)
    check("2 / 3" in browser.reading_text(), "the results page shows two ballots of three (phone and kiosk)")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "panel-results.png"), ("leader",))

    # The panel goes into the year's 评选: the leader closes it, opens 年度评选 and downloads the
    # report; read back as Excel reads it, each evaluation has its own column.
    browser.click_and_wait("form.inline button[type=submit]")  # 结束评议
    browser.get(base + "/console/selection?hall=hall-01")
    selection = browser.reading_text()
    check("年度评选汇总" in selection and "示范岗" in selection and "权重：群众评价 60%" in selection,
          "the selection names its awards and prints the hall's weights")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "selection.png"), ("leader",))
    browser.click("p.actions a[href*='format=xlsx']")
    report = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "*年度评选汇总*.xlsx")) if zipfile.is_zipfile(p)],
                      "the selection's workbook")[0]
    header = subprocess.run(["/usr/bin/python3", "-c",
                             "import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
                             "print('|'.join(str(c.value) for c in ws[2]))", report],
                            capture_output=True, text=True, check=True).stdout.strip()
    check(all(c in header.split("|") for c in ("评价人次", "满意率", "评议会（好及较好）", "党员互评（好及较好）",
                                               "领导点评", "本期立案", "已销号", "综合得分")),
          "the XLSX has each evaluation in its own column: " + header)

    # 征求意见: the leader opens a suggestion period for the hall; a resident scans the kiosk's code,
    # taps 提建议 on the phone and writes one; the leader accepts it; the administrator cites it by
    # number in the 群众意见 column of the current list's workbook, signs and publishes version 2;
    # the kiosk takes it and its detail page shows 群众意见：….
    browser.get(base + "/console/suggestions?hall=hall-01")
    browser.click_and_wait("form.suggestions-open button[type=submit]")
    check("正在征求意见：" in browser.reading_text(), "the leader opened a suggestion period")
    browser.emulate(390, 844)
    browser.get(scan(kiosk, "kiosk-attract-suggest"))
    check("提建议" in browser.reading_text(), "the phone vote page offers 提建议 while the period is open")
    browser.screenshot(os.path.join(shots, "phone-list-suggest-390.png"), full_page=False)
    browser.click_and_wait(".suggest a.button")
    browser.type("textarea[name=text]", "希望周六上午也能办理社保业务，上班族请不了假")
    browser.screenshot(os.path.join(shots, "phone-suggest-390.png"), full_page=True)
    browser.click_and_wait("form.suggestion button[type=submit]")
    thanks = browser.reading_text()
    check("感谢您的建议" in thanks and "意见编号" in thanks, "the suggestion is received, thanked as one, with its number")
    browser.screenshot(os.path.join(shots, "phone-suggest-thanks-390.png"), full_page=False)
    number = thanks.split("意见编号", 1)[1].strip().split("）", 1)[0].strip() if "意见编号" in thanks else "0"
    browser.emulate(None)
    browser.get(base + "/console/suggestions?hall=hall-01")
    check("希望周六上午也能办理社保业务" in browser.reading_text(), "the leader reads the suggestion")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "suggestions.png"), ("leader",))
    browser.click_and_wait("form.decide button[value=accept]")
    check("尚未写入承诺" in browser.reading_text(), "accepted, and not yet answered by a commitment")
    browser.click_and_wait("header.top form button")  # the leader signs out
    subprocess.run([HUB, "user", "add", "--dir", hub_dir, "--login", "chief", "--role", "admin"],
                   input="chief-password-1\n", text=True, check=True, stderr=subprocess.DEVNULL)
    browser_hub.SignIn(browser, base)("chief", "chief-password-1", screenshots=os.path.join(shots, "chief"))
    browser.get(base + "/console/admin/lists?hall=hall-01")
    check("本厅已采纳的群众意见" in browser.reading_text(), "the accepted suggestion is beside the list upload")
    browser.click("a.button[href*='template?hall=hall-01']")
    workbook = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "承诺清单-*第1版.xlsx"))
                                 if zipfile.is_zipfile(p)], "the current list's workbook")[0]
    subprocess.run(["/usr/bin/python3", "-c",
                    "import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.active\n"
                    "assert ws['L1'].value == '群众意见' and ws['A2'].value == 'c-0001', (ws['L1'].value, ws['A2'].value)\n"
                    "ws['L2'] = sys.argv[2]; wb.save(sys.argv[1])", workbook, number], check=True)
    browser.type("form.list-upload input[name=file]", workbook)
    browser.click_and_wait("form.list-upload button[type=submit]")
    preview = browser.reading_text()
    check("群众意见：希望周六上午也能办理社保业务" in preview and "本草稿回应了 1 条已采纳意见" in preview,
          "the draft's preview shows the commitment citing the suggestion")
    check("修改 1 项" in preview, "the citation is a change against version 1, shown before signing")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "list-draft-answers.png"), ("chief",))
    browser.click("ol.steps a.button")
    def whole_json(path):  # Chromium may show the file under its name before the last byte is written
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except ValueError:
            return None
    unsigned = wait_for(lambda: [p for p in glob.glob(os.path.join(downloads, "commitment-list-hall-01-v2.json"))
                                 if whole_json(p)], "the unsigned version 2")[0]
    cited = whole_json(unsigned)["commitments"][0].get("answers", [])
    check(cited == [{"number": int(number), "text": "希望周六上午也能办理社保业务，上班族请不了假"}],
          "the list to sign cites the suggestion by number and text: %s" % cited)
    signed_v2 = os.path.join(work, "list-v2.signed.json")
    subprocess.run([CTL, "list", "sign", unsigned, "--key", os.path.join(work, "admin.pem"), "--key-id", "admin-2026",
                    "--out", signed_v2], check=True, stderr=subprocess.DEVNULL)
    browser.type("form.list-publish input[name=file]", signed_v2)
    browser.click_and_wait("form.list-publish button[type=submit]")
    check("已发布版本 2" in browser.text(), "version 2, citing the suggestion, is published")
    problems = kiosk.count("^layout-problem")
    lists, details = kiosk.count("^targets screen=list "), kiosk.count("^targets screen=detail ")
    kiosk.wait("^list-applied version=2", 120)  # the kiosk looks every minute, switches on its attract screen
    kiosk.click("attract", "start")
    kiosk.wait_count("^targets screen=list ", lists + 1)
    kiosk.click("list", "card:0")
    kiosk.wait_count("^targets screen=detail ", details + 1)
    check(kiosk.count("^layout-problem") == problems, "the detail page with 群众意见 lays out cleanly")
    kiosk.screenshot(os.path.join(shots, "kiosk-detail-answers.png"))
    browser.get(base + "/console/suggestions?hall=hall-01")
    check("社保业务一次办好" in browser.reading_text(), "the console names the commitment that answers the suggestion")
    browser.click_and_wait("header.top form button")  # the administrator signs out

    # The public page: three votes are under its minimum of 5, so no commitment is shown.
    browser.emulate(None)
    browser.get(base + "/public/hall-01")
    public = browser.reading_text()
    check("示范街道党群服务中心公开承诺评价结果" in public, "the public page names the hall")
    check("评价不足 5 人次的承诺暂不公开" in public and "%" not in public,
          "the public page shows no commitment under the minimum, and no figure")
    screenshots_fit_a_phone(check, browser, os.path.join(shots, "public-hall.png"))
except Exception as e:  # the checks so far stand; the error is one more failure
    failures.append("error: %s" % e)
    print("FAIL error: %s" % e, flush=True)
    for name in ("hub.log", "k1.journal", "k1.stderr"):
        path = os.path.join(work, name)
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                print("---- " + path + "\n" + f.read()[-3000:], flush=True)
finally:
    if kiosk:
        kiosk.stop()
    shut_down(browser, hub, work)
exit_with(failures)
