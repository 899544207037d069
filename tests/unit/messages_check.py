#!/usr/bin/env python3
"""Every sentence in installer/messages.h is complete and in use.

For each `inline constexpr Text kName{"english", "中文"}`: both texts are non-empty, they have
the same number of "{}" placeholders (Say fills them in order, so a translation with one less
would drop an argument), the Chinese text is not the English one, and kName is used somewhere in
installer/ or platform/ (an unused sentence is a translation nobody checks).
Usage: messages_check.py SOURCE_DIR
"""
import os
import re
import sys

# The initialiser: string literals and commas only, so a "};" inside a text does not end it.
ENTRY = re.compile(r'inline constexpr Text (k\w+)\s*\{((?:\s*"(?:[^"\\]|\\.)*"\s*,?)*)\s*\};')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def texts(body):
    """The two arguments of the brace initialiser, each joined from adjacent literals."""
    parts, current = [], []
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|,', body):
        if token.group(0) == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(LITERAL.match(token.group(0)).group(1))
    parts.append("".join(current))
    return parts


def main():
    src = sys.argv[1]
    header = os.path.join(src, "installer", "messages.h")
    with open(header, encoding="utf-8") as f:
        text = f.read()
    entries = ENTRY.findall(text)
    failures = []
    if len(entries) < 10:
        failures.append("found only %d messages in %s: the parser is out of date" % (len(entries), header))
    code = []
    for top in ("installer", "platform"):
        for dirpath, _, files in os.walk(os.path.join(src, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                if name.endswith((".cpp", ".h")) and path != header:
                    with open(path, encoding="utf-8", errors="replace") as f:
                        code.append(f.read())
    code = "\n".join(code)
    for name, body in entries:
        parts = texts(body)
        if len(parts) != 2:
            failures.append("%s: expected an English and a Chinese text, found %d" % (name, len(parts)))
            continue
        en, zh = parts
        if not en.strip() or not zh.strip():
            failures.append("%s: an empty text" % name)
        if en.count("{}") != zh.count("{}"):
            failures.append("%s: %d placeholders in English, %d in Chinese"
                            % (name, en.count("{}"), zh.count("{}")))
        if en == zh and re.search(r"[A-Za-z]{3}", en):
            failures.append("%s: the Chinese text is the English one" % name)
        if not re.search(r"\b%s\b" % name, code):
            failures.append("%s: not used in installer/ or platform/" % name)
    for f in failures:
        print("FAIL " + f)
    print("%d messages checked, %d problems" % (len(entries), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
