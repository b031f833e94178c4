#include "bench_list.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>

namespace bench {

std::string makeLargeList(const std::string& demoListJson, int count) {
  using nlohmann::json;
  json doc = json::parse(demoListJson);
  const json demo = doc["commitments"];
  // Surnames and given-name characters as a real hall's roster would have them.
  static constexpr std::array<const char*, 24> kSurnames{"王", "李", "张", "刘", "陈", "杨", "赵", "黄",
                                                         "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
                                                         "何", "郭", "马", "罗", "梁", "宋", "郑", "谢"};
  static constexpr std::array<const char*, 32> kGiven{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇",
                                                      "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂",
                                                      "英", "华", "建", "国", "志", "红", "玉", "兰", "文", "辉"};
  json items = json::array();
  for (int i = 0; i < count; ++i) {
    json c = demo[static_cast<std::size_t>(i) % demo.size()];
    char id[16];
    std::snprintf(id, sizeof id, "b-%05d", i);
    c["id"] = id;
    if (c["holder"]["kind"] == "person") {
      const auto u = static_cast<std::size_t>(i);
      c["holder"]["name"] = std::string(kSurnames[u % kSurnames.size()]) + kGiven[(u / 3) % kGiven.size()] +
                            kGiven[(u / 7 + 5) % kGiven.size()];
    }
    c["title"] = c["title"].get<std::string>() + "（第" + std::to_string(i + 1) + "项）";
    if (c.contains("photo")) c.erase("photo");  // photos are loaded lazily; text is what scales
    items.push_back(std::move(c));
  }
  doc["commitments"] = std::move(items);
  return doc.dump();
}

}  // namespace bench
