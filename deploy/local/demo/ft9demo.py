#!/usr/bin/env python3
"""The local suite's demo: seeding the demo clinic's knowledge and automations, and playing a conversation.

Only the public entry points are used: the REST APIs with the demo admin's token, Meta's webhook signed with the
app secret, Stripe's webhook signed with the endpoint secret. Standard library only.
"""
import hashlib
import hmac
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
import uuid

AUTH, TENANT, BILLING, MEMORY, FLOW, GATEWAY = (f"http://127.0.0.1:{p}" for p in range(8081, 8087))
ADMIN, PASSWORD = "admin@ft9.com.br", "ft9demo"
HERE = os.path.dirname(os.path.abspath(__file__))


def call(method, url, body=None, token=None, headers=None, raw=None):
    """An HTTP call; answers (status, parsed JSON or text)."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as e:
        text, status = e.read().decode(), e.code
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def wait_for(what, probe, seconds=30.0):
    """Polls until probe() answers something truthy; answers it, or None after the time."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = probe()
        if found:
            return found
        time.sleep(0.3)
    return None


def sign_in():
    def attempt():
        status, answer = call("POST", AUTH + "/api/auth/login", {"email": ADMIN, "password": PASSWORD})
        return answer["accessToken"] if status == 200 else None
    token = wait_for("sign-in", attempt, 60)
    if not token:
        sys.exit("[demo] the demo admin cannot sign in at auth-service (is the suite up? deploy/local/up.sh)")
    return token


# ---------------------------------------------------------------------------------------------------------- seeding

def seed():
    token = sign_in()
    organisation = wait_for("organisation", lambda: (lambda r: r[1] if r[0] == 200 else None)(
        call("GET", TENANT + "/api/organizations/me", token=token)), 60)
    if not organisation:
        sys.exit("[demo] tenant-service has no demo organisation (FT9_DEMO_SEED and FT9_DEMO_ORG_ID must be set)")
    status, items = call("GET", MEMORY + "/api/knowledge/items?size=1", token=token)
    if status == 200 and items["total"] == 0:
        with open(os.path.join(HERE, "knowledge.json"), encoding="utf-8") as f:
            facts = json.load(f)
        for fact in facts:
            status, answer = call("POST", MEMORY + "/api/knowledge/items", {"kind": "FAQ", **fact, "tags": ["demo"]}, token)
            if status != 201:
                sys.exit(f"[demo] memory-service refused a knowledge item: {status} {answer}")
        print(f"[demo] knowledge base: {len(facts)} facts about the clinic (hours, address, prices, procedures, insurance)")
        # A dental clinic: the shared starting synonyms and the dental ones ("raio x" = "radiografia").
        status, kept = call("GET", MEMORY + "/api/knowledge/synonyms", token=token)
        if status == 200:
            groups = kept["groups"] + [g for g in kept["startingLists"]["DENTAL"] if g not in kept["groups"]]
            status, answer = call("PUT", MEMORY + "/api/knowledge/synonyms", {"groups": groups}, token)
            if status != 200:
                sys.exit(f"[demo] memory-service refused the synonyms: {status} {answer}")
    status, automations = call("GET", FLOW + "/api/automations?size=50", token=token)
    if status == 200 and automations["total"] == 0:
        for template in ("welcome_message", "after_hours_reply", "keyword_handoff"):
            status, answer = call("POST", FLOW + "/api/automations/from-template", {"template": template, "status": "ACTIVE"}, token)
            if status != 201:
                sys.exit(f"[demo] flow-service refused the {template} template: {status} {answer}")
        status, answer = call("POST", FLOW + "/api/automations", {"name": "Pagamento confirmado", "status": "ACTIVE", "definition": {
            "trigger": {"type": "payment_succeeded"},
            "steps": [{"type": "send_email", "to": "{{trigger.email}}", "subject": "Pagamento confirmado",
                       "body": "Recebemos o pagamento de {{trigger.amount}} {{trigger.currency}}. Obrigado!"}]}}, token)
        if status != 201:
            sys.exit(f"[demo] flow-service refused the payment automation: {status} {answer}")
        print("[demo] automations: welcome, after-hours reply, hand-off on request, payment confirmation")
    print(f"[demo] demo clinic ready: {organisation['name']} ({organisation['id']}), admin {ADMIN} / {PASSWORD}")


# ------------------------------------------------------------------------------------------------------ conversation

class Demo:
    def __init__(self):
        self.token = sign_in()
        self.app_secret = os.environ["WHATSAPP_APP_SECRET"]
        self.phone_number_id = os.environ["DEMO_PHONE_NUMBER_ID"]
        self.stripe_secret = os.environ["STRIPE_WEBHOOK_SECRET"]
        self.wa_id = "5581" + "9" + "".join(random.choice("0123456789") for _ in range(8))
        self.name = "Marina Costa"
        self.missing = []
        self.seen = set()

    def expect(self, ok, what):
        print(("  ok      " if ok else "  MISSING ") + what)
        if not ok:
            self.missing.append(what)
        return ok

    def webhook(self, text):
        body = {"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "558132220000", "phone_number_id": self.phone_number_id},
            "contacts": [{"profile": {"name": self.name}, "wa_id": self.wa_id}],
            "messages": [{"from": self.wa_id, "id": "wamid.HBgM" + uuid.uuid4().hex.upper(), "timestamp": str(int(time.time())),
                          "type": "text", "text": {"body": text}}]}}]}]}
        raw = json.dumps(body, ensure_ascii=False).encode()
        signature = "sha256=" + hmac.new(self.app_secret.encode(), raw, hashlib.sha256).hexdigest()
        return call("POST", GATEWAY + "/webhooks/whatsapp", raw=raw, headers={"X-Hub-Signature-256": signature})[0]

    def conversation(self):
        status, page = call("GET", GATEWAY + "/api/conversations?status=all&q=" + self.wa_id, token=self.token)
        return page["items"][0] if status == 200 and page["items"] else None

    def new_replies(self, settle=2.0, seconds=20.0):
        """Outbound messages not printed yet, once they stop coming for a moment."""
        deadline, quiet_since, found = time.time() + seconds, None, []
        while time.time() < deadline:
            conversation = self.conversation()
            fresh = []
            if conversation:
                _, messages = call("GET", f"{GATEWAY}/api/conversations/{conversation['id']}/messages?size=100", token=self.token)
                fresh = [m for m in messages["items"] if m["direction"] == "OUT" and m["id"] not in self.seen]
            if fresh:
                found += fresh
                self.seen.update(m["id"] for m in fresh)
                quiet_since = time.time()
            elif found and time.time() - quiet_since >= settle:
                break
            time.sleep(0.3)
        return found

    def turn(self, text, expect_origins):
        print(f"\n> {text}")
        self.expect(self.webhook(text) == 200, "the signed webhook is accepted (200)")
        replies = self.new_replies(settle=2.5 if expect_origins else 3.0, seconds=25 if expect_origins else 6)
        for reply in sorted(replies, key=lambda m: m["sentAt"] or ""):
            print(f"  < [{reply['origin']}, {reply['status']}] " + (reply["text"] or "(template)").replace("\n", "\n    "))
        origins = {m["origin"] for m in replies}
        for origin in expect_origins:
            self.expect(origin in origins, f"a reply from {origin}")
        if not expect_origins:
            self.expect(not replies, "no reply")
        return replies

    def play(self):
        print(f"[demo] a patient writes from +{self.wa_id} to the demo clinic's number {self.phone_number_id}")
        first = self.turn("Olá! Qual o horário de atendimento de vocês?", ["flow", "bot"])
        self.expect(any("8h" in (m["text"] or "") for m in first if m["origin"] == "bot"), "the answer gives the hours")
        self.journey("Olá! Qual o horário de atendimento de vocês?", ["answered", "automation_succeeded"])
        insurance = self.turn("Vocês aceitam o convênio Unimed?", ["bot"])
        self.expect(any("Unimed" in (m["text"] or "") and "Fonte:" in (m["text"] or "") for m in insurance),
                    "the answer names Unimed and its source")
        price = self.turn("Quanto custa o clareamento dental?", ["bot"])
        self.expect(any("1.200" in (m["text"] or "") for m in price), "the answer gives the price")
        self.turn("Meu filho engoliu a borrachinha do aparelho, o que eu faço?", ["system"])
        conversation = self.conversation()
        self.expect(conversation and conversation["mode"] == "HUMAN", "the conversation is handed to a person (mode HUMAN)")
        if conversation:
            print(f"  conversation {conversation['id']}: mode {conversation['mode']}, reason: {conversation['handoffReason']}")
        # Another patient asks to stop receiving messages; Marina's conversation stays with the reception, to be
        # answered in the console.
        marina = (self.wa_id, self.name)
        self.wa_id, self.name = "5581" + "9" + "".join(random.choice("0123456789") for _ in range(8)), "Rafael Lima"
        print(f"\n[demo] another patient, {self.name}, writes from +{self.wa_id}")
        self.turn("SAIR", [])
        _, contacts = call("GET", GATEWAY + "/api/contacts?q=" + self.wa_id, token=self.token)
        self.expect(bool(contacts and contacts.get("items") and contacts["items"][0].get("optedOut")), "the contact is opted out")
        self.wa_id, self.name = marina
        self.runs()
        self.billing()
        print(f"\n[demo] {self.name}'s conversation waits for the reception: take it over and answer it in the console,"
              f" {os.environ.get('FT9_PUBLIC_URL', 'http://localhost:8080')} (admin@ft9.com.br / ft9demo)")
        print()
        if self.missing:
            print(f"[demo] {len(self.missing)} expected effect(s) missing: " + "; ".join(self.missing))
            return 1
        print("[demo] every expected effect was seen")
        return 0

    def journey(self, text, expected_kinds):
        """Prints where the contact's message went, as the gateway tells it in one call."""
        conversation = self.conversation()
        _, messages = call("GET", f"{GATEWAY}/api/conversations/{conversation['id']}/messages?size=100", token=self.token)
        message = next(m for m in messages["items"] if m["direction"] == "IN" and m["text"] == text)
        url = f"{GATEWAY}/api/conversations/{conversation['id']}/messages/{message['id']}/journey"
        journey = wait_for("journey", lambda: (lambda r: r[1] if r[0] == 200 and set(expected_kinds) <=
                                                {step["kind"] for step in r[1]["steps"]} else None)(call("GET", url, token=self.token)), 15)
        print(f"  journey of \"{text}\" (GET .../messages/{message['id']}/journey):")
        for step in (journey or {}).get("steps", []):
            detail = step["detail"] or {}
            what = {"received": lambda d: f"received (Meta delivered it {1 + d.get('duplicateDeliveries', 0)} time(s))",
                    "answered": lambda d: f"answered by memory-service ({d.get('mode')}), sources: {', '.join(d.get('sources') or [])}",
                    "handed_off": lambda d: f"handed off: {d.get('reason')}",
                    "automation_started": lambda d: f"automation started: {d.get('automationName')}",
                    "automation_succeeded": lambda d: "automation run succeeded",
                    "automation_failed": lambda d: f"automation run failed: {d.get('error')}",
                    "reply": lambda d: f"reply from {d.get('origin')}: {d.get('status')}"}.get(step["kind"], lambda d: step["kind"])(detail)
            print(f"    {step['at'][11:23]}  {what}")
        self.expect(bool(journey), "the message's journey shows " + " and ".join(k.replace("_", " ") for k in expected_kinds))

    def runs(self):
        print("\n[demo] automation runs")
        _, automations = call("GET", FLOW + "/api/automations?size=50", token=self.token)
        welcomed = False
        for automation in automations["items"]:
            _, runs = call("GET", f"{FLOW}/api/automations/{automation['id']}/runs?size=5", token=self.token)
            mine = [r for r in runs["items"] if self.wa_id in json.dumps(r)]
            for run in mine:
                print(f"  {automation['name']}: run {run['id']} {run['status']}")
            welcomed |= automation["name"] == "Boas-vindas" and any(r["status"] == "SUCCEEDED" for r in mine)
        self.expect(welcomed, "the welcome automation ran for the first message")

    def stripe(self, event_type, data_object):
        payload = json.dumps({"id": "evt_demo_" + uuid.uuid4().hex[:20], "object": "event", "api_version": "2026-07-29.dahlia",
                              "created": int(time.time()), "livemode": False, "pending_webhooks": 1,
                              "request": {"id": None, "idempotency_key": None}, "type": event_type,
                              "data": {"object": data_object}})
        t = int(time.time())
        v1 = hmac.new(self.stripe_secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
        return call("POST", BILLING + "/webhooks/stripe", raw=payload.encode(), headers={"Stripe-Signature": f"t={t},v1={v1}"})[0]

    def billing(self):
        _, me = call("GET", TENANT + "/api/organizations/me", token=self.token)
        org = me["id"]
        _, before = call("GET", TENANT + "/api/organizations/me/limits", token=self.token)
        # A second run of the demo moves the clinic on again, so that the change is always seen.
        target = "ENTERPRISE" if before["plan"] == "PROFESSIONAL" else "PROFESSIONAL"
        print(f"\n[demo] Stripe reports the clinic's subscription moved to {target.title()}")
        print(f"  limits before: plan {before['plan']}, {before['limits']['messagesPerMonth']} messages a month")
        now = int(time.time())
        subscription = {"id": "sub_demo_" + org[:8], "object": "subscription", "customer": "cus_demo_" + org[:8], "status": "active",
                        "cancel_at_period_end": False, "metadata": {"org_id": org},
                        "items": {"object": "list", "data": [{"id": "si_demo_" + org[:8], "object": "subscription_item",
                                  "current_period_start": now, "current_period_end": now + 30 * 86400,
                                  "price": {"id": os.environ["STRIPE_PRICE_" + target],
                                            "object": "price", "currency": "brl", "unit_amount": 49900}}]}}
        self.expect(self.stripe("customer.subscription.updated", subscription) == 200, "the signed Stripe webhook is accepted")
        after = wait_for("limits", lambda: (lambda r: r[1] if r[0] == 200 and r[1]["plan"] == target else None)(
            call("GET", TENANT + "/api/organizations/me/limits", token=self.token)), 20)
        if self.expect(bool(after), "tenant-service's limits follow the new plan"):
            print(f"  limits after:  plan {after['plan']}, {after['limits']['messagesPerMonth']} messages a month")
        invoice = {"id": "in_demo_" + uuid.uuid4().hex[:16], "object": "invoice", "customer": "cus_demo_" + org[:8],
                   "amount_due": 49900, "amount_paid": 49900, "amount_remaining": 0, "currency": "brl", "status": "paid",
                   "customer_email": ADMIN, "parent": {"type": "subscription_details", "subscription_details": {
                       "metadata": {"org_id": org}, "subscription": subscription["id"]}}}
        _, automations = call("GET", FLOW + "/api/automations?size=50", token=self.token)
        payment = next((a for a in automations["items"] if a["name"] == "Pagamento confirmado"), None)
        runs_of = lambda: call("GET", f"{FLOW}/api/automations/{payment['id']}/runs?size=50", token=self.token)[1]["items"]
        earlier = {r["id"] for r in runs_of()} if payment else set()
        self.expect(self.stripe("invoice.paid", invoice) == 200, "the signed invoice.paid is accepted")
        run = payment and wait_for("payment run", lambda: next((r for r in runs_of() if r["id"] not in earlier
                                                                 and r["status"] == "SUCCEEDED"), None), 20)
        if self.expect(bool(run), "the payment_succeeded automation ran"):
            _, detail = call("GET", f"{FLOW}/api/automations/{payment['id']}/runs/{run['id']}", token=self.token)
            step = (detail.get("steps") or [{}])[0]
            print(f"  Pagamento confirmado: run {run['id']} {run['status']}; step {step.get('type')}: {step.get('output')}")


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        seed()
    elif sys.argv[1:] == ["play"]:
        sys.exit(Demo().play())
    else:
        sys.exit("usage: ft9demo.py seed|play")
