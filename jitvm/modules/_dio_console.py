"""CircuitPython's console on a display: CIRCUITPYTHON_TERMINAL's status bar and scroll area,
laid out as supervisor_start_terminal does (terminal font, scale 1 up to 120 columns else 2,
the scroll area bottom-right aligned under a one-row status bar), fed with what the guest prints.
CircuitPython draws its Blinka logo left of the status bar; jitvm leaves that space empty."""

from __future__ import annotations

from jitvm.modules import _hw

LOGO_SIZE = 16  # the Blinka sprite's width and height, which the status bar makes room for


def start_terminal(width: int, height: int) -> None:
    """Fill CIRCUITPYTHON_TERMINAL for a width x height display (once per run)."""
    store = _hw.singletons()
    if store.get("displayio.console") is not None:
        return
    from jitvm.modules import displayio, terminalio

    font = terminalio.font()
    tw, th = font.get_bounding_box()
    scale = 1 if width // tw <= 120 else 2
    cols = max(1, width // (tw * scale))
    rows = max(2, height // (th * scale))
    group = displayio.terminal_group()
    group._dio_scale = scale
    width //= scale
    height //= scale
    palette = displayio.Palette(2)
    palette[0] = 0x000000
    palette[1] = 0xFFFFFF
    status_cols = max(1, (width - (LOGO_SIZE + 1)) // tw)
    status = displayio.TileGrid(font.bitmap, pixel_shader=palette, width=status_cols, height=1,
                                tile_width=tw, tile_height=th, x=width - status_cols * tw,
                                y=LOGO_SIZE - th)
    scroll = displayio.TileGrid(font.bitmap, pixel_shader=palette, width=cols, height=rows - 1,
                                tile_width=tw, tile_height=th, x=width - cols * tw,
                                y=height - (rows - 1) * th)
    group.append(status)
    group.append(scroll)
    terminal = terminalio.Terminal(scroll, font, status_bar=status)
    store["displayio.console"] = terminal
    _hw.tap_console(terminal.write)
