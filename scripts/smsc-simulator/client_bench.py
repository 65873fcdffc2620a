#!/usr/bin/env python3
"""What the smpp34 client itself reaches against an SMSC: COUNT submit_sm with a delivery receipt
asked, at most WINDOW awaiting an answer, until every receipt has come. Prints one line:
`smpp34-client window=W messages=N seconds=S rate=R`.

    client_bench.py PORT COUNT WINDOW
"""

import asyncio
import sys
import time

import smpp34


async def main(port, count, window):
    client = smpp34.Client(host="127.0.0.1", port=port, system_id="bench", password="bench", bind_type="TRX", window_size=max(window, 1))
    smsc = await client.connect()
    receipts = 0
    done = asyncio.Event()

    async def read_receipts():
        nonlocal receipts
        while receipts < count:
            event = await smsc.next()
            if isinstance(event, smpp34.DeliverSmEvent):
                receipts += 1
        done.set()

    reader = asyncio.ensure_future(read_receipts())
    slots = asyncio.Semaphore(window)
    started = time.perf_counter()

    async def submit(index):
        async with slots:
            response = await smsc.submit_sm("849%08d" % index, b"Ha Noi: hay cai dat Bluezone", source_addr="BoYTe", registered_delivery=1)
            if not response.is_success:
                raise RuntimeError("refused: %d" % response.command_status)

    await asyncio.gather(*(submit(index) for index in range(count)))
    await done.wait()
    seconds = time.perf_counter() - started
    reader.cancel()
    await smsc.unbind()
    print("smpp34-client window=%d messages=%d seconds=%.3f rate=%.0f" % (window, count, seconds, count / seconds))


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
