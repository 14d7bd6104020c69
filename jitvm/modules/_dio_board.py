"""board.DISPLAY: a board layout's built-in display, set up as CircuitPython's board.c does (a
FourWire on the board's SPI bus and TFT pins, or a ParallelBus; a BusDisplay with the board's init
sequence), showing CIRCUITPYTHON_TERMINAL until the program sets root_group."""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw

# [display.display] keys passed on to BusDisplay (the layout's names; one alias)
_DISPLAY_KEYS = {"width", "height", "colstart", "rowstart", "rotation", "color_depth", "grayscale",
                 "pixels_in_byte_share_row", "bytes_per_cell", "reverse_pixels_in_byte",
                 "reverse_bytes_in_word", "set_column_command", "set_row_command",
                 "write_ram_command", "brightness", "single_byte_bounds", "data_as_commands",
                 "auto_refresh", "native_frames_per_second", "backlight_on_high",
                 "SH1107_addressing", "backlight_pwm_frequency"}
_ALIASES = {"reverse_pixels_in_word": "reverse_bytes_in_word"}


def _spi(board: Any, bus: dict[str, Any]) -> Any:
    from jitvm.modules import board as board_module
    from jitvm.modules import busio

    pins = board.pins
    clock, mosi = pins[bus["clock"]], pins.get(bus.get("MOSI"))
    default = board.default_spi_pins
    if default is not None and default[0] is clock and default[1] is mosi:
        return board_module.SPI()  # board.c shares the board's SPI bus with the display
    miso = pins.get(bus.get("MISO"))
    return busio.SPI(clock, MOSI=mosi, MISO=miso)


def builtin_display(board: Any) -> Any:
    """The run's board.DISPLAY (made once per run)."""
    store = _hw.singletons()
    display = store.get("board.DISPLAY")
    if display is not None:
        return display
    from jitvm.modules.busdisplay import BusDisplay
    from jitvm.modules.fourwire import FourWire

    table = board.builtin_display
    bus, disp = table["bus"], table["display"]
    pins = board.pins
    if bus["kind"] == "parallel":
        from jitvm.modules.paralleldisplaybus import ParallelBus

        display_bus = ParallelBus(
            data0=pins[bus["data0"]], command=pins[bus["command"]],
            chip_select=pins[bus["chip_select"]], write=pins[bus["write"]],
            read=pins.get(bus.get("read")), reset=pins.get(bus.get("reset")),
            frequency=bus.get("frequency", 30_000_000))
    else:
        display_bus = FourWire(
            _spi(board, bus), command=pins[bus["command"]],
            chip_select=pins.get(bus.get("chip_select")), reset=pins.get(bus.get("reset")),
            baudrate=bus.get("baudrate", 24_000_000), polarity=bus.get("polarity", 0),
            phase=bus.get("phase", 0))
    kwargs = {}
    for key, value in disp.items():
        key = _ALIASES.get(key, key)
        if key in _DISPLAY_KEYS:
            kwargs[key] = value
    backlight = disp.get("backlight_pin")
    display = BusDisplay(display_bus, bytes(disp.get("init_sequence", [])),
                         backlight_pin=None if backlight is None else pins[backlight], **kwargs)
    store["board.DISPLAY"] = display
    return display
