"""Networking objects handed to the guest (socket, ssl, network, wifi, socketpool, select.poll):
no attribute chain from them reaches the hal network, a host socket, host TLS or host DNS, and
under `--net sim`/`none` nothing the guest does opens a host connection."""

from __future__ import annotations

import socket as host_socket

import pytest

from .helpers import E, check_escape, escape_params, run_escape

SCENARIO = """
[[network.ap]]
ssid = "HomeNet"
password = "secret123"
[[network.echo]]
host = "echo.example.com"
"""


def _scenario(pg) -> None:
    (pg.root / "net.toml").write_text(SCENARIO)


NET = ("--scenario", "net.toml")
WALK = ("AttributeError", "TypeError", "KeyError", "NameError", "ImportError")

CASES = [
    # `socket` and `ssl` are jitvm's guest modules: nothing of the host's modules shows through
    E("guest_socket_and_ssl_are_not_the_hosts", '''
import socket, ssl
for mod, names in ((socket, ('create_connection', 'socketpair', 'fromfd', '_socket', 'SocketType',
                             'gethostbyname', 'if_nameindex', 'sys', 'os', '_net', '_hw')),
                   (ssl, ('create_connection', 'SSLObject', 'MemoryBIO', '_ssl', 'socket', 'os',
                          'get_server_certificate', 'RAND_bytes', '_create_unverified_context'))):
    for n in names:
        _try(n, lambda: print('ESCAPED', getattr(mod, n)))
_try('socket.__file__', lambda: print('ESCAPED', socket.__file__))
_try('usocket.socketpair', lambda: print('ESCAPED', __import__('usocket').socketpair))
print('DONE')
''', "AttributeError", done=True),

    E("micropython_socket_internals", '''
import network, socket
w = network.WLAN(network.STA_IF)
w.active(True)
w.connect("HomeNet", "secret123")
s = socket.socket()
s.connect(socket.getaddrinfo("echo.example.com", 7)[0][-1])
_try('s._c', lambda: s._c)
_try('getattr _c', lambda: getattr(s, '_c'))
_try('s._c.stream', lambda: s._c.stream.net)
_try('type dict', lambda: type(s).__dict__['_timeout_repr'])
_try('s.__dict__', lambda: s.__dict__['_c'])
_try('bound __self__', lambda: s.connect.__self__._c)
_try('method __func__', lambda: s.send.__func__.__globals__)
_try('class init globals', lambda: type(s).__init__.__globals__)
_try('socket._net', lambda: socket._net)
_try('socket._hw', lambda: socket._hw)
_try('module dict', lambda: socket.__dict__['_net'])
_try('wlan._if', lambda: w._if)
_try('wlan class new', lambda: type(w).__new__.__globals__)
print('_c' in dir(s), '_net' in dir(socket))
print('DONE')
''', *WALK, done=True, setup=_scenario, args=NET),

    E("ssl_and_select_internals", '''
import network, socket, ssl, select
network.WLAN(network.STA_IF).connect("HomeNet", "secret123")
s = socket.socket()
s.connect(socket.getaddrinfo("echo.example.com", 7)[0][-1])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
_try('ctx._protocol', lambda: ctx._protocol)
_try('verify_mode fget', lambda: type(ctx).verify_mode.fget.__globals__)
_try('ssl._wrap', lambda: ssl._wrap)
_try('ssl._conn_of', lambda: ssl._conn_of(s))
_try('wrap a fake socket', lambda: ssl.wrap_socket(object()))
p = select.poll()
p.register(s)
_try('poll._objs', lambda: p._objs)
_try('poll results', lambda: p.poll(0)[0][0]._c)
print('DONE')
''', *WALK, "OSError", done=True, setup=_scenario, args=NET),

    E("circuitpython_wifi_socketpool_internals", '''
import wifi, socketpool, ssl, ipaddress
wifi.radio.connect("HomeNet", "secret123")
pool = socketpool.SocketPool(wifi.radio)
s = pool.socket()
_try('radio._net', lambda: wifi.radio._net)
_try('Radio._net fget', lambda: type(wifi.radio).__dict__['_net'])
_try('radio class new', lambda: type(wifi.radio)())
_try('Socket()', lambda: socketpool.Socket())
_try('s._c', lambda: s._c)
_try('s._adopt', lambda: s._adopt)
_try('gaierror globals', lambda: pool.gaierror.__init__.__globals__)
_try('gaierror subclasses', lambda: pool.gaierror.__subclasses__())
_try('network _ap', lambda: next(iter(wifi.radio.start_scanning_networks()))._ap)
_try('ipv4 _packed', lambda: wifi.radio.ipv4_address._packed)
w = ssl.create_default_context().wrap_socket(s, server_hostname="echo.example.com")
_try('sslsocket _c', lambda: w._c)
_try('sslsocket type new', lambda: type(w)())
print('DONE')
''', *WALK, done=True, setup=_scenario, args=("--flavor", "circuitpython", *NET)),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_network_object_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)


@pytest.mark.parametrize("net", ["sim", "none"])
def test_sim_and_none_never_reach_host_sockets_or_dns(tmp_path, net):
    """A listening host port and localhost: under sim/none the guest reaches neither."""
    from .helpers import guest_env, jitvm_cmd, make_playground, run_cmd

    listener = host_socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    pg = make_playground(tmp_path)
    _scenario(pg)
    prog = pg.root / "main.py"
    prog.write_text(f'''
import network, socket, ssl
network.WLAN(network.STA_IF).connect("HomeNet", "secret123")
for host in ("127.0.0.1", "localhost", "example.com", "pypi.org"):
    try:
        ai = socket.getaddrinfo(host, {port})
        s = socket.socket()
        s.connect(ai[0][-1])
        print(host, "CONNECTED")
    except OSError as e:
        print(host, e.errno)
print("DONE")
''')
    run = run_cmd(jitvm_cmd(prog, "--net", net, *NET), env=guest_env(), cwd=pg.root, timeout=60)
    assert run.returncode == 0, run.text()
    expected_local = "111" if net == "sim" else "113"  # sim: nobody listens; none: no network
    assert run.stdout.splitlines() == [f"127.0.0.1 {expected_local}", "localhost -2",
                                       "example.com -2", "pypi.org -2", "DONE"], run.text()
    with pytest.raises(TimeoutError):
        listener.accept()  # no host connection was made
    listener.close()
