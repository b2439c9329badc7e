#!/usr/bin/env python3
"""Reads a `cati export` back with the programs users open it in, and compares every
value with interviews.jsonl and every label with the codebook CSV.

  export_check.py csv  JSONL STATUS DATA.csv CODEBOOK.csv
  export_check.py spss JSONL STATUS FILE.sps CODEBOOK.csv   (runs pspp, reads the .sav with pyreadstat)
  export_check.py sss  JSONL STATUS FILE.sss DATA.csv CODEBOOK.csv   (reads with triple_s)

STATUS is a comma list or 'all'. Prints 'N records checked' and exits 0, or prints
every difference (at most 30) and exits 1.
"""
import csv, json, os, subprocess, sys

FIELDS = ["id", "respondent", "interviewer", "status", "started", "finished"]
FORMULA = ("=", "+", "-", "@", "\t", "\r")
problems = []


def problem(text):
    problems.append(text)


def records(path, status):
    wanted = None if status == "all" else set(status.split(","))
    with open(path, encoding="utf-8") as f:
        out = [json.loads(line) for line in f if line.strip()]
    return [r for r in out if wanted is None or r["status"] in wanted]


def codebook(path):
    book = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            row = {k: restore(v) for k, v in row.items()}
            entry = book.setdefault(row["variable"], {"kind": row["kind"], "question": row["question"],
                                                      "columns": row["columns"].split(), "codes": [],
                                                      "missing": {}, "range": row["range"]})
            if row["missing"]:
                entry["missing"][row["missing"]] = row["code"]
                entry.setdefault("missing_labels", {})[row["code"]] = row["label"]
            elif row["code"]:
                entry["codes"].append((int(row["code"]), row["label"]))
    return book


def restore(cell):
    """The text of a neutralised cell: one leading apostrophe dropped (docs/export.md)."""
    return cell[1:] if cell.startswith("'") else cell


def plain_number(text):
    body = text[1:] if text[:1] in "+-" else text
    return body.replace(".", "", 1).isdigit()


def other_owner(book, key):
    return key[:-6] if key.endswith("_other") and key[:-6] in book else None


def expected_cells(record, book, multi_bits=False):
    """Column name -> what the cell must hold (str), from the record and codebook."""
    cells = {k: ("" if record.get(k) is None else record[k]) for k in FIELDS}
    for name, entry in book.items():
        for column in entry["columns"]:
            cells[column] = ""
    for key, value in record["answers"].items():
        if other_owner(book, key):
            cells[key] = value
            continue
        if key not in book:
            problem(f"{record['id']}: answer {key} is in no codebook entry")
            continue
        entry = book[key]
        if isinstance(value, dict):
            code = entry["missing"].get(value["missing"])
            if code is None:
                problem(f"{record['id']}: {key} is {value} but the codebook has no code for it")
                continue
            if entry["kind"] == "multi" and not multi_bits:
                for c, _ in entry["codes"]:
                    cells[f"{key}_{c}"] = code
            else:
                cells[key] = ("missing", code)
        elif entry["kind"] == "multi":
            if multi_bits:
                cells[key] = ("codes", sorted(value))
            else:
                for c, _ in entry["codes"]:
                    cells[f"{key}_{c}"] = "1" if c in value else "0"
        elif isinstance(value, bool):
            cells[key] = "1" if value else "0"
        elif isinstance(value, (int, float)):
            cells[key] = ("number", value)
        else:
            cells[key] = value
    return cells


def same(expected, got, spreadsheet):
    """Whether a CSV cell holds the expected value."""
    if isinstance(expected, tuple):
        kind, value = expected
        if kind == "missing":
            return got == value
        if kind == "number":
            try:
                return float(got) == float(value)
            except ValueError:
                return False
    if spreadsheet and isinstance(expected, str):
        if got[:1] in FORMULA and not plain_number(got):
            problem(f"cell {got!r} would run as a formula")
        return restore(got) == expected
    return got == str(expected)


def check_csv(jsonl, status, data, book_path):
    book = codebook(book_path)
    recs = records(jsonl, status)
    with open(data, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if len(rows) != len(recs):
        problem(f"{len(rows)} rows for {len(recs)} records")
    for record, row in zip(recs, rows):
        for column, expected in expected_cells(record, book).items():
            if column not in row:
                problem(f"no column {column}")
            elif not same(expected, row[column], spreadsheet=True):
                problem(f"{record['id']} {column}: expected {expected!r}, got {row[column]!r}")
    return len(recs)


def cut(text, limit):
    text = text.replace("\n", " ").replace("\r", " ")
    out = b""
    for ch in text:
        b = ch.encode()
        if len(out) + len(b) > limit:
            break
        out += b
    return out.decode()


def check_spss(jsonl, status, sps, book_path):
    import pyreadstat
    run = subprocess.run(["pspp", os.path.basename(sps)], cwd=os.path.dirname(sps) or ".",
                         capture_output=True, text=True)
    said = (run.stdout + run.stderr).strip()
    if run.returncode != 0 or "error" in said.lower() or "warning" in said.lower():
        problem(f"pspp exit {run.returncode}: {said[:2000]}")
        return 0
    sav = sps[:-4] + ".sav"
    df, meta = pyreadstat.read_sav(sav, user_missing=True)
    book = codebook(book_path)
    recs = records(jsonl, status)
    if len(df) != len(recs):
        problem(f"{len(df)} cases for {len(recs)} records")
    labels = meta.column_names_to_labels
    values = meta.variable_value_labels
    for name, entry in book.items():
        for column in entry["columns"]:
            if column not in labels:
                problem(f"no variable {column} in the .sav")
                continue
            if column == name + "_other":
                want_label = "Other (specify) — " + entry["question"]
            elif entry["kind"] == "multi":
                code = int(column.rsplit("_", 1)[1])
                want_label = dict(entry["codes"])[code] + " — " + entry["question"]
            else:
                want_label = entry["question"] or labels[column]
            if labels[column] != cut(want_label, 255):
                problem(f"{column}: variable label {labels[column]!r}, expected {cut(want_label, 255)!r}")
            if column != name + "_other" and entry["kind"] not in ("multi", "text", "sample (text)"):
                want = {float(c): cut(l, 120) for c, l in entry["codes"]}
                want.update({float(c): cut(l, 120) for c, l in entry.get("missing_labels", {}).items()})
                if want and values.get(column) != want:
                    problem(f"{column}: value labels {values.get(column)}, expected {want}")
            declared = {r["lo"] for r in meta.missing_ranges.get(column, [])} | set(meta.missing_user_values.get(column, []) if hasattr(meta, "missing_user_values") else [])
            for code in entry["missing"].values():
                key = float(code) if entry["kind"] not in ("text", "sample (text)") else code
                if key not in declared and code not in {str(x).strip() for x in declared}:
                    problem(f"{column}: missing value {code} not declared ({declared})")
    for i, record in enumerate(recs):
        row = df.iloc[i]
        for column, expected in expected_cells(record, book).items():
            got = row[column]
            if isinstance(expected, tuple):
                ok = str(got).rstrip(" ") == expected[1] if isinstance(got, str) else got == float(expected[1])
            elif isinstance(got, float):
                ok = (expected == "" and got != got) or (expected != "" and got == float(expected))
            else:
                ok = got.rstrip(" ") == str(expected).rstrip(" ")
            if not ok:
                problem(f"{record['id']} {column}: expected {expected!r}, .sav has {got!r}")
    return len(recs)


def check_sss(jsonl, status, sss, data, book_path):
    import warnings
    import triple_s
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        survey = triple_s.read_datamap(sss)
        survey.load_data(data)
    df = survey.to_pandas()
    book = codebook(book_path)
    recs = records(jsonl, status)
    if len(df) != len(recs):
        problem(f"{len(df)} records read for {len(recs)}")
    for name, entry in book.items():
        question = survey.get_question(name)
        if question.label.value != cut(entry["question"], 10**6) and entry["question"]:
            problem(f"{name}: label {question.label.value!r}, expected {entry['question']!r}")
        if entry["kind"] in ("text", "sample (text)"):
            continue
        got = {c.code: c.label.value for c in question.response.values}
        want = dict(entry["codes"])
        want.update({int(c): l for c, l in entry.get("missing_labels", {}).items()})
        if entry["kind"] in ("scale", "grid item") and entry["range"]:
            lo, hi = (int(x) for x in entry["range"].split(".."))
            want = {**{c: str(c) for c in range(lo, hi + 1)}, **want}
        if entry["kind"] == "number":
            want = {int(c): l for c, l in entry.get("missing_labels", {}).items()}
        if (want or entry["kind"] == "number") and got != want:
            problem(f"{name}: values {got}, expected {want}")
    for i, record in enumerate(recs):
        row = df.iloc[i]
        for column, expected in expected_cells(record, book, multi_bits=True).items():
            got = row[column]
            if isinstance(expected, tuple) and expected[0] == "codes":
                ok = list(got or []) == expected[1]
            elif isinstance(expected, tuple) and expected[0] == "missing":
                entry = book[column]
                if entry["kind"] == "multi":
                    ok = list(got) == [int(expected[1])]
                elif isinstance(got, str):
                    ok = got == expected[1]
                else:
                    ok = float(got) == float(expected[1])
            elif isinstance(expected, tuple):
                ok = float(got) == float(expected[1])
            elif expected == "":
                ok = got is None or got == "" or got != got or (isinstance(got, list) and not got)
            elif isinstance(got, bool) or type(got).__name__ in ("bool_", "bool"):
                ok = bool(got) == (expected == "1")
            elif isinstance(got, (int, float)) and not isinstance(got, bool):
                ok = float(got) == float(expected)
            else:
                ok = got == expected
            if not ok:
                problem(f"{record['id']} {column}: expected {expected!r}, triple_s read {got!r}")
    return len(recs)


def main():
    mode = sys.argv[1]
    if mode == "csv":
        n = check_csv(*sys.argv[2:6])
    elif mode == "spss":
        n = check_spss(*sys.argv[2:6])
    elif mode == "sss":
        n = check_sss(*sys.argv[2:7])
    else:
        sys.exit(f"unknown mode {mode}")
    if problems:
        print("\n".join(problems[:30]))
        print(f"{len(problems)} problems")
        sys.exit(1)
    print(f"{n} records checked")


if __name__ == "__main__":
    main()
