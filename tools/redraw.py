#!/usr/bin/env python3
# Re-runs a published Sanxiang random-inspection draw (docs/random-draw.md) from its export, independently of the
# platform's own code: python3 tools/redraw.py draw.json. Checks the list digest, the seed against its commitment and
# re-computes the selection; the signature and inclusion-proof checks are left to 'sanxiang draw verify'.
import json, hashlib, hmac, base64, sys, struct
d = json.load(open(sys.argv[1]))
lists = d["lists"]
canon = json.dumps(lists, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
assert hashlib.sha256(canon).hexdigest() == d["listsSha256"], "digest"
seed = bytes.fromhex(d["seed"])
assert hashlib.sha256(seed).hexdigest() == d["commitment"]["sha256"]
note = d["checkpoint"]; root = base64.b64decode(note.split("\n")[2])
K = hashlib.sha256(b"sanxiang/draw/v1" + seed + root + bytes.fromhex(d["listsSha256"])).digest()
class Stream:
    def __init__(s, label): s.label, s.j, s.buf = label, 0, []
    def next(s):
        if not s.buf:
            b = hmac.new(K, f"{s.label}/{s.j}".encode(), hashlib.sha256).digest(); s.j += 1
            s.buf = list(struct.unpack(">4Q", b))
        return s.buf.pop(0)
    def below(s, W):
        ex = (2**64) % W
        while True:
            v = s.next()
            if ex == 0 or v < 2**64 - ex: return v % W
r = lists["rules"]; cands = lists["candidates"]; n = len(cands)
size = r["count"] if r["count"] is not None else -(-n * r["ratioPercent"] // 100)
w = [r["weights"][c["grade"]] for c in cands]
remaining = list(range(n)); t = Stream("targets"); picked = []
for _ in range(size):
    T = sum(w[i] for i in remaining); x = t.below(T); acc = 0
    for k, i in enumerate(remaining):
        acc += w[i]
        if acc > x: picked.append(i); remaining.pop(k); break
agencies = sorted({i["agency"] for i in lists["items"]})
rec = {(x["certificate"], x["creditCode"]) for x in lists["recusals"]}
load = {i["certificate"]: 0 for i in lists["inspectors"]}
s = Stream("inspectors"); out = []
for order, i in enumerate(picked, 1):
    c = cands[i]; teams = []
    for a in agencies:
        if r["excludeAffiliatedAgency"] and c["affiliatedAgency"] == a: continue
        el = [x["certificate"] for x in lists["inspectors"] if x["agency"] == a and (x["certificate"], c["creditCode"]) not in rec
              and not (r["excludeLastInspectors"] and x["certificate"] in c["lastInspectors"])]
        team = []
        for _ in range(r["inspectorsPerTarget"]):
            least = min(load[e] for e in el); tied = [e for e in el if load[e] == least]
            ch = tied[s.below(len(tied))]; team.append(ch); load[ch] += 1; el.remove(ch)
        teams.append({"agency": a, "inspectors": team})
    out.append((order, c["creditCode"], teams))
pub = [(t["order"], t["creditCode"], [{"agency": x["agency"], "inspectors": [i["certificate"] for i in x["inspectors"]]} for x in t["teams"]]) for t in d["result"]["targets"]]
print("independent re-implementation matches:", out == pub, len(out), "targets")
