#!/usr/bin/env python3
"""Writes a valid questionnaire of N questions (default 5000; counted as `cati check`
counts them, info screens not included) to standard output, for
timing `cati check`: every kind of question, option flags, attributes, nested if /
elseif / else, `if` attributes, computes, checks, warnings, fills, a sample variable
and two quotas (one interlocked with `*`, declared above its variables).

    python3 bench/gen_questionnaire.py 5000 > bench/out/q5000.cati

The file checks with no error and no warning; the same N always gives the same file.
"""
import sys


def block(i):
    """Eight questions, two info screens and a few other statements, numbered i."""
    return f'''# ---- block {i}
single s{i} "Block {i}: who are you calling for, {{interviewer}}?" preload
  1 a "Private person"
  2 b "Business"
  3 c "Public body" other
multi m{i} "Which channels have you used? ({{s{i}}})" pick 1..3 rotate
  1 x "Telephone"
  2 y "E-mail"
  3 z "Web form"
  8 o "Something else" other fixed
  9 none "None of these" exclusive fixed
number n{i} "How many calls in the last year?" range 0..100 allow dk
text t{i} "Your comment" "on block {i}?" max 80 optional
scale v{i} "From 1 to 10, your mark?" 1..10 allow dk, refused
  1  "Worst"
  10 "Best"
grid g{i} "Rate each aspect" scale 1..5 rotate
  g{i}_speed "Speed"
  g{i}_courtesy "Courtesy"
  g{i}_clarity "Clarity" fixed
info i{i} "Thank you: {{t{i}}} ({{s{i}}}, {{m{i}}}, {{sample.region}})."
if s{i} = a and m{i} has x
  number k{i} "How many by phone?" range 1..99 if n{i} > 5
elseif s{i} in (b, c) or count(m{i}) >= 2
  text r{i} "Company name?" max 120 allow refused
else
  info e{i} "Nothing more on this."
end
compute c{i} = n{i} * 2 + v{i} - (g{i}_speed + g{i}_courtesy) / 2
compute low{i} = v{i} <= 3 or dk(v{i})
check c{i} >= -10 "Computed value out of range: {{c{i}}}"
warn n{i} > 90 and v{i} < 2 "Many calls but a very low mark: confirm."
'''


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    per_block = 8
    blocks, rest = divmod(n, per_block)
    out = [
        f'survey bench{n} "Benchmark questionnaire with {n} questions"',
        'version 1',
        '',
        'sample region single "Region from the sample"',
        '  1 north "North"',
        '  2 south "South"',
        '',
    ]
    if blocks:  # the quotas are by s0, the first block's first question
        out[3:3] = [
            '# an interlocked quota declared above its variables, with `*`',
            'quota region_type "Region by type" by region, s0 full "We have enough interviews like yours."',
            '  north, *: 500',
            '  south, a: 200',
            '  south, b: 100',
            '  south, c: 50',
            'end',
            '',
        ]
    for i in range(blocks):
        out.append(block(i))
    for j in range(rest):
        out.append(f'number extra{j} "Extra question {j}?" range 0..9')
    if blocks:
        out += ['', 'quota per_type by s0', '  a: 600', '  b: 300', '  c: 100', 'end']
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
