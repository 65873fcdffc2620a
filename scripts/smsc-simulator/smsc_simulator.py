#!/usr/bin/env python3
"""An SMSC for tests and benchmarks: a real SMPP 3.4 server (the PyPI package smpp34) with a small
HTTP control port.

It accepts binds and submit_sm, answers with message ids, sends delivery receipts (deliver_sm with
esm_class 0x04; a receipt not answered within 10 s, or whose client went away, is sent again
through another bound session or at the next bind), sends MO messages on command, and records
everything it received. On command it throttles (ESME_RTHROTTLED), reports a full queue (ESME_RMSGQFUL), rejects, stops answering, answers late, or
drops every connection abruptly: clients reach it through a TCP relay of this process, which can
cut or silence the line (smpp34's own server cannot).

    smsc_simulator.py [--host 127.0.0.1] [--port 0] [--control-port 0] [--direct] [--exit-with-stdin]
                      [--throttle-every N] [--rate PARTS_PER_SECOND]

Prints one JSON line when ready: {"smpp": PORT, "control": PORT, "direct": PORT}. With --direct,
"smpp" is smpp34's own port (no relay: the fastest line, for benchmarks).

Control (JSON in and out):
    GET  /received                 every submit_sm: session, system_id, source, destination,
                                   esm_class, data_coding, registered_delivery, short_message
                                   (hex), status, message_id
    GET  /stats                    counts: binds, sessions, submits, accepted, receipts, mo
    POST /answers {"status": N, "count": K}
                                   the next K submit_sm are answered with status N (0x58
                                   throttled, 0x14 queue full, 0x0B bad destination, ...)
    POST /receipts {"enabled": true, "delay_ms": 0, "undeliverable": ["849..."]}
                                   receipts on or off; numbers listed get stat:UNDELIV err:001
    POST /silence {"enabled": true} the relay stops passing the SMSC's answers (timeouts)
    POST /delay {"ms": 1500}       the relay holds what the SMSC sends for that long (late answers)
    POST /throttle {"every": 97}   every 97th submit_sm is answered ESME_RTHROTTLED (0 stops it), as
                                   operators' SMSCs do to a client over its rate
    POST /rate {"parts_per_second": 200}
                                   each bind gets at most 200 submit_sm a second accepted (a token
                                   bucket holding a tenth of a second's worth); the others are
                                   answered ESME_RTHROTTLED (0 lifts the cap)
    POST /drop                     cuts every client connection at once
    POST /mo {"from": "849...", "to": "8055", "text": "HUY"}
                                   an MO message to every bound client that can receive
    POST /reset                    forgets what was received and every command
"""

import argparse
import asyncio
import json
import os
import socket
import sys
import threading
import time

import smpp34


# How long a receipt waits for its deliver_sm_resp before the SMSC takes it as not received.
RECEIPT_ANSWER_SECONDS = 10


def free_port(host):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class Simulator:
    def __init__(self):
        self.sessions = {}
        self.connections = set()
        self.reset()

    def reset(self):
        self.received = []
        self.answers = []  # [status, remaining count]
        self.receipts = True
        self.receipt_delay = 0.0
        self.undeliverable = set()
        self.silent = False
        self.answer_delay = 0.0
        self.throttle_every = 0
        self.rate = 0.0  # most parts a second accepted per bind (0: no cap)
        self.buckets = {}  # session id -> [tokens, monotonic time of the last refill]
        self.counts = {"binds": 0, "submits": 0, "accepted": 0, "receipts": 0, "mo": 0}
        self.next_id = 1
        self.stored_receipts = []  # receipts no bound client answered, sent again at the next bind

    # SMPP side

    async def serve_smpp(self, server):
        while True:
            event = await server.next()
            if isinstance(event, smpp34.Esme):
                self.sessions[event.session_id] = event
                self.counts["binds"] += 1
                if self.stored_receipts and event.can_receive:
                    stored, self.stored_receipts = self.stored_receipts, []
                    for receipt in stored:
                        asyncio.ensure_future(self.deliver_receipt(event, *receipt))
            elif isinstance(event, smpp34.Unbound):
                self.sessions.pop(event.session_id, None)
            elif isinstance(event, smpp34.SubmitSmEvent):
                self.submitted(event)

    def submitted(self, event):
        self.counts["submits"] += 1
        status = self.next_answer() or self.rate_answer(event.session_id)
        esme = self.sessions.get(event.session_id)
        record = {
            "session": event.session_id,
            "system_id": esme.system_id if esme else "",
            "source": event.source_addr,
            "destination": event.destination_addr,
            "esm_class": event.esm_class,
            "data_coding": event.data_coding,
            "registered_delivery": event.registered_delivery,
            "short_message": event.short_message.hex(),
            "status": status,
            "message_id": None,
        }
        self.received.append(record)
        if status != 0:
            event.reject(status)
            return
        message_id = "%010X" % self.next_id
        self.next_id += 1
        record["message_id"] = message_id
        event.accept(message_id)
        self.counts["accepted"] += 1
        if self.receipts and event.registered_delivery & 0x01 and esme is not None:
            asyncio.ensure_future(self.send_receipt(esme, event, message_id))

    def next_answer(self):
        if self.throttle_every and self.counts["submits"] % self.throttle_every == 0:
            return 0x58
        while self.answers and self.answers[0][1] <= 0:
            self.answers.pop(0)
        if not self.answers:
            return 0
        self.answers[0][1] -= 1
        return self.answers[0][0]

    def rate_answer(self, session_id):
        """ESME_RTHROTTLED when the bind is over its rate, else 0 (and the part takes a token)."""
        if not self.rate:
            return 0
        capacity = max(1.0, self.rate / 10)
        now = time.monotonic()
        tokens, updated = self.buckets.get(session_id, (capacity, now))
        tokens = min(capacity, tokens + (now - updated) * self.rate)
        if tokens < 1:
            self.buckets[session_id] = (tokens, now)
            return 0x58
        self.buckets[session_id] = (tokens - 1, now)
        return 0

    async def send_receipt(self, esme, event, message_id):
        if self.receipt_delay:
            await asyncio.sleep(self.receipt_delay)
        failed = event.destination_addr.lstrip("+") in self.undeliverable
        stamp = time.strftime("%y%m%d%H%M")
        text = "id:%s sub:001 dlvrd:%s submit date:%s done date:%s stat:%s err:%s text:" % (
            message_id, "000" if failed else "001", stamp, stamp,
            "UNDELIV" if failed else "DELIVRD", "001" if failed else "000")
        await self.deliver_receipt(esme, event.source_addr, event.destination_addr, text.encode("ascii"))

    async def deliver_receipt(self, esme, destination, source, body):
        try:
            response = await asyncio.wait_for(
                esme.deliver_sm(destination, body, source_addr=source, esm_class=0x04), RECEIPT_ANSWER_SECONDS)
            if not response.is_success:
                raise RuntimeError("deliver_sm refused: %d" % response.command_status)
            self.counts["receipts"] += 1
        except Exception:  # the client went away or never answered: sent again, as an SMSC does
            await self.redeliver(esme, (destination, source, body))

    async def redeliver(self, failed, receipt):
        """An unanswered receipt goes again through another bound session, else at the next bind."""
        await asyncio.sleep(0.5)
        others = [esme for esme in self.sessions.values() if esme is not failed and esme.can_receive]
        if others:
            asyncio.ensure_future(self.deliver_receipt(others[0], *receipt))
        else:
            self.stored_receipts.append(receipt)

    def send_mo(self, source, destination, text):
        """Sends an MO message to every bound client that can receive, without waiting for the
        answers (a client answers once it has recorded the message); returns to how many."""
        try:
            body, coding = text.encode("ascii"), 0
        except UnicodeEncodeError:
            body, coding = text.encode("utf-16-be"), 8
        receivers = [esme for esme in self.sessions.values() if esme.can_receive]
        for esme in receivers:
            asyncio.ensure_future(esme.deliver_sm(destination, body, source_addr=source, data_coding=coding))
        self.counts["mo"] += len(receivers)
        return len(receivers)

    # The relay between clients and smpp34's port

    async def relay(self, client_reader, client_writer, smpp_port):
        try:
            smsc_reader, smsc_writer = await asyncio.open_connection("127.0.0.1", smpp_port)
        except OSError:
            client_writer.close()
            return
        pair = (client_writer, smsc_writer)
        self.connections.add(pair)

        async def pipe(reader, writer, from_smsc):
            try:
                while True:
                    data = await reader.read(65536)
                    if not data:
                        break
                    if from_smsc and self.silent:
                        continue
                    if from_smsc and self.answer_delay:
                        await asyncio.sleep(self.answer_delay)
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        await asyncio.gather(pipe(client_reader, smsc_writer, False), pipe(smsc_reader, client_writer, True))
        self.connections.discard(pair)

    def drop(self):
        dropped = 0
        for client_writer, smsc_writer in list(self.connections):
            client_writer.transport.abort()
            smsc_writer.transport.abort()
            dropped += 1
        self.connections.clear()
        return dropped

    # Control side

    async def control(self, reader, writer):
        try:
            request = await reader.readline()
            method, path, _ = request.decode("latin-1").split(" ", 2)
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            body = json.loads(await reader.readexactly(length)) if length else {}
            status, answer = await self.command(method, path, body)
        except (ValueError, KeyError, TypeError) as error:
            status, answer = 400, {"error": str(error)}
        payload = json.dumps(answer).encode()
        writer.write(b"HTTP/1.1 %d OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                     % (status, len(payload)) + payload)
        await writer.drain()
        writer.close()

    async def command(self, method, path, body):
        if method == "GET" and path == "/received":
            return 200, self.received
        if method == "GET" and path == "/stats":
            return 200, dict(self.counts, sessions=len(self.sessions), connections=len(self.connections))
        if method != "POST":
            return 404, {"error": "no such command"}
        if path == "/answers":
            self.answers.append([int(body["status"]), int(body.get("count", 1))])
        elif path == "/receipts":
            self.receipts = bool(body.get("enabled", True))
            self.receipt_delay = float(body.get("delay_ms", 0)) / 1000
            self.undeliverable = {number.lstrip("+") for number in body.get("undeliverable", [])}
        elif path == "/silence":
            self.silent = bool(body.get("enabled", True))
        elif path == "/throttle":
            self.throttle_every = int(body.get("every", 0))
        elif path == "/rate":
            self.rate = float(body.get("parts_per_second", 0))
            self.buckets = {}
        elif path == "/delay":
            self.answer_delay = float(body.get("ms", 0)) / 1000
        elif path == "/drop":
            return 200, {"dropped": self.drop()}
        elif path == "/mo":
            return 200, {"sent": self.send_mo(body["from"], body.get("to", ""), body["text"])}
        elif path == "/reset":
            self.reset()
        else:
            return 404, {"error": "no such command"}
        return 200, {"ok": True}


async def main():
    parser = argparse.ArgumentParser(description="An SMSC simulator on smpp34, for tests and benchmarks.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="SMPP port for clients (0: any free port)")
    parser.add_argument("--control-port", type=int, default=0, help="HTTP control port (0: any free port)")
    parser.add_argument("--direct", action="store_true", help="clients reach smpp34 directly, without the relay")
    parser.add_argument("--exit-with-stdin", action="store_true", help="exit when standard input closes (the test that started it ended)")
    parser.add_argument("--throttle-every", type=int, default=0, help="every Nth submit_sm is throttled (as POST /throttle)")
    parser.add_argument("--rate", type=float, default=0, help="most parts a second accepted per bind (as POST /rate)")
    options = parser.parse_args()
    if options.exit_with_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

    simulator = Simulator()
    simulator.throttle_every = options.throttle_every
    simulator.rate = options.rate
    direct_port = options.port if options.direct and options.port else free_port("127.0.0.1")
    server = smpp34.Server(host="127.0.0.1" if not options.direct else options.host, port=direct_port, system_id="COVISMSC")
    await server.start()
    serving = asyncio.ensure_future(simulator.serve_smpp(server))

    smpp_port = direct_port
    if not options.direct:
        relay = await asyncio.start_server(lambda r, w: simulator.relay(r, w, direct_port), options.host, options.port)
        smpp_port = relay.sockets[0].getsockname()[1]
    control = await asyncio.start_server(simulator.control, options.host, options.control_port)
    control_port = control.sockets[0].getsockname()[1]
    print(json.dumps({"smpp": smpp_port, "control": control_port, "direct": direct_port}), flush=True)
    await serving


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
