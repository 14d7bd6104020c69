"""asyncio's streams (open_connection, start_server, Stream) over the board's sockets, `--net sim`.

Expected values come from the scenario (tests/net/conftest.py): the TCP echo server at
echo.example.com:7 sends back what it gets, api.example.com/hello answers the scenario's JSON,
down.example.com refuses (ECONNREFUSED, 111); every exchange costs the scenario's 20 ms latency.
"""

from __future__ import annotations

from .conftest import run_src

JOIN = """
        import asyncio, network, time
        wlan = network.WLAN(network.STA_IF)
        wlan.active(True)
        wlan.connect("HomeNet", "secret123")
        while not wlan.isconnected():
            time.sleep(0.1)
"""


def test_open_connection_echo_and_http_while_other_tasks_run(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        log = []
        async def ticker():
            for i in range(20):
                log.append(i)
                await asyncio.sleep_ms(5)
        async def echo():
            r, w = await asyncio.open_connection("echo.example.com", 7)
            print(r is w, type(r).__name__, asyncio.StreamReader is asyncio.StreamWriter)
            w.write(b"hello\\nworld\\n")
            await w.drain()
            print(await r.readline())
            print(await r.readexactly(3), await r.read(2), await r.readexactly(1))
            buf = bytearray(8)
            w.write(b"xyz")
            await w.drain()
            print(await r.readinto(buf), bytes(buf[:3]))
            w.close()
            await w.wait_closed()
        async def http():
            r, w = await asyncio.open_connection("api.example.com", 80)
            w.write(b"GET /hello HTTP/1.0\\r\\nHost: api.example.com\\r\\n\\r\\n")
            await w.drain()
            print(await r.readline())
            while await r.readline() != b"\\r\\n":
                pass
            print(await r.read())
            await w.aclose()
        async def main():
            t = asyncio.create_task(ticker())
            await echo()
            await http()
            try:
                await asyncio.open_connection("down.example.com", 80)
            except OSError as e:
                print("refused", e.errno)
            await t
            print("ticker ran", log == list(range(20)))
        asyncio.run(main())
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "True Stream True",
        "b'hello\\n'",
        "b'wor' b'ld' b'\\n'",
        "3 b'xyz'",
        "b'HTTP/1.1 200 OK\\r\\n'",
        "b'{\"msg\": \"hi\", \"n\": 3}'",
        "refused 111",
        "ticker ran True",
    ]


def test_start_server_listens_and_closes(tmp_path, scenario):
    """Nothing on the simulated internet connects to the board: the server's accept loop waits
    until close(); cancelling the task that awaits it cancels it (as MicroPython's)."""
    r = run_src(tmp_path, JOIN + """
        async def handler(r, w):
            print("unexpected client")
        async def serve_then_cancel():
            srv = await asyncio.start_server(handler, "0.0.0.0", 8000)
            await srv.wait_closed()
        async def main():
            srv = await asyncio.start_server(handler, "0.0.0.0", 8080)
            print(type(srv).__name__, srv.task.done())
            async with srv:
                await asyncio.sleep_ms(50)
            print("closed", srv.task.done())
            t = asyncio.create_task(serve_then_cancel())
            await asyncio.sleep_ms(10)
            t.cancel()
            try:
                await t
            except asyncio.CancelledError:
                print("CancelledError")
        asyncio.run(main())
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["Server False", "closed True", "CancelledError"]
