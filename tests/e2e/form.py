#!/usr/bin/env python3
"""form.py PAGE.html ACTION [NAME=VALUE | +NAME=VALUE | -NAME=VALUE | !NAME] ...

Fills in the form of PAGE.html whose action is ACTION the way a browser submits it (inputs
with their values, checked check boxes, each select's selected option or its first, text
areas), applies the changes (NAME=VALUE sets, +NAME=VALUE adds a value, -NAME=VALUE removes
one, !NAME drops every field of that name) and prints the urlencoded body."""
import sys
import urllib.parse
from html.parser import HTMLParser


class Forms(HTMLParser):
    def __init__(self, action):
        super().__init__(convert_charrefs=True)
        self.action, self.on, self.fields = action, False, []
        self.select = None
        self.text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.on = a.get("action") == self.action
        if not self.on:
            return
        if tag == "input" and "name" in a:
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self.fields.append([a["name"], a.get("value", "")])
        elif tag == "select":
            self.select = [a.get("name"), None, None]
        elif tag == "option" and self.select is not None:
            v = a.get("value", "")
            if self.select[1] is None:
                self.select[1] = v
            if "selected" in a:
                self.select[2] = v
        elif tag == "textarea":
            self.text = [a.get("name"), ""]

    def handle_data(self, data):
        if self.text is not None:
            self.text[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.on = False
        elif tag == "select" and self.select is not None:
            s = self.select
            self.fields.append([s[0], s[2] if s[2] is not None else (s[1] or "")])
            self.select = None
        elif tag == "textarea" and self.text is not None:
            self.fields.append(self.text)
            self.text = None


def main():
    page, action = sys.argv[1], sys.argv[2]
    p = Forms(action)
    p.feed(open(page, encoding="utf-8").read())
    if not p.fields:
        sys.exit("form.py: no form with action %s in %s" % (action, page))
    f = p.fields
    for ch in sys.argv[3:]:
        if ch.startswith("!"):
            f = [x for x in f if x[0] != ch[1:]]
            continue
        name, _, value = ch.partition("=")
        if name.startswith("+"):
            f.append([name[1:], value])
        elif name.startswith("-"):
            f = [x for x in f if not (x[0] == name[1:] and x[1] == value)]
        else:
            hit = [x for x in f if x[0] == name]
            if hit:
                hit[0][1] = value
            else:
                f.append([name, value])
    sys.stdout.write(urllib.parse.urlencode([(k, v) for k, v in f]))


main()
