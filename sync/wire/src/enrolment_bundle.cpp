#include "wire/enrolment_bundle.hpp"

#include <algorithm>

namespace wire {

namespace {

// A TOML basic string: the values here are ids, URLs and our own paths, but quote properly anyway.
std::string tomlString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The kiosk's whole configuration, in the order a technician reads it. Every comment is Chinese:
// the people who open this file are the hall's technicians, not the developers.
std::string kioskToml(const Enrolment& e, const BundleOptions& o) {
  const std::string hall = o.hallName.empty() ? e.hall : o.hallName + "（" + e.hall + "）";
  const std::string share = o.installedShare;
  std::string t;
  t += "# 评价终端 " + e.kioskId + " 的配置文件，所属大厅：" + hall + "。由管理平台生成。\n";
  t += "# 把本文件夹中的全部内容（kiosk.toml 和 hub 文件夹）复制到终端的 /etc/commitment-kiosk/ 即可；\n";
  t += "# 文件中的相对路径都相对于本文件所在的文件夹。修改后重新启动终端生效。\n\n";
  t += "[kiosk]\n";
  t += "id = " + tomlString(e.kioskId) + "\n";
  if (!o.listJson.empty()) {
    t += "# 首次联网前显示的承诺清单：平台现行的第 " + std::to_string(o.listVersion) +
         " 版。联网后以平台下发的签名清单为准。\n";
    t += "list = \"hub/commitments.json\"\n";
  } else {
    t += "# 本大厅尚未在平台发布承诺清单：联网前先显示安装包自带的示例清单。请尽快在平台发布清单，\n";
    t += "# 终端联网后会自动换用。\n";
    t += "list = " + tomlString(share + "/config/demo/commitments.json") + "\n";
  }
  t += "strings_dir = " + tomlString(share + "/config/strings") + "    # 界面文字，随安装包提供\n\n";
  t += "[display]\n";
  t += "language = \"zh-CN\"\n";
  t += "hide_cursor = true                 # 触摸屏：不显示鼠标指针\n";
  t += "# dpi = 96                         # 屏幕每英寸像素数（横向像素 ÷ 屏幕宽度英寸），使每个按钮不小于 15 毫米\n\n";
  t += "# 开放时间（当地时间）：开放时间以外终端显示“休息中”，不接受评价。不写 [hours] 则全天开放；\n";
  t += "# 写了则未列出的日子不开放。请按本大厅的实际时间修改，再去掉下面各行行首的“#”。\n";
  t += "# [hours]\n";
  for (const char* day : {"monday", "tuesday", "wednesday", "thursday", "friday"})
    t += "# " + std::string(day) + " = \"08:30-12:00,13:30-17:30\"\n";
  t += "# saturday = \"\"\n# sunday = \"\"\n\n";
  t += "[staff]\n";
  t += "# 工作人员模式：按住待机画面左上角 5 秒，再输入 PIN。PIN 用 kioskctl pin-hash 生成哈希后填在下面；\n";
  t += "# 不填则工作人员模式关闭。\n";
  t += "# pin_hash = \"\"\n";
  t += "export_dir = \"/media/kiosk-usb\"   # 导出评价数据时 U 盘的挂载位置\n\n";
  t += "[sync]\n";
  t += "# 管理平台的地址：终端通过它上传评价、获取清单。多台平台共用一个数据库时，用逗号分隔列出全部地址。\n";
  t += "hub_url = " + tomlString(o.hubUrl) + "\n";
  t += "ca_file = \"hub/ca.pem\"             # 平台证书的签发机构\n";
  t += "token_file = \"hub/kiosk-token\"     # 本终端的访问令牌：请勿外传\n";
  t += "deployment = " + tomlString(e.deployment) + "\n";
  t += "hall = " + tomlString(e.hall) + "\n\n";
  t += "[sync.trusted_keys]                # 管理员公钥：终端只接受用这些密钥签名的清单\n";
  for (const auto& [keyId, pem] : e.trustedKeys) t += keyId + " = " + tomlString("hub/keys/" + keyId + ".pem") + "\n";
  return t;
}

}  // namespace

bool isHubUrlList(std::string_view urls) {
  if (urls.empty() || urls.size() > 1000) return false;
  std::size_t start = 0;
  while (start <= urls.size()) {
    const std::size_t comma = std::min(urls.find(',', start), urls.size());
    std::string_view url = urls.substr(start, comma - start);
    while (!url.empty() && url.front() == ' ') url.remove_prefix(1);
    while (!url.empty() && url.back() == ' ') url.remove_suffix(1);
    if (url.size() <= 8 || url.size() > 200 || url.substr(0, 8) != "https://" ||
        url.find_first_of("\"\\ \n\r\t") != std::string_view::npos)
      return false;
    start = comma + 1;
  }
  return true;
}

std::vector<BundleFile> enrolmentBundle(const Enrolment& e, const BundleOptions& o) {
  std::vector<BundleFile> files;
  files.push_back({"kiosk.toml", kioskToml(e, o), false});
  files.push_back({"hub/kiosk-token", e.token + "\n", true});
  files.push_back({"hub/ca.pem", o.caPem, false});
  for (const auto& [keyId, pem] : e.trustedKeys) files.push_back({"hub/keys/" + keyId + ".pem", pem, false});
  if (!o.listJson.empty()) files.push_back({"hub/commitments.json", o.listJson, false});
  const std::string hall = o.hallName.empty() ? e.hall : o.hallName;
  files.push_back(
      {"安装说明.txt",
       "评价终端 " + e.kioskId + "（" + hall +
           "）接入说明\r\n\r\n"
           "1. 在终端上安装 commitment-kiosk 软件包。\r\n"
           "2. 把本文件夹中的全部内容（kiosk.toml 和 hub 文件夹）复制到终端的 /etc/commitment-kiosk/，\r\n"
           "   然后运行：chown -R kiosk /etc/commitment-kiosk/hub && chmod 600 "
           "/etc/commitment-kiosk/hub/kiosk-token\r\n"
           "3. 按需修改 kiosk.toml：本大厅的开放时间（[hours]）和工作人员 PIN（[staff]），文件中有说明。\r\n"
           "4. 运行 systemctl enable --now commitment-kiosk 启动终端。终端首次联网时会向平台登记本机的签名公钥，\r\n"
           "   此后每批评价数据都带有本机签名；平台“设备状态”页会显示它已连接。\r\n\r\n"
           "hub/kiosk-token 是本终端的访问令牌，请勿外传；复制完成后请从 U 盘删除本文件夹。\r\n",
       false});
  return files;
}

}  // namespace wire
