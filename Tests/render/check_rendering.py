#!/usr/bin/env python3
"""Renders gzq's charts and HTML report with real viewers and checks what they drew.

Usage: check_rendering.py GZQ_BINARY OUTPUT_DIR   (run from the repository root; `make test`
runs it as `make render-check`, after installing xmllint, rsvg-convert, Chromium and a CJK font).

What is checked, and why each check can fail:
- SVG: `xmllint --noout` accepts it; the labels (title, prefectures, years, percent ticks) are
  `<text>` elements.
- SVG rendered by rsvg-convert, HTML rendered by headless Chromium:
  * the chart area is not blank: each series' colour covers a minimum of pixels in the plot;
  * Chinese glyphs are drawn, not the boxes of a missing font: the same file is rendered a second
    time with a fontconfig that offers only DejaVu (no Han glyphs: that rendering shows tofu), and
    the title region must differ clearly between the two. Were the CJK font missing, both
    renderings would be the same boxes and the check would fail;
  * the page makes no request: Chromium's net log, filtered to requests made by the page (those
    whose network isolation key is the file:// page), must be empty, while a control page with one
    http image must show exactly that request (so the filter is known to see page requests); and
    the HTML has no http/https text and no src/href/url() reference at all.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib

SVG_NS = "{http://www.w3.org/2000/svg}"
PALETTE = [(0x4E, 0x79, 0xA7), (0xF2, 0x8E, 0x2B), (0xE1, 0x57, 0x59)]
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def run(args, env=None):
    result = subprocess.run(args, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(args)}\n{result.stdout}{result.stderr}")
    return result


def read_png(path):
    """(width, height, rows of (r, g, b)) for 8-bit RGB/RGBA non-interlaced PNGs."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height = int.from_bytes(header[0:4], "big"), int.from_bytes(header[4:8], "big")
    depth, color, interlace = header[8], header[9], header[12]
    assert depth == 8 and color in (2, 6) and interlace == 0, f"{path}: unsupported PNG (depth {depth}, colour {color})"
    channels = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, k = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[k]
        line = bytearray(raw[k + 1:k + 1 + stride])
        k += 1 + stride
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def count_colour(rows, box, colour, tolerance=40):
    x0, y0, x1, y1 = box
    return sum(1 for row in rows[y0:y1] for p in row[x0:x1] if sum(abs(p[i] - colour[i]) for i in range(3)) <= tolerance)


def ink(rows, box):
    x0, y0, x1, y1 = box
    return [[sum(p) < 600 for p in row[x0:x1]] for row in rows[y0:y1]]


def differing(a, b):
    return sum(1 for ra, rb in zip(a, b) for pa, pb in zip(ra, rb) if pa != pb)


def no_cjk_environment(out):
    """An environment whose fontconfig offers only DejaVu: Han characters render as tofu."""
    conf = os.path.join(out, "fonts-no-cjk.conf")
    with open(conf, "w") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                "<dir>/usr/share/fonts/truetype/dejavu</dir>\n"
                f"<cachedir>{out}/fc-cache-no-cjk</cachedir>\n</fontconfig>\n")
    env = dict(os.environ, FONTCONFIG_FILE=conf)
    listed = run(["fc-list", ":lang=zh"], env=env).stdout.strip()
    if listed or not os.path.isdir("/usr/share/fonts/truetype/dejavu"):
        sys.exit(f"cannot build the no-CJK control: DejaVu missing or CJK fonts still listed: {listed!r}")
    return env


def check_svg(path, labels, out, no_cjk):
    name = os.path.basename(path)
    run(["xmllint", "--noout", path])
    check(True, f"{name}: xmllint --noout accepts it")
    texts = ["".join(t.itertext()) for t in ET.parse(path).getroot().iter(SVG_NS + "text")]
    missing = [label for label in labels if label not in texts]
    check(not missing, f"{name}: labels are <text> elements (missing: {missing})")
    png, tofu = os.path.join(out, name + ".png"), os.path.join(out, name + ".no-cjk.png")
    run(["rsvg-convert", "-w", "800", "-h", "450", "-b", "white", path, "-o", png])
    run(["rsvg-convert", "-w", "800", "-h", "450", "-b", "white", path, "-o", tofu], env=no_cjk)
    return read_png(png)[2], read_png(tofu)[2]


def chromium(page, png, netlog, env=None, height=2000):
    args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--window-size=900,{height}",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--host-resolver-rules=MAP * ~NOTFOUND", f"--log-net-log={netlog}", f"--screenshot={png}",
            "file://" + os.path.abspath(page)]
    run(args, env=env)
    return read_png(png)[2]


def page_requests(netlog):
    """URLs the page itself requested (network isolation key of the file:// page); the browser's
    own background requests carry other keys."""
    text = open(netlog).read().rstrip()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        # A log cut short at exit lacks its closing brackets.
        log = json.loads(text.rstrip(",") + "]}")
    urls = set()
    for event in log.get("events", []):
        params = event.get("params") or {}
        if "url" in params and str(params.get("network_isolation_key", "")).startswith("file://"):
            urls.add(params["url"])
    return sorted(urls)


def find_colour_box(rows, colour, tolerance=40):
    """Bounding box (x0, y0, x1, y1) of pixels near `colour`, or None."""
    xs, ys = [], []
    for y, row in enumerate(rows):
        for x, p in enumerate(row):
            if sum(abs(p[i] - colour[i]) for i in range(3)) <= tolerance:
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs) + 1, max(ys) + 1) if xs else None


def main():
    gzq, out = sys.argv[1], os.path.abspath(sys.argv[2])
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    no_cjk = no_cjk_environment(out)
    run([gzq, "Tests/render/charts.gzq", out])

    # The line chart: three prefectures with a percent axis, a legend and a Chinese title.
    title_box = (200, 5, 600, 40)
    plot_box = (60, 60, 640, 400)
    rows, tofu = check_svg(os.path.join(out, "line.svg"),
                           ["纠错率（2017—2021年）", "贵阳市", "遵义市", "毕节市", "2017", "2021", "20.0%"], out, no_cjk)
    for k, colour in enumerate(PALETTE):
        n = count_colour(rows, plot_box, colour)
        check(n > 300, f"line.svg rendered: series {k + 1} drawn in the plot ({n} pixels of its colour)")
    changed = differing(ink(rows, title_box), ink(tofu, title_box))
    check(changed > 400, f"line.svg rendered: the Chinese title is drawn with a CJK font ({changed} pixels differ from the no-CJK rendering)")
    legend_box = (640, 40, 800, 140)
    changed = differing(ink(rows, legend_box), ink(tofu, legend_box))
    check(changed > 150, f"line.svg rendered: the legend's Chinese names are drawn with a CJK font ({changed} pixels differ)")

    rows, tofu = check_svg(os.path.join(out, "bar.svg"), ["纠错率变化（百分点）", "贵阳市", "毕节市", "-10.18", "0.00"], out, no_cjk)
    n = count_colour(rows, plot_box, PALETTE[0])
    check(n > 3000, f"bar.svg rendered: the bars are drawn ({n} pixels of the bar colour)")
    axis_box = (60, 390, 640, 420)
    changed = differing(ink(rows, axis_box), ink(tofu, axis_box))
    check(changed > 150, f"bar.svg rendered: Chinese category labels are drawn with a CJK font ({changed} pixels differ)")

    # The sample report as a page.
    page = os.path.join(out, "report.html")
    run([gzq, "Samples/report.gzq", page])
    html = open(page, encoding="utf-8").read()
    check("http" not in html.lower(), "report.html: no http/https text at all")
    refs = re.findall(r'\b(?:src|href|xlink:href|srcset|poster|action)\s*=|url\(|@import|<link\b|<script\b|<iframe\b|<img\b', html, re.I)
    check(not refs, f"report.html: no reference to another file or URL ({refs})")
    check('<meta charset="utf-8">' in html and "WenQuanYi Micro Hei" in html, "report.html: declares UTF-8 and a CJK font stack")

    rows = chromium(page, os.path.join(out, "report.png"), os.path.join(out, "report.netlog.json"))
    requests = page_requests(os.path.join(out, "report.netlog.json"))
    check(not requests, f"report.html in Chromium: the page made no request ({requests})")
    control = os.path.join(out, "control.html")
    with open(control, "w") as f:
        f.write('<!DOCTYPE html><meta charset="utf-8"><p>control</p><img src="http://example.invalid/x.png">\n')
    chromium(control, os.path.join(out, "control.png"), os.path.join(out, "control.netlog.json"), height=300)
    seen = page_requests(os.path.join(out, "control.netlog.json"))
    check(seen == ["http://example.invalid/x.png"], f"control page in Chromium: its one http image is seen by the request check ({seen})")

    tofu = chromium(page, os.path.join(out, "report.no-cjk.png"), os.path.join(out, "report.no-cjk.netlog.json"), env=no_cjk)
    heading = (0, 0, 900, 90)
    changed = differing(ink(rows, heading), ink(tofu, heading))
    check(changed > 1500, f"report.html in Chromium: the Chinese heading is drawn with a CJK font ({changed} pixels differ from the no-CJK rendering)")
    box = find_colour_box(rows, PALETTE[0])
    check(box is not None and box[2] - box[0] > 300 and box[3] - box[1] > 100,
          f"report.html in Chromium: the charts are drawn (first series colour spans {box})")
    for k, colour in enumerate(PALETTE):
        n = count_colour(rows, (0, 0, 900, 2000), colour)
        check(n > 300, f"report.html in Chromium: series {k + 1} drawn ({n} pixels of its colour)")

    if failures:
        sys.exit(f"\n{len(failures)} rendering check(s) failed; the renderings are in {out}")
    print(f"\nrendering checks passed; renderings in {out}")


main()
