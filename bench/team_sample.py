#!/usr/bin/env python3
"""A stand-in for "a team's own data": N perfect matched pairs (joined CSV, one row per Stripe charge with its
NetSuite posting) shaped unlike the hand-set generator: fiscal year from July, a Q4 peak, a different price list
(cheaper monthly plans, pricey annual ones), metered usage with a log-normal tail, migration services, 45% invoices,
and an exponential posting lag (mean 90 min) cut at the billing day's last second.
Usage: bench/team_sample.py [N] [OUT.csv]   (stdlib only; seeded, so the same file every time)"""
import csv, datetime as dt, math, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
out = sys.argv[2] if len(sys.argv) > 2 else "bench/out/team-sample.csv"
rng = random.Random(2024)
b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
plans = [("plan_team_monthly", "subscription", "Team (monthly)", 1900, 30), ("plan_team_annual", "subscription", "Team (annual)", 19000, 8),
         ("plan_scale_monthly", "subscription", "Scale (monthly)", 14900, 14), ("plan_scale_annual", "subscription", "Scale (annual)", 149000, 6),
         ("usage_events", "usage", "Metered events", None, 32), ("svc_migration", "services", "Data migration", None, 10)]
month_weight = [1.0, 0.9, 1.0, 1.3, 1.6, 2.2, 0.7, 0.8, 1.0, 0.9, 1.0, 1.1]   # Jul..Jun, Oct-Dec peak
start = dt.datetime(2025, 7, 1)
rid = lambda k: "".join(rng.choice(b62) for _ in range(k))
customers = ["cus_" + rid(14) for _ in range(1500)]
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "object", "customer_id", "plan_id", "product_line", "description", "amount", "created", "tran_date", "credit_usd", "metadata_external_id"])
    for i in range(n):
        m = rng.choices(range(12), month_weight)[0]
        first = (start.replace(day=1) + dt.timedelta(days=31 * m)).replace(day=1)
        days = ((first + dt.timedelta(days=32)).replace(day=1) - first).days
        created = first + dt.timedelta(seconds=rng.randrange(days * 86400))
        pid, line, desc, price, _ = rng.choices(plans, [p[4] for p in plans])[0]
        cents = price if price else (max(100, round(math.exp(rng.gauss(10.2, 0.9)))) if line == "usage" else 18000 * rng.randint(4, 40))
        day_end = created.replace(hour=23, minute=59, second=59)
        posted = min(created + dt.timedelta(seconds=round(rng.expovariate(1 / 5400))), day_end)
        invoice = rng.random() < 0.45
        amount = f"{cents // 100}.{cents % 100:02d}"
        w.writerow([("in_" if invoice else "ch_") + rid(24), "invoice" if invoice else "charge", rng.choice(customers), pid, line, desc,
                    amount, created.strftime("%Y-%m-%d %H:%M:%S"), posted.strftime("%Y-%m-%d %H:%M:%S"), amount, f"INV-{i + 1:08d}"])
print(f"wrote {n} pairs to {out}")
