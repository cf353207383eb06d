#!/usr/bin/env python3
"""Recompute a Liêm verification lottery from its published record (algorithm liem-lottery-v1).

An independent implementation of docs/lottery.md in the Python standard library only, so that anyone
present at the draw can check it without trusting Liêm's code:

    python3 lottery-verify.py record.json

Exit status 0 when the commitment, the seed and the result all match; 1 when any does not; 2 when the
file cannot be read.
"""
import hashlib
import hmac
import json
import math
import sys


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def share(n, percent):
    return 0 if n == 0 else max(1, math.ceil(n * percent / 100))


def draw(inputs, commitment, seed_hex, witness_values):
    key = hmac.new(bytes.fromhex(seed_hex), (commitment + "\n" + "\n".join(witness_values)).encode(), hashlib.sha256).digest()

    def score(label):
        return hmac.new(key, label.encode(), hashlib.sha256).hexdigest()

    eligible = [u for u in inputs["units"] if u["candidates"]]
    units = sorted(eligible, key=lambda u: score("unit:" + u["code"]))[: share(len(eligible), inputs["unitSharePercent"])]
    persons = {}
    for u in units:
        cands = u["candidates"]
        quota = min(len(cands), share(max(u["annualDeclarants"], len(cands)), inputs["personSharePercent"]))
        order = sorted(cands, key=lambda c: score("person:" + u["code"] + ":" + c["ref"]))
        leader = next((c for c in order if c["leader"]), None)
        chosen = [leader] if leader else []
        for c in order:
            if len(chosen) < quota and c is not leader:
                chosen.append(c)
        persons[u["code"]] = [c["ref"] for c in chosen]
    return {"units": [u["code"] for u in units], "persons": persons}


def main(path):
    try:
        with open(path, encoding="utf-8") as f:
            record = json.load(f)
        inputs = record["inputs"]
        if inputs["algorithm"] != "liem-lottery-v1":
            print("FAIL algorithm")
            return 1
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("cannot read the record:", e, file=sys.stderr)
        return 2
    checks = {
        "commitment": hashlib.sha256(canonical(inputs).encode()).hexdigest() == record["commitment"],
        "seed": hashlib.sha256(bytes.fromhex(record["seed"])).hexdigest() == inputs["seedHash"],
        "result": canonical(draw(inputs, record["commitment"], record["seed"], record["witnessValues"]))
        == canonical(record["result"]),
    }
    for name, ok in checks.items():
        print(("OK   " if ok else "FAIL ") + name)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
