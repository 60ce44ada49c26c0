#!/usr/bin/env python3
"""Validate demo-county.json (Sanxiang seed data for 安和县). Stdlib only.

Usage: python3 check.py [path/to/demo-county.json]
Exits non-zero with a list of failures; prints a summary when everything passes.
"""
import datetime as dt
import json
import os
import re
import sys
from collections import Counter, defaultdict

TODAY = dt.date(2026, 11, 27)
SOON_FROM, SOON_TO = dt.date(2026, 12, 1), dt.date(2027, 1, 31)
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"

TOP_KEYS = {"county", "agencies", "officers", "items"}
COUNTY_KEYS = {"name", "government", "divisionCode", "judicialBureau"}
AGENCY_KEYS = {"code", "name", "shortName", "caseNumberPrefix", "uscc", "kind", "entrustedBy", "level", "parent",
               "jurisdiction", "duties", "legalBasis", "address", "postcode", "phone", "complaintPhone",
               "officeHours", "reconsiderationOrgan", "competentCourt"}
OFFICER_KEYS = {"agency", "name", "gender", "position", "certificateNumber", "issuer", "fields", "validFrom",
                "validTo", "status", "isReviewer", "legalQualificationNumber", "mobile", "filedWithJudicialBureau"}
ITEM_KEYS = {"agency", "code", "name", "category", "procedure", "legalBasis", "randomInspection",
             "legalReviewRequired", "summary"}
BASIS_KEYS = {"law", "article", "paragraph", "item", "text", "quoted"}

KINDS = {"StatutoryOrgan", "AuthorisedOrganisation", "EntrustedOrganisation"}
LEVELS = {"县级", "乡镇级"}
STATUSES = {"Valid", "Expired", "Suspended", "Revoked"}
CATEGORIES = {"Penalty", "Coercion", "Inspection", "Levy", "Licensing", "Confirmation", "Other"}
PROCEDURES = {"SummaryPenalty", "GeneralPenalty", "CoerciveMeasure", "Inspection", "Licensing", "Confirmation", "Other"}
ALLOWED_PROC = {
    "Penalty": {"GeneralPenalty", "SummaryPenalty"},
    "Coercion": {"CoerciveMeasure"},
    "Inspection": {"Inspection"},
    "Licensing": {"Licensing"},
    "Confirmation": {"Confirmation"},
    "Levy": {"Other"},
    "Other": {"Other"},
}
REQUIRED_AGENCY_NAME_PARTS = ["市场监督管理局", "生态环境", "人力资源和社会保障局", "综合行政执法局",
                              "应急管理局", "自然资源局", "城关镇人民政府"]

CN_NUM = "零〇一二三四五六七八九十百千"
RE_ARTICLE = re.compile(r"^第[%s]+条(之[%s]+)?$" % (CN_NUM, CN_NUM))
RE_PARAGRAPH = re.compile(r"^第[%s]+款$" % CN_NUM)
RE_ITEM = re.compile(r"^第（[%s]+）项((、|至)第（[%s]+）项)*$" % (CN_NUM, CN_NUM))
RE_LAW = re.compile(r"^《[^《》]+》(（[^（）]+）)?$")
RE_PHONE = re.compile(r"^0\d{2,3}-\d{7,8}$")
RE_HOTLINE = re.compile(r"^\d{5}$")
RE_MOBILE = re.compile(r"^1[3-9]\d{9}$")
RE_LQN = re.compile(r"^A\d{14}$")
RE_CERT = re.compile(r"^[0-9A-Z]+$")
RE_AGENCY_CODE = re.compile(r"^[A-Z]{2,8}$")
RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

failures = []


def fail(msg):
    failures.append(msg)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


def parse_date(s, where):
    if not isinstance(s, str) or not RE_DATE.match(s):
        fail("%s: bad date format %r" % (where, s))
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        fail("%s: invalid date %r" % (where, s))
        return None


def uscc_check_char(first17):
    total = sum(USCC_CHARS.index(c) * (3 ** i % 31) for i, c in enumerate(first17))
    ck = 31 - total % 31
    return USCC_CHARS[0 if ck == 31 else ck]


def uscc_ok(code, division):
    if not isinstance(code, str) or len(code) != 18:
        return "length must be 18"
    if any(c not in USCC_CHARS for c in code):
        return "character outside GB 32100 charset"
    if code[:2] not in ("11", "12"):
        return "registration-authority/type must be 11 (organ) or 12 (public institution)"
    if code[2:8] != division:
        return "positions 3-8 %s != division code %s" % (code[2:8], division)
    if uscc_check_char(code[:17]) != code[17]:
        return "check character %s, expected %s" % (code[17], uscc_check_char(code[:17]))
    return None


def shape(s):
    return "".join("A" if c.isalpha() else "9" for c in s)


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)

    check(set(data) == TOP_KEYS, "top-level keys %s" % sorted(data))
    county = data["county"]
    check(set(county) == COUNTY_KEYS, "county keys %s" % sorted(county))
    division = county.get("divisionCode", "")
    check(isinstance(division, str) and re.fullmatch(r"\d{6}", division or "") is not None,
          "county.divisionCode must be 6 digits")
    check(county.get("name") == "安和县", "county.name must be 安和县")
    check(county.get("government") == "安和县人民政府", "county.government")
    check(county.get("judicialBureau") == "安和县司法局", "county.judicialBureau")

    # ---------------- agencies ----------------
    agencies = data["agencies"]
    check(len(agencies) >= 7, "need >= 7 agencies, have %d" % len(agencies))
    by_code = {}
    for a in agencies:
        where = "agency %s" % a.get("code")
        check(set(a) == AGENCY_KEYS, "%s: keys differ: missing %s extra %s" % (
            where, sorted(AGENCY_KEYS - set(a)), sorted(set(a) - AGENCY_KEYS)))
        check(isinstance(a.get("code"), str) and RE_AGENCY_CODE.match(a["code"]) is not None,
              "%s: code must be short upper-case ASCII" % where)
        check(a.get("code") not in by_code, "%s: duplicate code" % where)
        by_code[a.get("code")] = a
        check(a.get("kind") in KINDS, "%s: kind %r" % (where, a.get("kind")))
        check(a.get("level") in LEVELS, "%s: level %r" % (where, a.get("level")))
        err = uscc_ok(a.get("uscc"), division)
        check(err is None, "%s: USCC %s invalid: %s" % (where, a.get("uscc"), err))
        check(re.fullmatch(r"\d{6}", a.get("postcode") or "") is not None, "%s: postcode" % where)
        check(RE_PHONE.match(a.get("phone") or "") is not None, "%s: phone %r" % (where, a.get("phone")))
        cp = a.get("complaintPhone") or ""
        check(RE_PHONE.match(cp) or RE_HOTLINE.match(cp), "%s: complaintPhone %r" % (where, cp))
        for k in ("name", "shortName", "caseNumberPrefix", "jurisdiction", "duties", "legalBasis", "address",
                  "officeHours", "reconsiderationOrgan", "competentCourt"):
            check(isinstance(a.get(k), str) and a[k].strip() != "", "%s: %s empty" % (where, k))
        check((a.get("address") or "").startswith("安和县"), "%s: address must be in 安和县" % where)
        check(a.get("name", "").startswith("安和县"), "%s: name must start with 安和县" % where)
        sentences = [s for s in re.split(r"[。！？]", a.get("duties") or "") if s.strip()]
        check(2 <= len(sentences) <= 4, "%s: duties should be 2-4 sentences (has %d)" % (where, len(sentences)))
        if a.get("level") == "乡镇级":
            check("镇" in a["name"] or "乡" in a["name"], "%s: township level but name lacks 乡/镇" % where)
    for field in ("name", "shortName", "caseNumberPrefix", "uscc"):
        dup = [v for v, n in Counter(a.get(field) for a in agencies).items() if n > 1]
        check(not dup, "agency %s not unique: %s" % (field, dup))
    for part in REQUIRED_AGENCY_NAME_PARTS:
        check(any(part in a["name"] for a in agencies), "required agency missing: *%s*" % part)
    rsj = [a for a in agencies if "人力资源和社会保障局" in a["name"]]
    town = [a for a in agencies if "城关镇人民政府" in a["name"]]
    for a in town:
        check(a["kind"] == "StatutoryOrgan" and a["level"] == "乡镇级",
              "城关镇人民政府 must be StatutoryOrgan / 乡镇级")
    for a in agencies:
        where = "agency %s" % a["code"]
        if a["kind"] == "EntrustedOrganisation":
            eb = a.get("entrustedBy")
            check(eb in by_code and eb != a["code"], "%s: entrustedBy %r must reference another agency" % (where, eb))
            if eb in by_code:
                check(by_code[eb]["kind"] == "StatutoryOrgan", "%s: entrusting agency must be a StatutoryOrgan" % where)
        else:
            check(a.get("entrustedBy") is None, "%s: entrustedBy must be null unless EntrustedOrganisation" % where)
        if a.get("parent") is not None:
            check(a["parent"] in by_code and a["parent"] != a["code"], "%s: parent %r unknown" % (where, a["parent"]))

    # ---------------- officers ----------------
    officers = data["officers"]
    check(len(officers) >= 36, "need >= 36 officers, have %d" % len(officers))
    per_agency = Counter()
    reviewers = Counter()
    issuer_shapes = defaultdict(set)
    issuer_prefix = defaultdict(set)
    n_expired = n_soon = n_susp = n_rev = n_long = 0
    for o in officers:
        where = "officer %s" % o.get("name")
        check(set(o) == OFFICER_KEYS, "%s: keys differ: missing %s extra %s" % (
            where, sorted(OFFICER_KEYS - set(o)), sorted(set(o) - OFFICER_KEYS)))
        check(o.get("agency") in by_code, "%s: unknown agency %r" % (where, o.get("agency")))
        per_agency[o.get("agency")] += 1
        check(o.get("gender") in ("男", "女"), "%s: gender" % where)
        check(isinstance(o.get("name"), str) and 2 <= len(o["name"]) <= 4, "%s: name length" % where)
        check(isinstance(o.get("position"), str) and o["position"], "%s: position" % where)
        cert = o.get("certificateNumber") or ""
        check(RE_CERT.match(cert) is not None, "%s: certificateNumber %r must be digits/upper-case" % (where, cert))
        issuer_shapes[o.get("issuer")].add(shape(cert))
        issuer_prefix[o.get("issuer")].add(re.match(r"^[A-Z]*", cert).group(0))
        check(isinstance(o.get("issuer"), str) and o["issuer"], "%s: issuer" % where)
        check(isinstance(o.get("fields"), list) and o["fields"] and all(isinstance(x, str) and x for x in o["fields"]),
              "%s: fields" % where)
        check(o.get("status") in STATUSES, "%s: status %r" % (where, o.get("status")))
        check(RE_MOBILE.match(o.get("mobile") or "") is not None, "%s: mobile" % where)
        vf = parse_date(o.get("validFrom"), where + ".validFrom")
        vt = parse_date(o.get("validTo"), where + ".validTo")
        fd = parse_date(o.get("filedWithJudicialBureau"), where + ".filedWithJudicialBureau")
        if vf and vt:
            check(vf < vt, "%s: validFrom must precede validTo" % where)
            check(vf <= TODAY, "%s: validFrom in the future" % where)
        if vf and fd:
            check(vf <= fd <= TODAY, "%s: filing date must be between validFrom and today" % where)
        st = o.get("status")
        if vt:
            if st == "Expired":
                check(vt < TODAY, "%s: Expired but validTo %s not before today" % (where, vt))
                if vt.year == 2026 and vt < TODAY:
                    n_expired += 1
            if st == "Valid":
                check(vt >= TODAY, "%s: Valid but validTo %s already passed" % (where, vt))
                if SOON_FROM <= vt <= SOON_TO:
                    n_soon += 1
                elif 2028 <= vt.year <= 2031:
                    n_long += 1
        n_susp += st == "Suspended"
        n_rev += st == "Revoked"
        lqn = o.get("legalQualificationNumber")
        if o.get("isReviewer") is True:
            reviewers[o.get("agency")] += 1
            check(isinstance(lqn, str) and RE_LQN.match(lqn) is not None,
                  "%s: reviewer needs legalQualificationNumber like A20183601xxxxxx" % where)
            check(st == "Valid", "%s: reviewer certificate must be Valid" % where)
        else:
            check(o.get("isReviewer") is False, "%s: isReviewer must be bool" % where)
            check(lqn is None, "%s: non-reviewer must have null legalQualificationNumber" % where)
    for field in ("name", "certificateNumber", "mobile"):
        dup = [v for v, n in Counter(o.get(field) for o in officers).items() if n > 1]
        check(not dup, "officer %s not unique: %s" % (field, dup))
    lqns = [o["legalQualificationNumber"] for o in officers if o.get("legalQualificationNumber")]
    check(len(lqns) == len(set(lqns)), "legalQualificationNumber not unique")
    for iss, shapes in issuer_shapes.items():
        check(len(shapes) == 1, "issuer %s: certificate numbers use more than one scheme %s" % (iss, shapes))
        check(len(issuer_prefix[iss]) == 1, "issuer %s: inconsistent letter prefix %s" % (iss, issuer_prefix[iss]))
    for code in by_code:
        n = per_agency[code]
        check(n >= 4, "agency %s has %d officers (< 4)" % (code, n))
        check(reviewers[code] >= 1, "agency %s has no reviewer" % code)
        check(n == 0 or reviewers[code] / n >= 0.05, "agency %s reviewer ratio %.1f%% < 5%%" % (
            code, 100.0 * reviewers[code] / max(n, 1)))
    check(n_expired >= 3, "need >= 3 certificates expired in 2026 before %s (have %d)" % (TODAY, n_expired))
    check(n_soon >= 4, "need >= 4 Valid certificates expiring %s..%s (have %d)" % (SOON_FROM, SOON_TO, n_soon))
    check(n_susp >= 1, "need a Suspended certificate")
    check(n_rev >= 1, "need a Revoked certificate")
    check(n_long >= len(officers) * 0.6, "most certificates should run until 2028-2031 (have %d)" % n_long)

    # ---------------- items ----------------
    items = data["items"]
    check(len(items) >= 45, "need >= 45 items, have %d" % len(items))
    cats = Counter()
    penalties = Counter()
    n_quoted = n_summary = 0
    laws = Counter()
    for it in items:
        where = "item %s" % it.get("code")
        check(set(it) == ITEM_KEYS, "%s: keys differ: missing %s extra %s" % (
            where, sorted(ITEM_KEYS - set(it)), sorted(set(it) - ITEM_KEYS)))
        ag = it.get("agency")
        check(ag in by_code, "%s: unknown agency %r" % (where, ag))
        code = it.get("code") or ""
        check(re.fullmatch(r"[0-9A-Z-]+", code) is not None and code.startswith(division),
              "%s: code must be ASCII and start with the division code" % where)
        check(ag is None or ("-%s-" % ag) in code, "%s: code should embed its agency code" % where)
        cat, proc = it.get("category"), it.get("procedure")
        check(cat in CATEGORIES, "%s: category %r" % (where, cat))
        check(proc in PROCEDURES, "%s: procedure %r" % (where, proc))
        if cat in ALLOWED_PROC:
            check(proc in ALLOWED_PROC[cat], "%s: procedure %s does not match category %s" % (where, proc, cat))
        cats[cat] += 1
        if cat == "Penalty":
            owner = by_code.get(ag, {})
            penalties[owner.get("entrustedBy") or ag] += 1
            if owner.get("kind") == "EntrustedOrganisation":
                penalties[ag] += 1
        if ag in by_code and by_code[ag]["kind"] == "EntrustedOrganisation":
            check(cat != "Coercion", "%s: 行政强制措施权不得委托 (行政强制法第十七条)" % where)
        check(isinstance(it.get("randomInspection"), bool), "%s: randomInspection bool" % where)
        check(isinstance(it.get("legalReviewRequired"), bool), "%s: legalReviewRequired bool" % where)
        if it.get("randomInspection"):
            check(cat in ("Inspection", "Penalty"), "%s: randomInspection only for inspection/penalty items" % where)
        if proc in ("GeneralPenalty", "CoerciveMeasure"):
            check(it.get("legalReviewRequired") is True, "%s: %s requires legal review" % (where, proc))
        if proc == "SummaryPenalty":
            n_summary += 1
            check(it.get("legalReviewRequired") is False, "%s: summary penalties are not legally reviewed" % where)
        check(isinstance(it.get("summary"), str) and it["summary"].strip(), "%s: summary" % where)
        basis = it.get("legalBasis")
        check(isinstance(basis, list) and len(basis) >= 1, "%s: legalBasis empty" % where)
        for b in basis or []:
            bw = "%s basis %s%s" % (where, b.get("law"), b.get("article"))
            check(set(b) == BASIS_KEYS, "%s: keys differ %s" % (bw, sorted(b)))
            check(isinstance(b.get("law"), str) and RE_LAW.match(b["law"]) is not None, "%s: law title format" % bw)
            check(isinstance(b.get("article"), str) and RE_ARTICLE.match(b["article"]) is not None,
                  "%s: article format" % bw)
            check(b.get("paragraph") is None or RE_PARAGRAPH.match(b["paragraph"]) is not None,
                  "%s: paragraph format %r" % (bw, b.get("paragraph")))
            check(b.get("item") is None or RE_ITEM.match(b["item"]) is not None,
                  "%s: item format %r" % (bw, b.get("item")))
            check(isinstance(b.get("text"), str) and len(b["text"]) >= 20, "%s: text too short" % bw)
            check(isinstance(b.get("quoted"), bool), "%s: quoted must be bool" % bw)
            n_quoted += b.get("quoted") is True
            laws[re.sub(r"（.*?）$", "", b.get("law") or "")] += 1
    for field in ("code", "name"):
        dup = [v for v, n in Counter(it.get(field) for it in items).items() if n > 1]
        check(not dup, "item %s not unique: %s" % (field, dup))
    for c in CATEGORIES:
        check(cats[c] >= 1, "category %s not covered" % c)
    for code, a in by_code.items():
        if a["name"] == county.get("judicialBureau"):
            continue  # the supervising judicial bureau publishes no penalty powers of its own in the demo
        need = 1 if a["kind"] == "EntrustedOrganisation" else 2
        check(penalties[code] >= need, "agency %s has %d penalty items (need >= %d)" % (code, penalties[code], need))
    for a in rsj:
        check(any(it["agency"] == a["code"] and it["category"] == "Confirmation" and "工伤认定" in it["name"]
                  for it in items), "人社局 must own the 工伤认定 Confirmation item")
        gs = [b for it in items if it["agency"] == a["code"] and "工伤认定" in it["name"]
              for b in it["legalBasis"] if "工伤保险条例" in b["law"]]
        arts = {b["article"] for b in gs}
        check({"第十七条", "第二十条"} <= arts, "工伤认定 must cite 《工伤保险条例》第十七条、第二十条")
    pi = [it for it in items if it["category"] in ("Inspection", "Penalty")]
    rnd = [it for it in pi if it["randomInspection"]]
    ratio = len(rnd) / max(len(pi), 1)
    check(0.15 <= ratio <= 0.45, "randomInspection share among inspection/penalty items %.0f%% out of range" % (100 * ratio))
    insp = [it for it in items if it["category"] == "Inspection"]

    if failures:
        print("FAILED (%d):" % len(failures))
        for m in failures:
            print("  - " + m)
        return 1

    print("demo-county.json OK  (%s, division code %s, today %s)" % (county["name"], division, TODAY))
    print("agencies: %d" % len(agencies))
    for a in agencies:
        extra = (" entrusted by %s" % a["entrustedBy"]) if a["entrustedBy"] else ""
        print("  %-5s %-28s %-22s %s %s%s  officers=%d reviewers=%d (%.1f%%) items=%d" % (
            a["code"], a["name"], a["kind"], a["level"], a["uscc"], extra, per_agency[a["code"]],
            reviewers[a["code"]], 100.0 * reviewers[a["code"]] / per_agency[a["code"]],
            sum(1 for it in items if it["agency"] == a["code"])))
    st = Counter(o["status"] for o in officers)
    print("officers: %d  status %s  expired-in-2026=%d  expiring %s..%s=%d  valid to 2028-2031=%d" % (
        len(officers), dict(st), n_expired, SOON_FROM, SOON_TO, n_soon, n_long))
    print("  issuers: %s" % {k: "%d (%s)" % (sum(1 for o in officers if o["issuer"] == k), next(iter(v)))
                             for k, v in issuer_shapes.items()})
    print("items: %d  by category %s" % (len(items), dict(cats)))
    print("  procedures %s" % dict(Counter(it["procedure"] for it in items)))
    print("  randomInspection: %d of %d inspection/penalty items (%.0f%%); %d of %d inspection items" % (
        len(rnd), len(pi), 100 * ratio, sum(1 for it in insp if it["randomInspection"]), len(insp)))
    print("  legalReviewRequired: %d  summary penalties: %d" % (
        sum(1 for it in items if it["legalReviewRequired"]), n_summary))
    nb = sum(len(it["legalBasis"]) for it in items)
    print("  legal-basis citations: %d (%d quoted verbatim, %d faithful summaries), %d distinct laws" % (
        nb, n_quoted, nb - n_quoted, len(laws)))
    return 0


if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "Sanxiang.Data", "Seed", "demo-county.json")
    sys.exit(main(p))
