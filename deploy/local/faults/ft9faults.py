#!/usr/bin/env python3
"""Faults against the running local suite, and the counts that say whether anything was lost or done twice.

For each fault, patients' messages arrive through Meta's signed webhook (two a second for 30 seconds, each from a new
contact, asking something the demo clinic's knowledge answers or not), retried as Meta retries a delivery that did not
get a 200; Stripe's signed invoice.paid events arrive the same way. In the middle the fault strikes and is undone. Then
the program waits for the suite to settle and counts, from the services' own tables and from the stub of Meta's Graph
API that the gateway sends through:
  sent        messages posted to the webhook
  accepted    answered 200 by the gateway (after Meta-like retries)
  answered    one bot reply delivered to Meta, or handed off to a person
  duplicates  a message stored twice, answered twice (in the gateway or at Meta), an automation run or step twice,
              a Stripe event applied twice
  lost        accepted and never answered nor handed off, an automation step that never ran, a Stripe event accepted
              and not applied
Standard library only; the suite's own scripts (control.sh, lib.sh) do the killing and restarting.
"""
import hashlib
import hmac
import http.server
import json
import os
import random
import subprocess
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
LOCAL = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(LOCAL, "demo"))
from ft9demo import BILLING, FLOW, GATEWAY, TENANT, call, sign_in  # noqa: E402

CONTROL = os.path.join(HERE, "control.sh")
GRAPH_PORT = int(os.environ.get("FT9_FAULTS_GRAPH_PORT", "8099"))
RATE_PER_SECOND = 2
WINDOW_SECONDS = 30
FAULT_AT_SECONDS = 6
META_RETRY_SECONDS = 240
SETTLE_SECONDS = 240
SCENARIOS = ["kill-memory", "kill-flow", "kill-gateway", "kafka", "kafka-kill9", "postgres", "postgres-kill9", "graph", "dead-letter"]
# In the dead-letter fault the gateway holds a send Meta refuses for this long (instead of ten minutes) before it
# dead-letters it; Meta's outage lasts longer, so some sends are dead-lettered and staff replay them afterwards.
DEAD_LETTER_HOLD = "PT8S"
DEAD_LETTER_OUTAGE_SECONDS = 30
DEADLETTERS = os.path.join(LOCAL, "deadletters.sh")


def local_env():
    values = {}
    with open(os.path.join(LOCAL, "local.env")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                values[key] = value.strip("'\"")
    return values


def control(*args, env=None):
    subprocess.run(["bash", CONTROL, *args], check=True, env={**os.environ, **(env or {})})


def sql(query):
    """Rows of a query on the suite's database, as lists of strings (psql as the local admin)."""
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", os.environ.get("DB_NAME", os.environ.get("PG_DB", "ft9")), "-AtF", "\t",
                          "-c", query], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def quoted(values):
    return ",".join("'" + v.replace("'", "''") + "'" for v in values) or "''"


class GraphStub(http.server.ThreadingHTTPServer):
    """Meta's Graph API as the gateway sees it: answers 200 with a message id, or the errors of a bad moment."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", GRAPH_PORT), GraphHandler)
        self.mode = "ok"
        self.lock = threading.Lock()
        self.delivered = {}  # (to, text) -> times Meta accepted it

    def deliveries(self, to, text):
        with self.lock:
            return self.delivered.get((to, text), 0)


class GraphHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        mode = self.server.mode
        if mode == "500":
            return self.answer(500, {"error": {"message": "An unexpected error has occurred. Please retry your request later.",
                                               "type": "OAuthException", "code": 2, "fbtrace_id": "AfaultsX"}})
        if mode == "429":
            return self.answer(429, {"error": {"message": "(#130429) Rate limit hit", "type": "OAuthException",
                                               "code": 130429, "fbtrace_id": "AfaultsY"}})
        to = body.get("to", "")
        text = (body.get("text") or {}).get("body", "")
        with self.server.lock:
            self.server.delivered[(to, text)] = self.server.delivered.get((to, text), 0) + 1
        self.answer(200, {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                          "messages": [{"id": "wamid.faults" + uuid.uuid4().hex}]})

    def answer(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Scenario:
    """One fault while messages and Stripe events flow, and what came of them."""

    def __init__(self, name, secrets, org_id, questions):
        self.name, self.secrets, self.org_id, self.questions = name, secrets, org_id, questions
        self.lock = threading.Lock()
        self.sent, self.accepted, self.stripe_sent, self.stripe_accepted = [], [], [], []

    def deliver(self, url, body, headers_of):
        """Posts until a 2xx, retrying like Meta and Stripe do (growing waits), for up to META_RETRY_SECONDS."""
        deadline, wait = time.time() + META_RETRY_SECONDS, 1.0
        while time.time() < deadline:
            try:
                status, _ = call("POST", url, raw=body, headers=headers_of(body))
            except Exception:  # the service is down: connection refused, reset
                status = 0
            if 200 <= status < 300:
                return True
            time.sleep(wait)
            wait = min(wait * 2, 15)
        return False

    def patient(self):
        wa_id = "55819" + "".join(random.choice("0123456789") for _ in range(8))
        wamid = "wamid.faults" + uuid.uuid4().hex
        text = random.choice(self.questions)
        body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{
            "field": "messages", "value": {
                "messaging_product": "whatsapp",
                "metadata": {"display_phone_number": "558132220000", "phone_number_id": self.secrets["DEMO_PHONE_NUMBER_ID"]},
                "contacts": [{"profile": {"name": "Paciente Falhas"}, "wa_id": wa_id}],
                "messages": [{"from": wa_id, "id": wamid, "timestamp": str(int(time.time())), "type": "text",
                              "text": {"body": text}}]}}]}]}).encode()
        secret = self.secrets["WHATSAPP_APP_SECRET"].encode()
        with self.lock:
            self.sent.append(wamid)
        if self.deliver(GATEWAY + "/webhooks/whatsapp", body,
                        lambda b: {"X-Hub-Signature-256": "sha256=" + hmac.new(secret, b, hashlib.sha256).hexdigest()}):
            with self.lock:
                self.accepted.append((wamid, wa_id))

    def payment(self):
        event_id, invoice_id = "evt_faults_" + uuid.uuid4().hex, "in_faults_" + uuid.uuid4().hex[:20]
        body = json.dumps({"id": event_id, "object": "event", "api_version": "2026-07-29.dahlia", "created": int(time.time()),
                           "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
                           "type": "invoice.paid", "data": {"object": {
                               "id": invoice_id, "object": "invoice", "amount_due": 29900, "amount_paid": 29900,
                               "amount_remaining": 0, "currency": "brl", "customer": "cus_faults", "status": "paid",
                               "customer_email": "financeiro@clinica-sorriso.example",
                               "parent": {"type": "subscription_details", "subscription_details": {
                                   "metadata": {"org_id": self.org_id}, "subscription": "sub_faults"}}}}}).encode()
        secret = self.secrets["STRIPE_WEBHOOK_SECRET"].encode()

        def signature(b):
            t = str(int(time.time()))
            return {"Stripe-Signature": f"t={t},v1=" + hmac.new(secret, t.encode() + b"." + b, hashlib.sha256).hexdigest()}
        with self.lock:
            self.stripe_sent.append(event_id)
        if self.deliver(BILLING + "/webhooks/stripe", body, signature):
            with self.lock:
                self.stripe_accepted.append((event_id, invoice_id))

    def run(self, strike, undo):
        threads = []
        started = time.time()
        struck = False
        for i in range(WINDOW_SECONDS * RATE_PER_SECOND):
            if not struck and time.time() - started >= FAULT_AT_SECONDS:
                fault = threading.Thread(target=lambda: (strike(), undo()), daemon=True)
                fault.start()
                threads.append(fault)  # a fault longer than the window is undone before counting starts
                struck = True
            thread = threading.Thread(target=self.patient, daemon=True)
            thread.start()
            threads.append(thread)
            if i % 20 == 5:
                payment = threading.Thread(target=self.payment, daemon=True)
                payment.start()
                threads.append(payment)
            time.sleep(1.0 / RATE_PER_SECOND)
        for thread in threads:
            thread.join()


def counts(scenario, graph, automation_id):
    """Waits for the suite to settle, then counts from the services' tables and from Meta's side."""
    accepted = dict(scenario.accepted)
    deadline = time.time() + SETTLE_SECONDS
    while True:
        rows = [json.loads(r[0]) for r in sql(f"""
            select json_build_array(m.wa_message_id, m.id,
              (select count(*) from gateway.message o where o.in_reply_to_message_id = m.id and o.origin = 'bot'),
              (select coalesce(json_agg(coalesce(o.text, '')), '[]') from gateway.message o
                 where o.in_reply_to_message_id = m.id and o.origin = 'bot'),
              (select count(*) from gateway.message_journey j where j.message_id = m.id and j.kind = 'handed_off'))
            from gateway.message m where m.org_id = '{scenario.org_id}' and m.direction = 'IN'
              and m.wa_message_id in ({quoted(accepted)})""")]
        stored = {r[0]: r for r in rows}
        message_ids = [r[1] for r in rows]
        runs = [json.loads(r[0]) for r in sql(f"""
            select json_build_array(r.id, r.status, r.facts,
              (select count(*) from flow.run_step s where s.run_id = r.id and s.status = 'SUCCEEDED'))
            from flow.run r where r.automation_id = '{automation_id}'
              and ({" or ".join(f"r.facts like '%{m}%'" for m in message_ids) or "false"})""")]
        runs_of = {}
        for run_id, status, facts, steps in runs:
            for m in message_ids:
                if m in facts:
                    runs_of.setdefault(m, []).append((status, int(steps)))
        events = [e for e, _ in scenario.stripe_accepted]
        invoices = [i for _, i in scenario.stripe_accepted]
        applied = {r[0]: int(r[1]) for r in sql(f"select id, count(*) from billing.stripe_event where id in ({quoted(events)}) group by id")}
        announced = {}
        for (payload,) in sql(f"select payload from billing.event_outbox where type = 'ft9.billing.payment.succeeded.v1'"
                              f" and ({' or '.join(f'payload like {quoted([chr(37) + i + chr(37)])}' for i in invoices) or 'false'})"):
            for i in invoices:
                if i in payload:
                    announced[i] = announced.get(i, 0) + 1
        c = {"sent": len(scenario.sent), "accepted": len(accepted), "answered": 0, "handed_off": 0, "duplicates": 0, "lost": 0,
             "runs": 0, "stripe": f"{len(scenario.stripe_accepted)}/{len(scenario.stripe_sent)}", "problems": []}
        settled = True
        for wamid, wa_id in accepted.items():
            row = stored.get(wamid)
            if row is None:
                c["lost"] += 1
                c["problems"].append(f"{wamid} accepted but not stored")
                continue
            replies, texts, handoffs = int(row[2]), row[3], int(row[4])
            at_meta = sum(graph.deliveries(wa_id, t) for t in set(texts))
            run_list = runs_of.get(row[1], [])
            if replies > 1 or at_meta > 1 or len(run_list) > 1 or any(steps > 1 for _, steps in run_list):
                c["duplicates"] += 1
                c["problems"].append(f"{wamid}: {replies} replies, {at_meta} at Meta, runs {run_list}")
            if replies == 1 and at_meta == 1:
                c["answered"] += 1
            elif replies == 0 and handoffs > 0:
                c["handed_off"] += 1
            else:
                settled = False
            if len(run_list) == 1 and run_list[0] == ("SUCCEEDED", 1):
                c["runs"] += 1
            else:
                settled = False
        for event, invoice in scenario.stripe_accepted:
            if applied.get(event, 0) > 1 or announced.get(invoice, 0) > 1:
                c["duplicates"] += 1
                c["problems"].append(f"Stripe {event} applied {applied.get(event, 0)} times, announced {announced.get(invoice, 0)}")
            if applied.get(event, 0) == 0 or announced.get(invoice, 0) == 0:
                settled = False
        if settled or time.time() > deadline:
            break
        time.sleep(2)
    for wamid, wa_id in accepted.items():
        row = stored.get(wamid)
        if row is not None and not ((int(row[2]) == 1) or (int(row[2]) == 0 and int(row[4]) > 0)):
            c["lost"] += 1
            c["problems"].append(f"{wamid}: never answered nor handed off ({row[2]} replies)")
        elif row is not None and int(row[2]) == 1 and sum(graph.deliveries(wa_id, t) for t in set(row[3])) == 0:
            c["lost"] += 1
            # the reply's own status says why: a gateway stopped between its claim and Meta's answer leaves it sending,
            # then failed with that reason (never sent again: Meta may have taken it)
            status = sql(f"""select o.status || coalesce(': ' || o.status_reason, '') from gateway.message o
                where o.in_reply_to_message_id = '{row[1]}' and o.origin = 'bot'""")
            c["problems"].append(f"{wamid}: answered but the answer never reached Meta (the reply: "
                                 f"{status[0][0] if status else 'not found'})")
    missing_runs = len(stored) - c["runs"]
    if missing_runs > 0:
        c["lost"] += missing_runs
        c["problems"].append(f"{missing_runs} automation runs not run exactly once to success")
    for event, invoice in scenario.stripe_accepted:
        if applied.get(event, 0) == 0 or announced.get(invoice, 0) == 0:
            c["lost"] += 1
            c["problems"].append(f"Stripe {event} accepted but not applied")
    return c


def main():
    chosen = sys.argv[1:] or SCENARIOS
    unknown = [s for s in chosen if s not in SCENARIOS]
    if unknown:
        sys.exit(f"[faults] unknown fault {unknown}; choose among {' '.join(SCENARIOS)}")
    secrets = local_env()
    token = sign_in()
    status, me = call("GET", TENANT + "/api/organizations/me", token=token)
    if status != 200:
        sys.exit(f"[faults] the demo organisation cannot be read: {status} {me}")
    org_id = me["id"]
    with open(os.path.join(LOCAL, "demo", "knowledge.json")) as f:
        questions = [q["question"] for q in json.load(f)] + ["Vocês atendem cachorro?", "Quero falar com uma pessoa"]
    status, automation = call("POST", FLOW + "/api/automations", {"name": "Falhas " + uuid.uuid4().hex[:6], "status": "ACTIVE",
                              "definition": {"trigger": {"type": "message_received"}, "steps": [{"type": "add_tag", "tag": "falhas"}]}},
                              token)
    if status != 201:
        sys.exit(f"[faults] flow-service refused the counting automation: {status} {automation}")
    graph = GraphStub()
    threading.Thread(target=graph.serve_forever, daemon=True).start()
    print(f"[faults] Meta's Graph API stub on 127.0.0.1:{GRAPH_PORT}; the gateway sends through it for this run")
    control("restart", "whatsapp-gateway", "WHATSAPP_OUTBOUND_DELIVERY=graph", f"WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:{GRAPH_PORT}")
    graph_env = ["WHATSAPP_OUTBOUND_DELIVERY=graph", f"WHATSAPP_GRAPH_BASE_URL=http://127.0.0.1:{GRAPH_PORT}"]

    def kill_and_restart(service, down_seconds, extra=()):
        return (lambda: control("kill9", service)), (lambda: (time.sleep(down_seconds), control("restart", service, *extra)))

    notes = []

    def replay_dead_lettered_sends():
        """After Meta's outage: staff replay the dead-lettered sends until none is left waiting, as an operator would."""
        replayed, deadline = 0, time.time() + 180
        while time.time() < deadline:
            out = subprocess.run(["bash", DEADLETTERS, "replay-all", "ft9.whatsapp.outbound.dlq"], capture_output=True, text=True)
            if out.returncode != 0:
                notes.append(f"deadletters.sh failed: {out.stderr.strip()[:200]}")
            else:
                replayed += int(out.stdout.split("replayed ")[1].split(",")[0])
            # A dead-lettered send leaves its reply queued; every queued reply sent means nothing waits any more.
            queued = int(sql(f"select count(*) from gateway.message where org_id = '{org_id}' and direction = 'OUT'"
                             f" and status = 'queued'")[0][0])
            if queued == 0 and out.returncode == 0:
                break
            time.sleep(3)
        notes.append(f"{replayed} dead-lettered sends replayed with deploy/local/deadletters.sh")
        control("restart", "whatsapp-gateway", *graph_env)

    def mode(value, seconds):
        return (lambda: setattr(graph, "mode", value)), (lambda: (time.sleep(seconds), setattr(graph, "mode", "ok")))

    faults = {
        "kill-memory": ("kill -9 memory-service, restart it 5 s later", *kill_and_restart("memory-service", 5)),
        "kill-flow": ("kill -9 flow-service, restart it 5 s later", *kill_and_restart("flow-service", 5)),
        "kill-gateway": ("kill -9 whatsapp-gateway, restart it 5 s later", *kill_and_restart("whatsapp-gateway", 5, graph_env)),
        "kafka": ("stop the Kafka broker for 15 s", lambda: control("kafka-stop"),
                  lambda: (time.sleep(15), control("kafka-start"))),
        "kafka-kill9": ("kill -9 the Kafka broker, start it again 15 s later", lambda: control("kafka-kill9"),
                        lambda: (time.sleep(15), control("kafka-start"))),
        "postgres": ("stop PostgreSQL for 15 s", lambda: control("postgres-stop"),
                     lambda: (time.sleep(15), control("postgres-start"))),
        "postgres-kill9": ("kill -9 PostgreSQL's postmaster (crash recovery at restart), start it 15 s later",
                           lambda: control("postgres-kill9"), lambda: (time.sleep(15), control("postgres-start"))),
        "graph": ("Meta answers 500 for 10 s, then 429 for 10 s", lambda: setattr(graph, "mode", "500"),
                  lambda: (time.sleep(10), setattr(graph, "mode", "429"), time.sleep(10), setattr(graph, "mode", "ok"))),
        "dead-letter": (f"Meta answers 500 for {DEAD_LETTER_OUTAGE_SECONDS} s while the gateway holds a send {DEAD_LETTER_HOLD[2:].lower()}"
                        " before dead-lettering it; then staff replay the dead-lettered sends",
                        lambda: setattr(graph, "mode", "500"),
                        lambda: (time.sleep(DEAD_LETTER_OUTAGE_SECONDS), setattr(graph, "mode", "ok"), replay_dead_lettered_sends())),
    }
    prepare = {"dead-letter": lambda: control("restart", "whatsapp-gateway", *graph_env, f"FT9_INBOX_HOLD_FOR={DEAD_LETTER_HOLD}")}
    results = []
    try:
        for name in chosen:
            what, strike, undo = faults[name]
            print(f"[faults] {name}: {what}, while {WINDOW_SECONDS * RATE_PER_SECOND} messages arrive over {WINDOW_SECONDS} s")
            scenario = Scenario(name, secrets, org_id, questions)
            notes.clear()
            if name in prepare:
                prepare[name]()
            scenario.run(strike, undo)
            c = counts(scenario, graph, automation["id"])
            results.append((name, c))
            print(f"[faults]   sent {c['sent']}  accepted {c['accepted']}  answered {c['answered']}  handed off {c['handed_off']}"
                  f"  duplicates {c['duplicates']}  lost {c['lost']}  automation runs once {c['runs']}  stripe accepted {c['stripe']}")
            for note in notes:
                print(f"[faults]     {note}")
            for problem in c["problems"][:10]:
                print(f"[faults]     {problem}")
    finally:
        graph.mode = "ok"
        control("restart", "whatsapp-gateway")
        graph.shutdown()
    print()
    print(f"{'fault':<15}{'sent':>6}{'accepted':>10}{'answered':>10}{'handed off':>12}{'duplicates':>12}{'lost':>6}{'runs once':>11}{'stripe':>8}")
    for name, c in results:
        print(f"{name:<15}{c['sent']:>6}{c['accepted']:>10}{c['answered']:>10}{c['handed_off']:>12}{c['duplicates']:>12}{c['lost']:>6}"
              f"{c['runs']:>11}{c['stripe']:>8}")
    bad = [name for name, c in results if c["lost"] or c["duplicates"] or c["accepted"] < c["sent"]]
    if bad:
        print(f"[faults] FAILED: {' '.join(bad)} lost, duplicated or could not deliver messages")
        sys.exit(1)
    print("[faults] nothing lost, nothing duplicated")


if __name__ == "__main__":
    main()
