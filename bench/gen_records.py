#!/usr/bin/env python3
"""Generates N interview records for questionnaires/cc_parma.cati, shaped like the
ones `cati` writes (data.md): complete, screened-out and over-quota interviews in
realistic proportions, answers that follow the routing, quota_cells, paradata with
seconds per question, rotated grid orders, the odd note, warning and "other" text.
Complete records are about 1.1-1.6 KB, like real ones with free-text answers.

    bench/gen_records.py N OUT.jsonl [--seed S]

Prints the number of records per status, and per tipo_motivo cell of the completes
(what `cati quotas` must find), as JSON on stdout.
"""
import argparse
import json
import random
import sys
import time

TIPI = {1: "privato", 2: "azienda", 3: "ente"}
MOTIVI = {1: "anagrafe", 2: "tributi", 3: "scuola", 4: "sociale", 5: "mobilita",
          6: "edilizia", 7: "ambiente", 8: "generali", 9: "altro"}
ASPETTI = ["attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso"]
INTERVIEWERS = ["maria", "luca", "giulia", "paolo", "chiara", "marco", "sara", "davide",
                "elena", "andrea", "francesca", "matteo"]
WORDS = ("il servizio è stato utile ma l'attesa al telefono era lunga e l'operatore "
         "non sapeva dove trovare le informazioni sulla pratica per la residenza e "
         "per il pagamento della tassa sui rifiuti ho dovuto richiamare due volte "
         "gentili però competenti orari comodi sarebbe meglio poter prenotare online "
         "con un sms di conferma anche il sabato mattina grazie ufficio tributi "
         "anagrafe certificato carta d'identità scuola mensa iscrizione permesso ZTL").split()
ODD = ['ha detto "status":"complete" ridendo', 'risposta con \\ barra e "virgolette"',
       'più canali → più confusione', 'quota_cells? non lo so {}', 'ok\tcon tab']
ENTI = ["Studio Bianchi & Associati", "Ferrari Costruzioni srl", "Associazione Amici del Parco",
        "Parrocchia di San Leonardo", "Idraulica Rossi snc", "Cooperativa Sociale Il Ponte",
        "Scuola dell'infanzia Arcobaleno", "Farmacia Centrale", "Provincia di Parma"]

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def ulid(ms, rng):
    out = []
    t = ms
    for _ in range(10):
        out.append(CROCKFORD[t % 32])
        t //= 32
    head = "".join(reversed(out))
    return head + "".join(rng.choice(CROCKFORD) for _ in range(16))


def stamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def sentence(rng, lo, hi):
    n = rng.randint(lo, hi)
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    if rng.random() < 0.02:
        text += " " + rng.choice(ODD)
    return text[0].upper() + text[1:]


def secs(rng, lo, hi):
    return round(rng.uniform(lo, hi), 1)


def record(k, rng, clock):
    started = clock
    answers = {}
    seconds = {"intro": secs(rng, 8, 40)}
    visits = {}
    order = {}
    warnings = []
    notes = []
    cells = {}
    roll = rng.random()
    # about 12% decline, 10% fall in a full cell, the rest complete
    if roll < 0.12:
        status = "screened-out"
        answers["consenso"] = 2
        seconds["consenso"] = secs(rng, 2, 15)
    else:
        answers["consenso"] = 1
        seconds["consenso"] = secs(rng, 1, 8)
        tipo = rng.choices([1, 2, 3], weights=[65, 22, 13])[0]
        answers["tipo"] = tipo
        if rng.random() < 0.3:
            seconds["tipo"] = secs(rng, 2, 9)
        if tipo == 1:
            answers["eta"] = rng.choice([1, 2, 3, 4, 5, 1, 2, 3]) if rng.random() > 0.03 else {"missing": "refused"}
            seconds["eta"] = secs(rng, 2, 12)
        else:
            answers["ragione"] = rng.choice(ENTI) if rng.random() > 0.05 else {"missing": "refused"}
            seconds["ragione"] = secs(rng, 5, 30)
        motivo = rng.choices(list(MOTIVI), weights=[22, 18, 12, 8, 12, 6, 10, 8, 4])[0]
        answers["motivo"] = motivo
        if motivo == 9:
            answers["motivo_other"] = sentence(rng, 2, 8)
        if rng.random() < 0.4:
            seconds["motivo"] = secs(rng, 3, 20)
        cell = "ente,*" if tipo == 3 else TIPI[tipo] + "," + MOTIVI[motivo]
        cells = {"tipo_motivo": cell, "per_tipo": TIPI[tipo]}
        status = "over-quota" if roll < 0.22 else "complete"
    if status == "complete":
        canali = sorted(rng.sample([1, 2, 3, 4], rng.choices([1, 2, 3, 4], weights=[50, 30, 15, 5])[0]))
        answers["canali"] = canali
        seconds["canali"] = secs(rng, 4, 25)
        if 1 in canali:
            answers["chiamate"] = rng.randint(1, 30) if rng.random() > 0.1 else {"missing": "dk"}
            seconds["chiamate"] = secs(rng, 2, 15)
        grid = ASPETTI[:]
        rng.shuffle(grid)
        order["aspetti"] = grid
        for name in ASPETTI:
            answers[name] = rng.randint(1, 10) if rng.random() > 0.05 else {"missing": "dk"}
            seconds[name] = secs(rng, 2, 14)
        voto = rng.randint(1, 10) if rng.random() > 0.03 else {"missing": "dk"}
        answers["voto"] = voto
        seconds["voto"] = secs(rng, 2, 12)
        if isinstance(voto, int) and voto >= 9 and isinstance(answers["attesa"], int) and answers["attesa"] <= 3:
            warnings.append("Voto complessivo molto alto ma tempo di attesa giudicato pessimo: "
                            "rileggere i due voti all'intervistato e confermare o correggere.")
        if isinstance(voto, int) and voto <= 5:
            answers["perche"] = sentence(rng, 8, 40) if rng.random() > 0.05 else {"missing": "dk"}
            seconds["perche"] = secs(rng, 20, 120)
        answers["insoddisfatto"] = isinstance(voto, int) and voto <= 5
        if all(isinstance(answers[a], int) for a in ASPETTI):
            answers["media"] = sum(answers[a] for a in ASPETTI) / 7
        answers["risolto"] = rng.choice([1, 1, 2, 3])
        seconds["risolto"] = secs(rng, 2, 10)
        answers["consiglia"] = rng.choice([1, 2, 3, 4]) if rng.random() > 0.05 else {"missing": "dk"}
        seconds["consiglia"] = secs(rng, 2, 10)
        if rng.random() < 0.45:
            answers["suggerimenti"] = sentence(rng, 5, 30)
        seconds["suggerimenti"] = secs(rng, 3, 90)
        answers["sesso"] = rng.choice([1, 2])
        seconds["sesso"] = secs(rng, 0.5, 3)
        if answers["tipo"] == 1:
            answers["studio"] = rng.choice([1, 2, 3, 4]) if rng.random() > 0.04 else {"missing": "refused"}
            seconds["studio"] = secs(rng, 2, 10)
            answers["residenza"] = rng.choice([1, 1, 1, 2])
            seconds["residenza"] = secs(rng, 1, 6)
            if answers["residenza"] == 2:
                answers["comune"] = rng.choice(["Fidenza", "Collecchio", "Noceto", "Sorbolo", "Langhirano",
                                                "Salsomaggiore Terme", "Reggio nell'Emilia"])
                seconds["comune"] = secs(rng, 2, 10)
        else:
            answers["sede"] = rng.choice([1, 1, 2])
            seconds["sede"] = secs(rng, 1, 6)
        seconds["fine"] = secs(rng, 3, 12)
        if rng.random() < 0.08:
            visits = {"voto": 2}
        if rng.random() < 0.03:
            notes.append({"at": "voto", "text": sentence(rng, 4, 15)})
    duration = sum(seconds.values()) + rng.uniform(5, 60)
    finished = started + duration
    paradata = {"seconds": seconds, "visits": visits, "order": order,
                "warnings_confirmed": warnings, "notes": notes}
    rec = {"survey": "cc_parma", "version": 1,
           "questionnaire_sha256": "fad684ccc9f5d35d1d1da77967cb78e08a54cfaf3304c782ef6680ef6c4d8874",
           "id": ulid(int(started * 1000), rng), "respondent": "R%07d" % (k + 1),
           "interviewer": rng.choice(INTERVIEWERS), "status": status,
           "started": stamp(started), "finished": stamp(finished),
           "answers": answers, "quota_cells": cells, "paradata": paradata}
    return rec, finished


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clock = 1_795_000_000.0  # 2026-11
    statuses = {}
    cells = {}
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(args.out, "w", encoding="utf-8") as out:
        batch = []
        for k in range(args.n):
            rec, end = record(k, rng, clock)
            clock += rng.uniform(1, 20)
            statuses[rec["status"]] = statuses.get(rec["status"], 0) + 1
            if rec["status"] == "complete":
                c = rec["quota_cells"]["tipo_motivo"]
                cells[c] = cells.get(c, 0) + 1
            batch.append(dumps(rec))
            if len(batch) == 10000:
                out.write("\n".join(batch) + "\n")
                batch = []
        if batch:
            out.write("\n".join(batch) + "\n")
    json.dump({"records": args.n, "status": statuses, "tipo_motivo": dict(sorted(cells.items()))}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
