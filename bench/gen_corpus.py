#!/usr/bin/env python3
"""Generates a corpus of realistic, fictitious onboardings for the benchmark.

    python3 bench/gen_corpus.py --n 3000 --out bench/work/corpus-3000 [--seed 6] [--json]

Writes OUT/onboardings/<care-provider-hsa-id>.yaml, one per vårdgivare, varying the four examples
in onboardings/: regions, kommuner and private vårdgivare with distinct HSA-ids built on valid
(Luhn) organisationsnummer, contacts, agents, source systems, contracts from the catalogue with
their TAK paths, and every stage from a fresh start to a PROD order. Test patients are test
identities only (Tolvan Tolvansson, 191212121212 and 201212121212).

About 1 % of the files (every hundredth) are invalid, in turn: a misspelt key, an invalid
HSA-id, a URL with `=`, a value of the wrong type. Their names are listed in OUT/invalid.txt.
With --json, OUT/json/<name>.json holds the same documents as JSON (for validators that read
only JSON). The output depends on --seed and --n only.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

REGION_STEMS = [
    "Norr", "Väster", "Öster", "Söder", "Sjö", "Fjäll", "Skog", "Dal", "Berg", "Ås", "Holm",
    "Vik", "Strand", "Mo", "Lund", "Hed", "Kust", "Älv", "Myr", "Sand", "Ek", "Björk", "Gran",
    "Lind", "Al", "Rön", "Ljung", "Sten", "Klint", "Ö",
]
REGION_TAILS = ["sund", "fjäll", "land", "dal", "mark", "bygd", "näs", "vik", "by", "fors", "å", "ås"]
PRIVATE_KINDS = ["Vårdcentraler AB", "Läkarhus AB", "Hälsocentral AB", "Specialistvård AB",
                 "Rehab AB", "Barnmottagning AB", "Ögonklinik AB", "Vårdcentral Ek. för."]
FIRST = ["Maja", "Erik", "Sara", "Johan", "Ali", "Lina", "Anna", "Karl", "Elin", "Omar", "Eva",
         "Nils", "Ida", "Per", "Fatima", "Oskar", "Sofia", "Leo", "Hanna", "Mikael", "Noor",
         "Astrid", "Jonas", "Ebba", "Ahmed", "Tove", "Gustav", "Linnea", "Hugo", "Selma"]
LAST = ["Nordin", "Lund", "Berg", "Ek", "Haddad", "Ström", "Andersson", "Johansson", "Karlsson",
        "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Holm",
        "Lindqvist", "Sandberg", "Åberg", "Öberg", "Hussein", "Wikström", "Sjöberg", "Dahl"]
NKRR_CONTACTS = [("Erik Lund", "031-700 00 00"), ("Lina Ström", "031-700 00 01"),
                 ("Karin Dahl", "031-700 00 02"), ("Mats Holm", None)]
SUPPLIERS = ["Journalia AB", "Vårdsystem Norden AB", "Medicus Moln AB", "Klinikdata AB",
             "Hälsoplattformen Sverige AB"]
JOURNAL_NAMES = ["journal", "journalen", "vårdjournal", "labbsystemet", "röntgensystemet",
                 "läkemedelsmodulen", "journal Öppenvård", "journal Slutenvård"]
DOMAIN_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o",
                             "é": "e", " ": "", ".": "", "-": ""})


def load_contracts():
    with open(os.path.join(ROOT, "data", "catalogue.json"), encoding="utf-8") as f:
        cat = json.load(f)
    return [c for c in cat["contracts"] if c["role"] == "journal"]


def luhn_check_digit(nine):
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def org_number(rng, used):
    """A 10-digit organisationsnummer with a valid check digit (third digit 2 or more)."""
    while True:
        group = rng.choice(["2", "5", "7", "8"])
        nine = group + str(rng.randint(0, 9)) + str(rng.randint(2, 9)) + "".join(
            str(rng.randint(0, 9)) for _ in range(6))
        org = nine + luhn_check_digit(nine)
        if org not in used:
            used.add(org)
            return org


def ascii_fold(s):
    return s.translate(DOMAIN_FOLD).lower()


class Dates:
    """Dates that only move forward."""

    def __init__(self, rng, start):
        self.rng, self.d = rng, start

    def next(self, lo=3, hi=30):
        self.d += dt.timedelta(days=self.rng.randint(lo, hi))
        return self.d.isoformat()


def step(done, dates, comment=None):
    s = {"done": done}
    if done:
        s["date"] = dates.next()
    if comment:
        s["comment"] = comment
    return s


def contract_url(host, c):
    path = c["domain"].replace(":", "/")
    return f"https://{host}/vp/{path}/{c['name']}/{c['major_version']}/rivtabp21"


def environment(rng, dates, env, org, ident, provider, supplier, contracts, sources, stage,
                registered, ei_connected, n_file):
    """One environment (`qa` or `prod`) at the given stage."""
    done_fs = stage >= 1
    label = "v1.0" if env == "qa" else "v1.1 (uppdaterad med testresultat)"
    e = {"feasibility_study": {
        "document_name": f"Förstudie NKRR {provider['name']} {label}",
        "submitted": step(True, dates),
        "case_number": f"KS-{dates.d.year}-{rng.randint(100, 99999):05d}",
        "approved": step(done_fs, dates),
    }}
    e["siths_certificate"] = {"name": "SITHS e-id Function CA", "installed": stage >= 1 or rng.random() < 0.5}
    order = {"submitted": step(stage >= 1, dates), "approved": step(stage >= 2, dates)}
    if stage >= 1 and rng.random() < 0.7:
        order["order_number"] = f"BS-{dates.d.year}-{rng.randint(1, 9999):04d}"
    e["order"] = order
    owner = supplier if supplier else provider
    e["producer"] = {
        "organisation": owner["name"],
        "system_name": owner["system"],
        "hsa_id": owner["producer_hsa_id"],
        "registered": registered,
    }
    e["source_systems"] = [{"hsa_id": s_id, "name": s_name} for s_id, s_name in sources]
    host = owner["host"] + ("-qa" if env == "qa" else "") + "." + owner["domain"]
    entries = []
    for c in contracts:
        entry = {"name": f"{c['name']} v{c['major_version']}", "url": contract_url(host, c)}
        if registered and rng.random() < 0.4:
            entry["existing_routings"] = [sources[0][0]]
            if rng.random() < 0.3:
                entry["existing_nkrr_permissions"] = [sources[0][0]]
        entries.append(entry)
    e["contracts"] = entries
    e["engagement_index"] = {"connected": ei_connected}
    return e


def onboarding(rng, i, used_orgs, contracts_all, suppliers):
    kind = rng.random()
    stem = rng.choice(REGION_STEMS) + rng.choice(REGION_TAILS)
    if kind < 0.25:
        name = f"Region {stem}"
    elif kind < 0.5:
        name = f"{stem}s kommun"
    else:
        name = f"{stem} {rng.choice(PRIVATE_KINDS)}"
    org = org_number(rng, used_orgs)
    ident = f"{i + 1:012d}"
    domain = ascii_fold(stem) + f"{i + 1}"
    provider = {
        "name": name,
        "hsa_id": f"SE{org}-E{ident}",
        "system": f"{stem}s journalintegration",
        "producer_hsa_id": f"SE{org}-T{ident}",
        "host": rng.choice(["tp", "ip", "rtp", "ntjp"]),
        "domain": domain + ".example",
    }
    supplier = rng.choice(suppliers) if kind >= 0.5 and rng.random() < 0.6 else None
    stage = rng.choices([0, 1, 2, 3, 4], weights=[2, 2, 3, 2, 2])[0]
    start = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 500))
    dates = Dates(rng, start)

    doc = {"care_provider": {"hsa_id": provider["hsa_id"], "name": name}}
    if supplier:
        doc["supplier"] = {"name": supplier["name"]}
    agreements = {
        "personal_data_processing": step(True, dates),
        "customer_agreement": step(True, dates, "Kundavtal 1 signerat." if rng.random() < 0.3 else None),
    }
    if supplier:
        agreements["agent_agreement"] = {"done": True, "date": supplier["agent_date"]}
    doc["agreements"] = agreements
    first, last = rng.choice(FIRST), rng.choice(LAST)
    cp = {"name": f"{first} {last}", "email": f"{ascii_fold(first)}.{ascii_fold(last)}@{provider['domain']}"}
    if rng.random() < 0.8:
        cp["phone"] = rng.choice([
            f"0{rng.randint(10, 999)}-{rng.randint(10, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"+46 {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        ])
    nkrr_name, nkrr_phone = rng.choice(NKRR_CONTACTS)
    nkrr = {"name": nkrr_name, "email": f"{ascii_fold(nkrr_name.replace(' ', '.'))}@nkrr.example"}
    nkrr["email"] = ".".join(ascii_fold(p) for p in nkrr_name.split()) + "@nkrr.example"
    if nkrr_phone:
        nkrr["phone"] = nkrr_phone
    doc["contacts"] = {"care_provider": cp, "nkrr": nkrr}

    owner_org = supplier["org"] if supplier else org
    sources = []
    for k in range(rng.choices([1, 2, 3], weights=[6, 3, 1])[0]):
        s_name = f"{stem}{rng.choice(JOURNAL_NAMES)}, {name}" if k == 0 else f"{rng.choice(JOURNAL_NAMES).capitalize()}, {name}"
        sources.append((f"SE{owner_org}-S{ident}{k + 1}", s_name))
    contracts = sorted(rng.sample(contracts_all, rng.randint(1, 5)), key=lambda c: (c["name"], c["major_version"]))
    # At most one version of a contract per onboarding.
    seen, picked = set(), []
    for c in contracts:
        if c["name"] not in seen:
            seen.add(c["name"])
            picked.append(c)
    registered = supplier is not None or rng.random() < 0.3
    ei = registered and rng.random() < 0.6
    doc["qa"] = environment(rng, dates, "qa", org, ident, provider, supplier, picked, sources,
                            stage, registered, ei, i)
    if stage >= 2:
        passed = stage >= 3
        aggregating = rng.random() < 0.3
        patients = []
        for pnr in rng.sample(["191212121212", "201212121212"], rng.randint(1, 2)):
            patients.append({"personnummer": pnr, "name": "Tolvan Tolvansson",
                             "form_dates": [dates.next(1, 10) for _ in range(rng.randint(1, 3))]})
        test = {"addressing": "aggregating" if aggregating else "direct", "patients": patients,
                "whitelisting_done": passed or rng.random() < 0.5,
                "communication_test": step(passed, dates)}
        if passed:
            status = rng.choice(["in_progress", "done"])
            cv = {"status": status}
            if status == "done":
                cv["date"] = dates.next()
                cv["comment"] = "Verifierat mot informationsspecifikationen för Producenttest."
        else:
            cv = {"status": "not_started"}
        test["content_verification"] = cv
        doc["test"] = test
    if stage >= 4:
        doc["prod"] = environment(rng, dates, "prod", org, ident, provider, supplier, picked,
                                  sources, 1, registered and rng.random() < 0.5, False, i)
    header = [
        "# yaml-language-server: $schema=../schema/onboarding.schema.json",
        "#",
        f"# {name}: {['agreements signed, förstudie submitted', 'QA ordered', 'QA connected, test planned', 'QA tested', 'PROD ordered'][stage]}.",
    ]
    return provider["hsa_id"], doc, header


INVALID_KINDS = ["misspelt-key", "invalid-hsa-id", "url-with-equals", "wrong-type"]


def make_invalid(doc, kind):
    if kind == "misspelt-key":
        cp = doc["care_provider"]
        doc["care_provider"] = {"hsa_id": cp["hsa_id"], "nmae": cp["name"]}
    elif kind == "invalid-hsa-id":
        doc["qa"]["producer"]["hsa_id"] = doc["qa"]["producer"]["hsa_id"].replace("-T", " T", 1)
    elif kind == "url-with-equals":
        doc["qa"]["contracts"][0]["url"] += "?version=3"
    elif kind == "wrong-type":
        doc["qa"]["siths_certificate"]["installed"] = "yes"


PLAIN_OK = re.compile(r"^[A-Za-zÅÄÖåäöé0-9+][^#]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        if DATE.match(v):
            return v
        # Numbers and YAML keywords must be quoted to stay strings; the rest is plain where safe.
        if (PLAIN_OK.match(v) and not re.fullmatch(r"[0-9.+-]+|yes|no|true|false|null|on|off", v, re.I)
                and ": " not in v and not v.endswith(" ")):
            return v
        return json.dumps(v, ensure_ascii=False)
    return json.dumps(v)


def emit(value, indent, out):
    pad = "  " * indent
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, (dict, list)) and v:
                out.append(f"{pad}{k}:")
                emit(v, indent + 1, out)
            elif isinstance(v, list):
                out.append(f"{pad}{k}: []")
            else:
                out.append(f"{pad}{k}: {scalar(v)}")
    else:
        for item in value:
            if isinstance(item, dict):
                lines = []
                emit(item, indent + 1, lines)
                first = lines[0][len(pad) + 2:]
                out.append(f"{pad}- {first}")
                out.extend(lines[1:])
            else:
                out.append(f"{pad}- {scalar(item)}")


def to_yaml(doc, header):
    out = list(header)
    for i, (k, v) in enumerate(doc.items()):
        if i > 0 and k not in ("supplier",):
            out.append("")
        emit({k: v}, 0, out)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--json", action="store_true", help="also write the documents as JSON")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    used = set()
    suppliers = []
    for s in SUPPLIERS:
        org = org_number(rng, used)
        host = ascii_fold(s.split()[0])
        suppliers.append({"name": s, "org": org, "system": f"{s.split()[0]} Moln",
                          "producer_hsa_id": f"SE{org}-T000000000001", "host": "nt",
                          "domain": host + ".example",
                          "agent_date": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"})
    contracts_all = load_contracts()
    folder = os.path.join(args.out, "onboardings")
    os.makedirs(folder, exist_ok=True)
    json_folder = os.path.join(args.out, "json")
    if args.json:
        os.makedirs(json_folder, exist_ok=True)
    invalid = []
    for i in range(args.n):
        hsa_id, doc, header = onboarding(rng, i, used, contracts_all, suppliers)
        if i % 100 == 50:
            kind = INVALID_KINDS[(i // 100) % len(INVALID_KINDS)]
            make_invalid(doc, kind)
            invalid.append(f"{hsa_id}.yaml {kind}")
        with open(os.path.join(folder, f"{hsa_id}.yaml"), "w", encoding="utf-8") as f:
            f.write(to_yaml(doc, header))
        if args.json:
            with open(os.path.join(json_folder, f"{hsa_id}.json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
    with open(os.path.join(args.out, "invalid.txt"), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in invalid))
    print(f"{args.n} onboardings ({len(invalid)} invalid) in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
