#!/usr/bin/env python3
"""Writes questionnaires/cc_parma-sample.csv: the 40 hand-made cases first, then
synthetic Contact Center users (default 3,960, total 4,000) in the seed survey's mix of
user type and call reason (the proportions of cc_parma.cati's quota targets), with a few
unknown cells as in the hand-made rows. Deterministic: the same seed, the same file.

    python3 bench/gen_sample.py [--extra 3960] [--seed 2009]
"""
import argparse, csv, io, random, sys

FIRST = ("Maria Giuseppe Anna Francesco Giovanna Luca Paola Roberto Elena Marco Chiara Alessandro Silvia "
         "Davide Francesca Stefano Laura Andrea Valentina Simone Federica Matteo Giulia Lorenzo Sara Daniele "
         "Martina Carla Roberta Paolo Giorgio Alberto Cristina Monica Fabio Massimo Antonella Claudio Ilaria "
         "Emanuele Beatrice Riccardo Tiziana Gianluca Barbara Enrico Sofia Pietro Alessia Nicola").split()
LAST = ("Rossi Ferrari Bianchi Russo Colombo Ricci Marino Greco Bruno Gallo Conti De\u00a0Luca Mancini Costa "
        "Giordano Rizzi Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli Martini "
        "Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De\u00a0Santis Ferri Fabbri Bertolini "
        "Pellegrini Carrara Ghirardi Pezzani Azzali Bocchi Dall'Aglio Ferrarini Zanichelli Tagliavini").split()
LAST = [n.replace("\u00a0", " ") for n in LAST]
FIRMS = ("Studio tecnico|Ferramenta|Trasporti|Panificio|Agenzia immobiliare|Studio commercialista|"
         "Impresa edile|Officina|Farmacia|Bar|Autoscuola|Tipografia|Lavanderia|Geom.|Arch.").split("|")
SUFFIX = ["", " snc", " srl", " sas", " & C."]
ENTI = ("Associazione|Parrocchia di San|Cooperativa sociale|Istituto comprensivo|Circolo|Polisportiva|"
        "Fondazione|Scuola dell'infanzia").split("|")

# cc_parma.cati's quota: tipo × motivo targets (ente: any motivo, spread evenly).
MOTIVI = ["anagrafe", "tributi", "scuola", "sociale", "mobilita", "edilizia", "ambiente", "generali", "altro"]
PRIVATO = [180, 140, 110, 70, 100, 40, 80, 50, 30]
AZIENDA = [15, 70, 5, 5, 40, 60, 35, 10, 10]
ENTE = [150 / 9] * 9

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--extra", type=int, default=3960)
    ap.add_argument("--seed", type=int, default=2009)
    ap.add_argument("--base", default="questionnaires/cc_parma-sample.csv")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.base, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, base = rows[0], [r for r in rows[1:] if r and int(r[0][1:]) <= 40][:40]
    cells = [("privato", m, w) for m, w in zip(MOTIVI, PRIVATO)] + \
            [("azienda", m, w) for m, w in zip(MOTIVI, AZIENDA)] + [("ente", m, w) for m, w in zip(MOTIVI, ENTE)]
    weights = [w for _, _, w in cells]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(header)
    for r in base:
        w.writerow(r)
    for k in range(41, 41 + args.extra):
        tipo, motivo, _ = rng.choices(cells, weights)[0]
        if tipo == "privato":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        elif tipo == "azienda":
            name = f"{rng.choice(FIRMS)} {rng.choice(LAST)}{rng.choice(SUFFIX)}"
        else:
            name = f"{rng.choice(ENTI)} {rng.choice(LAST)}"
        if rng.random() < 0.55:
            phone = f"0521 {rng.randint(100, 999)} {rng.randint(0, 999):03d}"
        else:
            phone = f"3{rng.randint(20, 49)} {rng.randint(0, 999):03d} {rng.randint(0, 9999):04d}"
        u = rng.random()
        if u < 0.03:
            tipo = ""          # not recorded by the Contact Center: asked in the interview
        elif u < 0.08:
            motivo = ""
        w.writerow([f"R{k:04d}", name, phone, tipo, motivo])
    sys.stdout.write(out.getvalue())

if __name__ == "__main__":
    main()
