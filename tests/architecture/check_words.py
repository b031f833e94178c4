#!/usr/bin/python3
"""The hub's words files against the code: every key the C++ (t["key"]) and the templates
({{t.key}}) look up is in zh-CN.toml, the language every other falls back to; no other language
has a key zh-CN.toml lacks (a misspelt key would never be shown); a text's {placeholders} are the
same in every language. Prints each mistake with its file; exits 1 if there is any."""
import pathlib
import re
import sys
import tomllib

root = pathlib.Path(sys.argv[1])
words = root / "sync/hub/core/words"
langs = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(words.glob("*.toml"))}
zh = langs.get("zh-CN")
mistakes = []
if zh is None:
    mistakes.append(f"{words}/zh-CN.toml is missing")
    zh = {}
used = {}
for path in (root / "sync/hub").rglob("*"):
    if path.suffix in (".cpp", ".hpp"):
        keys = re.findall(r'\bt\["([a-z_0-9]+)"\]', path.read_text(encoding="utf-8"))
    elif path.suffix == ".mustache":
        keys = re.findall(r"\{\{[#^/]?t\.([a-z_0-9]+)\}\}", path.read_text(encoding="utf-8"))
    else:
        continue
    for k in keys:
        used.setdefault(k, path.relative_to(root))
for key, where in sorted(used.items()):
    if key not in zh:
        mistakes.append(f"{where}: looks up '{key}', which zh-CN.toml does not have")
for lang, table in langs.items():
    for key, text in table.items():
        if not isinstance(text, str):
            mistakes.append(f"{lang}.toml: {key} is not a text")
        elif lang != "zh-CN" and key not in zh:
            mistakes.append(f"{lang}.toml: {key} is not in zh-CN.toml (misspelt, or never shown)")
        elif lang != "zh-CN" and set(re.findall(r"\{[a-z_]+\}", text)) != set(re.findall(r"\{[a-z_]+\}", zh[key])):
            mistakes.append(f"{lang}.toml: {key} has other {{placeholders}} than zh-CN.toml's")
for m in mistakes:
    print(m)
if mistakes:
    sys.exit(1)
print(f"{len(used)} keys used, all in zh-CN.toml; {', '.join(sorted(langs))} agree")
