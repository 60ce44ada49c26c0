#!/usr/bin/env python3
"""Validate demo-county.json (Sanxiang seed data for 安和县). Stdlib only.

Usage: python3 check-demo-county.py [path/to/demo-county.json]
Exits non-zero with a list of failures; prints a summary when everything passes.

Besides the registry itself (agencies, officers, items) it checks what issue 4 section 12 adds: a service guide on every
item, a discretion benchmark on every penalty item (tiers, penalty kinds, amounts within what the item's own legal
basis text states), a plan on every random-inspection item, the legal-review catalogue, and the date-versioned
history of lists ("history" holds earlier versions, "current" the effective date and reason of the newest one).
See README.md next to this script.
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

TOP_KEYS = {"county", "agencies", "officers", "items", "history", "current"}
COUNTY_KEYS = {"name", "government", "divisionCode", "judicialBureau"}
AGENCY_KEYS = {"code", "name", "shortName", "caseNumberPrefix", "uscc", "kind", "entrustedBy", "level", "parent",
               "jurisdiction", "duties", "legalBasis", "address", "postcode", "phone", "complaintPhone",
               "officeHours", "reconsiderationOrgan", "competentCourt"}
OFFICER_KEYS = {"agency", "name", "gender", "position", "certificateNumber", "issuer", "fields", "validFrom",
                "validTo", "status", "isReviewer", "legalQualificationNumber", "mobile", "filedWithJudicialBureau"}
ITEM_KEYS = {"agency", "code", "name", "category", "procedure", "legalBasis", "randomInspection",
             "legalReviewRequired", "summary", "serviceGuide"}  # + "discretion" (penalty items), "randomInspectionPlan"
GUIDE_KEYS = ["where", "materials", "timeLimit", "fees", "complaint", "remedy"]
PLAN_KEYS = {"ratioPercent", "frequency", "targets"}
TIER_KEYS = {"tier", "circumstances", "penalties"}
PENALTY_KEYS = {"kind", "minYuan", "maxYuan", "multipleOf"}  # + optional "note"; "unit" exactly when multipleOf is set
TIERS = ["轻微", "一般", "较重", "严重"]
PENALTY_KINDS = {"Warning", "CriticismNotice", "Fine", "ConfiscateIllegalGains", "ConfiscateIllegalProperty",
                 "SuspendLicence", "LowerQualification", "RevokeLicence", "RestrictBusiness", "SuspendProduction",
                 "OrderClosure", "RestrictPractice", "Detention", "Other"}
AMOUNT_KINDS = {"Fine"}  # the only kind whose minYuan/maxYuan may be set
# "倍": multiples of multipleOf; "%": percent of it; "元/人", "元/平方米": yuan per person / per square metre of it
UNITS = {"倍", "%", "元/人", "元/平方米"}
# words the legal basis text must contain for a penalty kind to be imposed (unless the note cites another article)
KIND_WORDS = {
    "Warning": ["警告"], "CriticismNotice": ["通报批评"], "Fine": ["罚款"],
    "ConfiscateIllegalGains": ["违法所得", "违法收入", "广告费用"], "ConfiscateIllegalProperty": ["没收"],
    "SuspendLicence": ["暂扣"], "LowerQualification": ["降低资质"], "RevokeLicence": ["吊销"],
    "RestrictBusiness": ["限制生产", "限制开展", "限制承接"], "SuspendProduction": ["停产", "停业", "停工"],
    "OrderClosure": ["关闭"], "RestrictPractice": ["限制从业", "禁止从事"], "Detention": ["拘留"],
}
FIRST_OFFENCE = "首违不罚：责令改正，不予行政处罚"
SUMMARY_LIMIT_PERSON, SUMMARY_LIMIT_ORG = 200, 3000  # 行政处罚法第五十一条
SUPERVISION_PHONE = "0797-6329110"  # 县司法局行政执法监督电话
REASONS = {"Initial", "LawChanged", "Restructuring", "StaffChange", "Correction", "Other"}
LISTS = {"Items": "items", "Officers": "officers"}
DEFAULT_VERSION = ("2025-03-01", "Initial")  # lists not named in "current" have one version, effective from this date
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
RE_CITES = re.compile(r"《[^《》]+》第[%s]+条" % CN_NUM)

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


# ---------------------------------------------------------------- amounts in legal text
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUM = r"(\d+|[零〇一二两三四五六七八九十百千]+)(万)?"


def cn2int(s):
    if s.isdigit():
        return int(s)
    total = num = 0
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
        else:
            total += (num or 1) * CN_UNITS[ch]
            num = 0
    return total + num


def amount(m, i):
    return cn2int(m.group(i)) * (10000 if m.group(i + 1) else 1)


def ranges_in(text):
    """Fine ranges a legal text states: a list of (unit, lo, hi) with unit 元, 倍 or %."""
    out = []

    def take(pattern, make, t):
        def repl(m):
            out.append(make(m))
            return "#"
        return re.sub(pattern, repl, t)

    t = take(NUM + r"元以上" + NUM + r"元以下", lambda m: ("元", amount(m, 1), amount(m, 3)), text)
    t = take(NUM + r"元以下", lambda m: ("元", 0, amount(m, 1)), t)
    t = take(NUM + r"倍以上" + NUM + r"倍以下", lambda m: ("倍", amount(m, 1), amount(m, 3)), t)
    t = take(r"等值以上" + NUM + r"倍以下", lambda m: ("倍", 1, amount(m, 1)), t)
    t = take(r"百分之" + NUM + r"以上百分之" + NUM + r"以下", lambda m: ("%", amount(m, 1), amount(m, 3)), t)
    t = take(r"百分之" + NUM + r"以上" + NUM + r"倍以下", lambda m: ("%", amount(m, 1), 100 * amount(m, 3)), t)
    t = take(r"百分之" + NUM + r"以下", lambda m: ("%", 0, amount(m, 1)), t)
    take(r"按照原处罚数额", lambda m: ("倍", 1, 1), t)
    return out


def within(p, ranges):
    lo, hi, unit = p["minYuan"], p["maxYuan"], p.get("unit")
    for u, a, b in ranges:
        if unit in (None, "元/人") and u == "元" and a <= lo and hi <= b:
            return True
        if unit == "倍" and ((u == "倍" and a <= lo and hi <= b) or (u == "%" and a <= 100 * lo and 100 * hi <= b)):
            return True
        if unit == "%" and ((u == "%" and a <= lo and hi <= b) or (u == "倍" and 100 * a <= lo and hi <= 100 * b)):
            return True
    return False


def party(note):
    return "person" if any(w in (note or "") for w in ("个人", "公民", "责任人员", "主管人员", "负责人")) else "org"


# ---------------------------------------------------------------- item parts
def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def check_guide(it, where, agency):
    g = it.get("serviceGuide")
    if not check(isinstance(g, dict), "%s: serviceGuide missing" % where):
        return
    check(list(g) == GUIDE_KEYS, "%s: serviceGuide keys %s, expected %s" % (where, list(g), GUIDE_KEYS))
    for k in GUIDE_KEYS:
        if k != "materials":
            check(nonempty_str(g.get(k)), "%s: serviceGuide.%s empty" % (where, k))
    mats = g.get("materials")
    check(isinstance(mats, list) and len(mats) >= 2 and all(nonempty_str(m) for m in mats)
          and len(set(mats)) == len(mats), "%s: serviceGuide.materials needs >= 2 distinct entries" % where)
    if not agency or not all(nonempty_str(g.get(k)) for k in GUIDE_KEYS if k != "materials"):
        return
    check(agency["address"] in g["where"], "%s: serviceGuide.where must give the agency address %s" % (where, agency["address"]))
    for phone in (agency["complaintPhone"], SUPERVISION_PHONE, "12345"):
        check(phone in g["complaint"], "%s: serviceGuide.complaint lacks %s" % (where, phone))
    r = g["remedy"]
    check(not r.startswith("救济途径") and "六十日" in r and "安和县人民政府" in r and "安和县人民法院" in r
          and any(w in r for w in ("六个月", "十五日", "三十日")),
          "%s: serviceGuide.remedy must name 安和县人民政府 (60 days) and 安和县人民法院" % where)
    cat, proc, tl = it.get("category"), it.get("procedure"), g["timeLimit"]
    if proc == "SummaryPenalty":
        check("当场" in tl, "%s: summary procedure time limit must say 当场" % where)
        check("应当先" in r and "复议" in r, "%s: 当场处罚 must be reconsidered first (行政复议法第二十三条)" % where)
    elif cat == "Penalty":
        check("九十日" in tl, "%s: general-procedure time limit must state the 90 days (行政处罚法第六十条)" % where)
        check("六个月" in r, "%s: remedy must state the six months for a lawsuit" % where)
    elif cat == "Coercion":
        check("三十日" in tl, "%s: coercion time limit must state the 30 days (行政强制法第二十五条)" % where)
    elif cat == "Licensing":
        check("二十日" in tl or "二十个工作日" in tl, "%s: licensing time limit must state the statutory limit" % where)
    elif cat == "Confirmation" and "工伤" in (it.get("name") or ""):
        check("60日" in tl or "六十日" in tl, "%s: 工伤认定 within 60 days (工伤保险条例第二十条)" % where)
    check("不收费" in g["fees"] or "《" in g["fees"] or "规定" in g["fees"],
          "%s: serviceGuide.fees must say 不收费 or give the basis of the fee" % where)


def check_plan(it, where):
    plan = it.get("randomInspectionPlan")
    if not it.get("randomInspection"):
        check("randomInspectionPlan" not in it, "%s: randomInspectionPlan only when randomInspection is true" % where)
        return
    if not check(isinstance(plan, dict), "%s: randomInspection true but no randomInspectionPlan" % where):
        return
    check(set(plan) == PLAN_KEYS, "%s: randomInspectionPlan keys %s" % (where, sorted(plan)))
    r = plan.get("ratioPercent")
    check(isinstance(r, int) and not isinstance(r, bool) and 1 <= r <= 100, "%s: ratioPercent %r not 1-100" % (where, r))
    check(nonempty_str(plan.get("frequency")) and "每" in plan["frequency"], "%s: frequency like 每年不少于1次" % where)
    check(nonempty_str(plan.get("targets")), "%s: targets empty" % where)


def check_discretion(it, where, st):
    disc = it.get("discretion")
    if it.get("category") != "Penalty":
        check("discretion" not in it, "%s: discretion only on penalty items" % where)
        return
    if not check(isinstance(disc, list) and 3 <= len(disc) <= 4, "%s: discretion needs 3-4 tiers" % where):
        return
    text = "".join(b.get("text") or "" for b in it.get("legalBasis") or [])
    ranges = ranges_in(text)
    summary = it.get("procedure") == "SummaryPenalty"
    names = [t.get("tier") for t in disc if isinstance(t, dict)]
    prefixed = all(isinstance(n, str) and n.startswith("情节") for n in names)
    idx = [TIERS.index(n[2:] if prefixed else n) if (n[2:] if prefixed else n) in TIERS else -1 for n in names]
    check(-1 not in idx and len(idx) == len(disc), "%s: tier names %s must be %s (all with or all without 情节)" % (where, names, TIERS))
    check(idx == sorted(idx) and len(set(idx)) == len(idx), "%s: tiers %s not ordered lightest to heaviest" % (where, names))
    last = {}  # (kind, multipleOf, unit, party) -> max of the previous tier
    for ti, t in enumerate(disc):
        tw = "%s tier %s" % (where, t.get("tier") if isinstance(t, dict) else ti)
        if not check(isinstance(t, dict) and set(t) == TIER_KEYS, "%s: keys must be %s" % (tw, sorted(TIER_KEYS))):
            continue
        st["n_tiers"] += 1
        check(nonempty_str(t["circumstances"]) and len(t["circumstances"]) >= 8, "%s: circumstances too short" % tw)
        pens = t["penalties"]
        if not check(isinstance(pens, list) and pens, "%s: no penalties" % tw):
            continue
        bands = {}
        for p in pens:
            pw = "%s penalty %s" % (tw, p.get("kind") if isinstance(p, dict) else p)
            if not check(isinstance(p, dict) and PENALTY_KEYS <= set(p) <= PENALTY_KEYS | {"note", "unit"},
                         "%s: keys %s" % (pw, sorted(p) if isinstance(p, dict) else p)):
                continue
            kind, lo, hi, mult, note = p["kind"], p["minYuan"], p["maxYuan"], p["multipleOf"], p.get("note")
            check(kind in PENALTY_KINDS, "%s: unknown kind" % pw)
            check(note is None or nonempty_str(note), "%s: note must be a non-empty string" % pw)
            for v in (lo, hi):
                check(v is None or (isinstance(v, int) and not isinstance(v, bool) and v >= 0), "%s: amount %r not a non-negative integer" % (pw, v))
            check(mult is None or nonempty_str(mult), "%s: multipleOf must be null or text" % pw)
            check(("unit" in p) == (mult is not None), "%s: unit is given exactly when multipleOf is set" % pw)
            check(mult is None or p.get("unit") in UNITS, "%s: unit %r not in %s" % (pw, p.get("unit"), sorted(UNITS)))
            if kind not in AMOUNT_KINDS:
                check(lo is None and hi is None and mult is None, "%s: only fines carry amounts" % pw)
            cites = bool(note and RE_CITES.search(note))
            if note == FIRST_OFFENCE or (note or "").startswith("首违不罚"):
                check(kind == "Other" and ti == 0 and t["tier"] in ("轻微", "情节轻微"),
                      "%s: 首违不罚 belongs in the lightest tier (轻微) as kind Other" % pw)
            if kind in KIND_WORDS and not cites:
                check(any(w in text for w in KIND_WORDS[kind]),
                      "%s: the legal basis text provides no %s (none of %s)" % (pw, kind, KIND_WORDS[kind]))
            if kind != "Fine":
                continue
            if lo is None and hi is None:
                check(note is not None, "%s: a fine without amounts needs a note saying where the amount comes from" % pw)
                st["n_amount_open"] += 1
                continue
            if not check(lo is not None and hi is not None and isinstance(lo, int) and isinstance(hi, int) and lo <= hi,
                         "%s: minYuan %r must be <= maxYuan %r" % (pw, lo, hi)):
                continue
            if summary:
                check(mult is None, "%s: a summary-procedure fine is a fixed amount in yuan" % pw)
                limit = SUMMARY_LIMIT_ORG if party(note) == "org" and any(
                    w in (note or "") for w in ("单位", "组织", "法人")) else SUMMARY_LIMIT_PERSON
                check(hi <= limit, "%s: summary procedure allows at most %d yuan (行政处罚法第五十一条)" % (pw, limit))
            if cites:
                st["n_amount_cited"] += 1
                st["external"].append((it.get("code"), RE_CITES.search(note).group(0)))
            else:
                check(p.get("unit") != "元/平方米", "%s: a per-area fine must cite the article that sets it" % pw)
                check(p.get("unit") != "元/人" or "每人" in text, "%s: per-person fine but the text sets no 每人 rate" % pw)
                ok = check(within(p, ranges), "%s: %s-%s%s not within the ranges the basis text states %s" % (
                    pw, lo, hi, p.get("unit") or "元", ranges))
                st["n_amount_text"] += ok is True
            key = (kind, mult, p.get("unit"), party(note))
            a, b = bands.get(key, (lo, hi))
            bands[key] = (min(a, lo), max(b, hi))
        for key, (a, b) in bands.items():
            if key in last:
                check(last[key] <= a, "%s: %s range %s-%s overlaps the lighter tier (max %s)" % (tw, key[0], a, b, last[key]))
            last[key] = b


def check_items(items, label, by_code, division, agency_only=None):
    """Per-item rules, shared by the current list and every earlier version. Returns counters."""
    st = {"cats": Counter(), "penalties": Counter(), "laws": Counter(), "n_quoted": 0, "n_summary": 0, "n_tiers": 0,
          "n_amount_text": 0, "n_amount_cited": 0, "n_amount_open": 0, "external": []}
    for it in items:
        where = "%s %s" % (label, it.get("code"))
        need = set(ITEM_KEYS)
        if it.get("category") == "Penalty":
            need.add("discretion")
        if it.get("randomInspection") is True:
            need.add("randomInspectionPlan")
        check(set(it) == need, "%s: keys differ: missing %s extra %s" % (
            where, sorted(need - set(it)), sorted(set(it) - need)))
        ag = it.get("agency")
        check(ag in by_code, "%s: unknown agency %r" % (where, ag))
        if agency_only is not None:
            check(ag == agency_only, "%s: belongs to %s, not to the list of %s" % (where, ag, agency_only))
        code = it.get("code") or ""
        check(re.fullmatch(r"[0-9A-Z-]+", code) is not None and code.startswith(division),
              "%s: code must be ASCII and start with the division code" % where)
        check(ag is None or ("-%s-" % ag) in code, "%s: code should embed its agency code" % where)
        cat, proc = it.get("category"), it.get("procedure")
        check(cat in CATEGORIES, "%s: category %r" % (where, cat))
        check(proc in PROCEDURES, "%s: procedure %r" % (where, proc))
        if cat in ALLOWED_PROC:
            check(proc in ALLOWED_PROC[cat], "%s: procedure %s does not match category %s" % (where, proc, cat))
        st["cats"][cat] += 1
        if cat == "Penalty":
            owner = by_code.get(ag, {})
            st["penalties"][owner.get("entrustedBy") or ag] += 1
            if owner.get("kind") == "EntrustedOrganisation":
                st["penalties"][ag] += 1
        if ag in by_code and by_code[ag]["kind"] == "EntrustedOrganisation":
            check(cat != "Coercion", "%s: 行政强制措施权不得委托 (行政强制法第十七条)" % where)
        check(isinstance(it.get("randomInspection"), bool), "%s: randomInspection bool" % where)
        check(isinstance(it.get("legalReviewRequired"), bool), "%s: legalReviewRequired bool" % where)
        if it.get("randomInspection"):
            check(cat in ("Inspection", "Penalty"), "%s: randomInspection only for inspection/penalty items" % where)
        if proc in ("GeneralPenalty", "CoerciveMeasure"):
            check(it.get("legalReviewRequired") is True, "%s: %s requires legal review" % (where, proc))
        if proc == "SummaryPenalty":
            st["n_summary"] += 1
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
            st["n_quoted"] += b.get("quoted") is True
            st["laws"][re.sub(r"（.*?）$", "", b.get("law") or "")] += 1
        check_plan(it, where)
        check_discretion(it, where, st)
        check_guide(it, where, by_code.get(ag))
    for field in ("code", "name"):
        dup = [v for v, n in Counter(it.get(field) for it in items).items() if n > 1]
        check(not dup, "%s %s not unique: %s" % (label, field, dup))
    return st


def check_catalogues(items, by_code, label):
    """Random-inspection list and legal-review catalogue per agency."""
    for code, a in by_code.items():
        own = [it for it in items if it.get("agency") == code]
        if any(it.get("category") == "Inspection" for it in own):
            check(any(it.get("randomInspection") for it in own),
                  "%s: agency %s has inspection items but none in the random-inspection list" % (label, code))
        if any(it.get("category") == "Penalty" for it in own) or a.get("level") == "乡镇级":
            check(any(it.get("legalReviewRequired") for it in own),
                  "%s: agency %s has no item in its legal-review catalogue" % (label, code))


def check_officers(officers, asof, label, by_code, agency_only=None):
    """Per-officer rules as of a date (today for the current list, the effective date for an earlier version)."""
    st = {"per_agency": Counter(), "reviewers": Counter(), "issuer_shapes": defaultdict(set),
          "issuer_prefix": defaultdict(set), "n_expired": 0, "n_soon": 0, "n_susp": 0, "n_rev": 0, "n_long": 0}
    for o in officers:
        where = "%s %s" % (label, o.get("name"))
        check(set(o) == OFFICER_KEYS, "%s: keys differ: missing %s extra %s" % (
            where, sorted(OFFICER_KEYS - set(o)), sorted(set(o) - OFFICER_KEYS)))
        check(o.get("agency") in by_code, "%s: unknown agency %r" % (where, o.get("agency")))
        if agency_only is not None:
            check(o.get("agency") == agency_only, "%s: belongs to %s, not to the list of %s" % (where, o.get("agency"), agency_only))
        st["per_agency"][o.get("agency")] += 1
        check(o.get("gender") in ("男", "女"), "%s: gender" % where)
        check(isinstance(o.get("name"), str) and 2 <= len(o["name"]) <= 4, "%s: name length" % where)
        check(isinstance(o.get("position"), str) and o["position"], "%s: position" % where)
        cert = o.get("certificateNumber") or ""
        check(RE_CERT.match(cert) is not None, "%s: certificateNumber %r must be digits/upper-case" % (where, cert))
        st["issuer_shapes"][o.get("issuer")].add(shape(cert))
        st["issuer_prefix"][o.get("issuer")].add(re.match(r"^[A-Z]*", cert).group(0))
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
            check(vf <= asof, "%s: validFrom after %s" % (where, asof))
        if vf and fd:
            check(vf <= fd <= asof, "%s: filing date must be between validFrom and %s" % (where, asof))
        stt = o.get("status")
        if vt:
            if stt == "Expired":
                check(vt < asof, "%s: Expired but validTo %s not before %s" % (where, vt, asof))
                if vt.year == 2026 and vt < asof:
                    st["n_expired"] += 1
            if stt == "Valid":
                check(vt >= asof, "%s: Valid but validTo %s already passed on %s" % (where, vt, asof))
                if SOON_FROM <= vt <= SOON_TO:
                    st["n_soon"] += 1
                elif 2028 <= vt.year <= 2031:
                    st["n_long"] += 1
        st["n_susp"] += stt == "Suspended"
        st["n_rev"] += stt == "Revoked"
        lqn = o.get("legalQualificationNumber")
        if o.get("isReviewer") is True:
            st["reviewers"][o.get("agency")] += 1
            check(isinstance(lqn, str) and RE_LQN.match(lqn) is not None,
                  "%s: reviewer needs legalQualificationNumber like A20183601xxxxxx" % where)
            check(stt == "Valid", "%s: reviewer certificate must be Valid" % where)
        else:
            check(o.get("isReviewer") is False, "%s: isReviewer must be bool" % where)
            check(lqn is None, "%s: non-reviewer must have null legalQualificationNumber" % where)
    for field in ("name", "certificateNumber", "mobile"):
        dup = [v for v, n in Counter(o.get(field) for o in officers).items() if n > 1]
        check(not dup, "%s %s not unique: %s" % (label, field, dup))
    lqns = [o["legalQualificationNumber"] for o in officers if o.get("legalQualificationNumber")]
    check(len(lqns) == len(set(lqns)), "%s legalQualificationNumber not unique" % label)
    for iss, shapes in st["issuer_shapes"].items():
        check(len(shapes) == 1, "%s: issuer %s: certificate numbers use more than one scheme %s" % (label, iss, shapes))
        check(len(st["issuer_prefix"][iss]) == 1, "%s: issuer %s: inconsistent letter prefix %s" % (label, iss, st["issuer_prefix"][iss]))
    return st


def check_versions(data, by_code, division, officers, items):
    """history (earlier versions, complete lists) and current (date and reason of the newest version)."""
    hist, cur = data.get("history"), data.get("current")
    out = defaultdict(list)
    if not check(isinstance(hist, list) and isinstance(cur, list), "history and current must be lists"):
        return out
    current_of = {}
    for e in cur:
        w = "current %s/%s" % (e.get("agency"), e.get("list"))
        check(set(e) == {"agency", "list", "effectiveFrom", "reason", "reasonText"}, "%s: keys %s" % (w, sorted(e)))
        check(e.get("agency") in by_code, "%s: unknown agency" % w)
        check(e.get("list") in LISTS, "%s: list must be one of %s" % (w, sorted(LISTS)))
        check(e.get("reason") in REASONS, "%s: reason %r" % (w, e.get("reason")))
        check(nonempty_str(e.get("reasonText")) and len(e["reasonText"]) >= 10, "%s: reasonText too short" % w)
        d = parse_date(e.get("effectiveFrom"), w)
        check(d is None or d < TODAY, "%s: effectiveFrom must be before %s" % (w, TODAY))
        key = (e.get("agency"), e.get("list"))
        check(key not in current_of, "%s: more than one current entry" % w)
        current_of[key] = (d, e.get("reason"))
    cur_lists = {"Items": items, "Officers": officers}
    seen_hist = defaultdict(list)
    all_certs = defaultdict(set)  # certificate number -> names across versions
    for o in officers:
        all_certs[o["certificateNumber"]].add(o["name"])
    current_codes = {it["code"]: it for it in items}
    for i, e in enumerate(hist):
        lst = e.get("list")
        w = "history[%d] %s/%s %s" % (i, e.get("agency"), lst, e.get("effectiveFrom"))
        body = LISTS.get(lst)
        check(set(e) == {"agency", "list", "effectiveFrom", "reason", "reasonText", body},
              "%s: keys %s" % (w, sorted(e)))
        ag = e.get("agency")
        check(ag in by_code, "%s: unknown agency" % w)
        check(lst in LISTS, "%s: list must be one of %s" % (w, sorted(LISTS)))
        check(e.get("reason") in REASONS, "%s: reason %r" % (w, e.get("reason")))
        check(nonempty_str(e.get("reasonText")) and len(e["reasonText"]) >= 10, "%s: reasonText too short" % w)
        d = parse_date(e.get("effectiveFrom"), w)
        if d is None or ag not in by_code or lst not in LISTS:
            continue
        check(d < TODAY, "%s: effectiveFrom must be before %s" % (w, TODAY))
        entries = e.get(body)
        seen_hist[(ag, lst)].append((d, e.get("reason"), len(entries) if isinstance(entries, list) else 0))
        if not check(isinstance(entries, list) and entries, "%s: %s must be a non-empty list" % (w, body)):
            continue
        if lst == "Items":
            check_items(entries, w + " item", by_code, division, agency_only=ag)
            for it in entries:
                c = current_codes.get(it.get("code"))
                check(c is None or c["agency"] == it.get("agency"), "%s: code %s reused by another agency" % (w, it.get("code")))
            check(entries != [it for it in items if it["agency"] == ag], "%s: identical to the current list" % w)
        else:
            check_officers(entries, d, w + " officer", by_code, agency_only=ag)
            for o in entries:
                all_certs[o.get("certificateNumber")].add(o.get("name"))
            check(entries != [o for o in officers if o["agency"] == ag], "%s: identical to the current list" % w)
    for cert, names in all_certs.items():
        check(len(names) == 1, "certificate %s carries different names across versions: %s" % (cert, sorted(names)))
    for key in set(seen_hist) | set(current_of):
        ag, lst = key
        cd, cr = current_of.get(key, (dt.date.fromisoformat(DEFAULT_VERSION[0]), DEFAULT_VERSION[1]))
        hs = sorted(seen_hist.get(key, []))
        check(len({h[0] for h in hs}) == len(hs), "%s/%s: two earlier versions with the same date" % key)
        if cd is not None:
            for hd, _, _ in hs:
                check(hd < cd, "%s/%s: earlier version %s not before the current one %s" % (ag, lst, hd, cd))
        chain = hs + [(cd, cr, sum(1 for x in cur_lists[lst] if x["agency"] == ag))]
        for j, (vd, vr, _) in enumerate(chain):
            check((vr == "Initial") == (j == 0), "%s/%s: version %s has reason %s; Initial is the first version only" % (
                ag, lst, vd, vr))
        if key in current_of and lst == "Officers" and cd is not None:
            earlier = {o.get("certificateNumber") for h in hist if (h.get("agency"), h.get("list")) == key
                       for o in h.get("officers") or []}
            for o in cur_lists["Officers"]:
                if o["agency"] == ag and o["certificateNumber"] not in earlier:
                    fd = parse_date(o.get("filedWithJudicialBureau"), "officer %s" % o["name"])
                    check(fd is None or fd <= cd, "officer %s is new in the %s list of %s but was filed only on %s" % (
                        o["name"], ag, cd, fd))
        out[key] = [(str(vd), vr, n) for vd, vr, n in chain]
    return out


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
    ost = check_officers(officers, TODAY, "officer", by_code)
    per_agency, reviewers, issuer_shapes = ost["per_agency"], ost["reviewers"], ost["issuer_shapes"]
    n_expired, n_soon, n_long = ost["n_expired"], ost["n_soon"], ost["n_long"]
    for code in by_code:
        n = per_agency[code]
        check(n >= 4, "agency %s has %d officers (< 4)" % (code, n))
        check(reviewers[code] >= 1, "agency %s has no reviewer" % code)
        check(n == 0 or reviewers[code] / n >= 0.05, "agency %s reviewer ratio %.1f%% < 5%%" % (
            code, 100.0 * reviewers[code] / max(n, 1)))
    check(n_expired >= 3, "need >= 3 certificates expired in 2026 before %s (have %d)" % (TODAY, n_expired))
    check(n_soon >= 4, "need >= 4 Valid certificates expiring %s..%s (have %d)" % (SOON_FROM, SOON_TO, n_soon))
    check(ost["n_susp"] >= 1, "need a Suspended certificate")
    check(ost["n_rev"] >= 1, "need a Revoked certificate")
    check(n_long >= len(officers) * 0.6, "most certificates should run until 2028-2031 (have %d)" % n_long)

    # ---------------- items ----------------
    items = data["items"]
    check(len(items) >= 45, "need >= 45 items, have %d" % len(items))
    ist = check_items(items, "item", by_code, division)
    cats, penalties, laws = ist["cats"], ist["penalties"], ist["laws"]
    n_quoted, n_summary = ist["n_quoted"], ist["n_summary"]
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
    check_catalogues(items, by_code, "current")

    # ---------------- versions ----------------
    versions = check_versions(data, by_code, division, officers, items)

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
    n_pen = [it for it in items if it["category"] == "Penalty"]
    print("  service guides: %d of %d items; discretion benchmarks: %d of %d penalty items (%d tiers, %d amounts "
          "checked against the basis text, %d from another cited article, %d left to a provincial standard)" % (
              sum(1 for it in items if "serviceGuide" in it), len(items), sum(1 for it in n_pen if "discretion" in it),
              len(n_pen), ist["n_tiers"], ist["n_amount_text"], ist["n_amount_cited"], ist["n_amount_open"]))
    for code in by_code:
        own = [it for it in items if it["agency"] == code]
        if own:
            print("  %-5s random inspection %d (%s)  legal-review catalogue %d" % (
                code, sum(1 for it in own if it["randomInspection"]),
                ", ".join("%d%% %s" % (it["randomInspectionPlan"]["ratioPercent"], it["randomInspectionPlan"]["frequency"])
                          for it in own if it["randomInspection"]),
                sum(1 for it in own if it["legalReviewRequired"])))
    for key, vs in sorted(versions.items()):
        print("  versions %s/%s: %s" % (key[0], key[1], "; ".join(
            "%s %s (%d)" % (d, r, n) for d, r, n in vs)))
    ext = defaultdict(set)
    for code, cited in ist["external"]:
        ext[code].add(cited)
    for code in sorted(ext):
        print("  note: %s takes its fine amounts from %s (not among its legalBasis entries)" % (code, "、".join(sorted(ext[code]))))
    nb = sum(len(it["legalBasis"]) for it in items)
    print("  legal-basis citations: %d (%d quoted verbatim, %d faithful summaries), %d distinct laws" % (
        nb, n_quoted, nb - n_quoted, len(laws)))
    return 0


if __name__ == "__main__":
    p = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "Sanxiang.Data", "Seed", "demo-county.json")
    sys.exit(main(p))
