#!/usr/bin/env python3
"""Writes a valid questionnaire with loops of N questions (default 5000, counted as
`cati check` counts them: each loop round's questions count once per round) to
standard output, for timing `cati check` on loops (bench/check-loops.sh).

Each block: a multi of 4 services and a loop over it (a scale, a single, a text under
an `if`, a compute and a warn per round: 4 rounds), then a number 0..3 and a loop over
it (a single per round), then a scale after the loops that reads round 1's answer.

    python3 bench/gen_loops.py 5000 > bench/out/loops5000.cati
"""
import sys


def block(i):
    return f'''# ---- block {i}
multi sv{i} "Block {i}: which services did you use?"
  1 a "Registry"
  2 b "Taxes"
  3 c "Schools"
  4 d "Permits" other
loop srv{i} over sv{i}
  scale mark{i} "Your mark for {{srv{i}}}, from 1 to 10?" 1..10 allow dk
    1 "Worst"
    10 "Best"
  single way{i} "How did you reach {{srv{i}}}?"
    1 tel "Phone"
    2 desk "Desk"
    3 web "Web" other
  if mark{i} <= 5 and srv{i} <> d
    text why{i} "Why {{mark{i}}} for {{srv{i}}}?" max 80 optional
  end
  compute low{i} = mark{i} <= 5
  warn mark{i} = 10 and way{i} = web "Confirm {{mark{i}}} for {{srv{i}}} on the web"
end
number calls{i} "How many calls in block {i}?" range 0..3
loop call{i} over calls{i}
  single solved{i} "Did call {{call{i}}} solve it?"
    1 yes "Yes"
    2 no "No"
end
scale overall{i} "Overall, after {{mark{i}_1}} for the registry?" 1..10
'''


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    per_block = 1 + 4 * 3 + 1 + 3 + 1  # multi, 4 rounds of 3, number, 3 rounds, scale
    out = ['survey loops "Generated questionnaire with loops"', "version 1", "language it", ""]
    blocks = n // per_block
    for i in range(1, blocks + 1):
        out.append(block(i))
    for j in range(n - blocks * per_block):  # the rest as plain scales
        out.append(f'scale extra{j} "Extra {j}?" 1..10')
    sys.stdout.write("\n".join(out) + "\n")


main()
