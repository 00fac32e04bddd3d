#!/usr/bin/env python3
"""Writes a production-like LLM log (JSONL) of a given size for bench/corpus-bench.sh.

Deterministic under --seed. The mix, per line:
  shape   60% OpenAI chat `messages` (+ usage.completion_tokens), 25% completion-style `prompt`
          (+ output_tokens), 15% Anthropic-style `request` {system, messages} + `response` {usage | content}
  input   55% short (40-450 words), 30% medium (500-1,800), 15% long (2,100-6,000); ~1 token per word
  output  80% a count, 10% the answer text (counted by the tokenizer), 10% unknown
  PII     ~20% of prompts carry one or two of: e-mail, phone, card, IBAN, IP, SSN, API key, JWT
  noise   ~5% exact or whitespace-variant duplicates of earlier prompts, 0.1% malformed lines
usage: bench/corpus-gen.py OUT.jsonl SIZE_MB [--seed N]
"""
import json
import random
import sys

PII = [
    "jane.doe{n}@example.com", "+44 20 7946 {n:04d}", "(415) 555-{n:04d}", "4111 1111 1111 1111",
    "DE89 3704 0044 0532 0130 00", "10.{a}.{b}.7", "536-22-8143", "sk-proj-abc{n}DEF456ghi789JKL012mno",
    "AKIAIOSFODNN7EXAMPLE",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
]
NOISE = ["order #4471-2290-{n:04d}", "v10.0.{a}", "2024-03-{b:02d}", "$1,299.99", "commit 3f9a2c1d8e7b6a5f", "at 14:{b:02d}"]


def main():
    args = sys.argv[1:]
    seed = 1
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    out, size_mb = args[0], float(args[1])
    rnd = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ne", "tor", "pa", "ri", "sen", "du", "ve", "gra", "fin", "ta", "sho", "bel", "qua"]
    vocab = ["".join(rnd.choice(syllables) for _ in range(rnd.randint(1, 3))) for _ in range(3000)]
    vocab += ["the", "a", "of", "and", "to", "in", "is", "for", "with", "that", "please", "explain", "code", "error"] * 40
    target = int(size_mb * 1_000_000)
    written = 0
    recent = []
    with open(out, "w", encoding="utf-8") as f:
        n = 0
        while written < target:
            n += 1
            line = make_line(rnd, vocab, recent, n)
            f.write(line)
            f.write("\n")
            written += len(line.encode("utf-8")) + 1
    print(f"{out}: {written / 1e6:.1f} MB, {n} lines", file=sys.stderr)


def text(rnd, vocab, n):
    r = rnd.random()
    words = rnd.randint(40, 450) if r < 0.55 else rnd.randint(500, 1800) if r < 0.85 else rnd.randint(2100, 6000)
    parts = rnd.choices(vocab, k=words)
    if rnd.random() < 0.2:
        for _ in range(rnd.randint(1, 2)):
            parts.insert(rnd.randrange(len(parts)), rnd.choice(PII).format(n=n % 10000, a=n % 250, b=n % 28 + 1))
    for _ in range(rnd.randint(0, 3)):
        parts.insert(rnd.randrange(len(parts)), rnd.choice(NOISE).format(n=n % 10000, a=n % 250, b=n % 28 + 1))
    return " ".join(parts)


def make_line(rnd, vocab, recent, n):
    if rnd.random() < 0.001:
        return '{"prompt": "truncated line'
    if recent and rnd.random() < 0.05:
        prompt = rnd.choice(recent)
        if rnd.random() < 0.5:
            prompt = "  " + prompt.replace(" ", "  ", 3) + "\n"
    else:
        prompt = text(rnd, vocab, n)
        if len(recent) < 200:
            recent.append(prompt)
        elif rnd.random() < 0.01:
            recent[rnd.randrange(200)] = prompt
    r = rnd.random()
    output = rnd.randint(20, 1500)
    if r < 0.60:
        record = {"id": f"req-{n}", "model": "gpt-4o", "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": prompt}]}
        if rnd.random() < 0.8:
            record["usage"] = {"prompt_tokens": 0, "completion_tokens": output}
        elif rnd.random() < 0.5:
            record["response"] = " ".join(rnd.choices(vocab, k=output // 4))
    elif r < 0.85:
        record = {"id": f"req-{n}", "prompt": prompt}
        if rnd.random() < 0.9:
            record["output_tokens"] = output
        record["category"] = rnd.choice(["support", "code", "search"])
    else:
        record = {"request": {"model": "claude-sonnet-4", "system": "Answer briefly.", "messages": [{"role": "user", "content": [{"type": "text", "text": prompt}]}]},
                  "response": {"usage": {"input_tokens": 0, "output_tokens": output}} if rnd.random() < 0.7 else {"content": [{"type": "text", "text": " ".join(rnd.choices(vocab, k=output // 4))}]}}
    return json.dumps(record, ensure_ascii=False)


if __name__ == "__main__":
    main()
