"""Guest module `vectorio` (CircuitPython): Circle, Rectangle and Polygon layers.

Coverage rules as shared-module/vectorio: a circle covers |x|+|y| <= r or x*x+y*y <= r*r around
its centre, a rectangle [0, width) x [0, height) from its corner, a polygon the points of non-zero
winding number; covered pixels show palette entry ``color_index`` through the pixel shader.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw
from jitvm.modules._dio_bitmap import ColorConverter, Palette, _int, changed, np

__all__ = ["Circle", "Polygon", "Rectangle"]


def _shader(shader: Any) -> Any:
    if not isinstance(shader, (Palette, ColorConverter)):
        raise TypeError("unsupported pixel_shader type")
    return shader


class _Shape:
    """What the three shapes share: position, shader, colour index, drawing."""

    __guest_subclassable__ = True

    _dio_in_group = False

    def _setup(self, pixel_shader: Any, x: int, y: int, color_index: int) -> None:
        self._dio_shader = _shader(pixel_shader)
        self._dio_x = _int(x, "x")
        self._dio_y = _int(y, "y")
        self._dio_color = _int(color_index, "color_index")
        self._dio_hidden = False
        changed()

    def _prop(name: str, doc: str) -> property:  # noqa: N805 - class helper
        attr = "_dio_" + name

        def get(self: Any) -> Any:
            return getattr(self, attr)

        def put(self: Any, value: Any) -> None:
            setattr(self, attr, _int(value, name))
            changed()

        return property(get, put, doc=doc)

    x = _prop("x", "X position of the center point of the shape in the parent.")
    y = _prop("y", "Y position of the center point of the shape in the parent.")
    del _prop

    @property
    def color_index(self) -> int:
        """The color_index of the shape in the palette."""
        return self._dio_color

    @color_index.setter
    def color_index(self, value: int) -> None:
        self._dio_color = _int(value, "color_index")
        changed()

    @property
    def hidden(self) -> bool:
        """Hide the shape or not."""
        return self._dio_hidden

    @hidden.setter
    def hidden(self, value: bool) -> None:
        self._dio_hidden = bool(value)
        changed()

    @property
    def location(self) -> tuple[int, int]:
        """(X,Y) position of the shape in the parent."""
        return (self._dio_x, self._dio_y)

    @location.setter
    def location(self, value: Any) -> None:
        if not isinstance(value, tuple):
            raise TypeError(f"location must be of type tuple, not {_hw.type_name(value)}")
        if len(value) != 2:
            raise ValueError("location length must be 2")
        self._dio_x, self._dio_y = _int(value[0], "x"), _int(value[1], "y")
        changed()

    @property
    def pixel_shader(self) -> Any:
        """The pixel shader of the shape."""
        return self._dio_shader

    @pixel_shader.setter
    def pixel_shader(self, value: Any) -> None:
        self._dio_shader = _shader(value)
        changed()

    def contains(self, touch_tuple: Any) -> bool:
        """Returns True if the (x, y) point is inside the shape."""
        px, py = int(touch_tuple[0]) - self._dio_x, int(touch_tuple[1]) - self._dio_y
        n = np()
        return bool(self._covers(n.array([[px]]), n.array([[py]]))[0, 0])

    def _area(self) -> tuple[int, int, int, int]:
        raise NotImplementedError

    def _covers(self, xs: Any, ys: Any) -> Any:
        raise NotImplementedError

    def _dio_draw(self, frame: Any, ox: int, oy: int, scale: int) -> None:
        if self._dio_hidden:
            return
        from jitvm.modules._dio_render import blend, shade

        n = np()
        x1, y1, x2, y2 = self._area()
        if x2 <= x1 or y2 <= y1:
            return
        xs = n.arange(x1, x2)[None, :]
        ys = n.arange(y1, y2)[:, None]
        covered = self._covers(xs, ys)
        values = n.full(covered.shape, self._dio_color, dtype=n.uint32)
        rgb, opaque = shade(self._dio_shader, values)
        blend(frame, rgb, covered & opaque, ox + (self._dio_x + x1) * scale,
              oy + (self._dio_y + y1) * scale, scale)


class Circle(_Shape):
    """Represents a circle by its radius."""

    def __init__(self, pixel_shader: Any, radius: int, *, x: int = 0, y: int = 0,
                 color_index: int = 0) -> None:
        radius = _int(radius, "radius")
        if radius < 1:
            raise ValueError("radius must be >= 1")
        self._dio_radius = radius
        self._setup(pixel_shader, x, y, color_index)

    @property
    def radius(self) -> int:
        """The radius of the circle in pixels."""
        return self._dio_radius

    @radius.setter
    def radius(self, value: int) -> None:
        value = _int(value, "radius")
        if value < 1:
            raise ValueError("radius must be >= 1")
        self._dio_radius = value
        changed()

    def _area(self) -> tuple[int, int, int, int]:
        r = self._dio_radius
        return -r - 1, -r - 1, r + 1, r + 1

    def _covers(self, xs: Any, ys: Any) -> Any:
        r = self._dio_radius
        ax, ay = abs(xs), abs(ys)
        return (ax + ay <= r) | ((ax <= r) & (ay <= r) & (ax * ax + ay * ay <= r * r))


class Rectangle(_Shape):
    """Represents a rectangle by defining its bounds."""

    def __init__(self, pixel_shader: Any, width: int, height: int, *, x: int = 0, y: int = 0,
                 color_index: int = 0) -> None:
        width, height = _int(width, "width"), _int(height, "height")
        if width < 1:
            raise ValueError("width must be >= 1")
        if height < 1:
            raise ValueError("height must be >= 1")
        self._dio_w, self._dio_h = width, height
        self._setup(pixel_shader, x, y, color_index)

    @property
    def width(self) -> int:
        """The width of the rectangle in pixels."""
        return self._dio_w

    @width.setter
    def width(self, value: int) -> None:
        value = _int(value, "width")
        if value < 1:
            raise ValueError("width must be >= 1")
        self._dio_w = value
        changed()

    @property
    def height(self) -> int:
        """The height of the rectangle in pixels."""
        return self._dio_h

    @height.setter
    def height(self, value: int) -> None:
        value = _int(value, "height")
        if value < 1:
            raise ValueError("height must be >= 1")
        self._dio_h = value
        changed()

    def _area(self) -> tuple[int, int, int, int]:
        return 0, 0, self._dio_w, self._dio_h

    def _covers(self, xs: Any, ys: Any) -> Any:
        return (xs >= 0) & (ys >= 0) & (xs < self._dio_w) & (ys < self._dio_h)


def _points(points: Any) -> list[tuple[int, int]]:
    """shared-module/vectorio/Polygon.c's _clobber_points_list checks."""
    if not isinstance(points, list):
        raise TypeError(f"points must be of type list, not {_hw.type_name(points)}")
    if len(points) < 3:
        raise TypeError("Polygon needs at least 3 points")
    out = []
    for p in points:
        if not isinstance(p, tuple):
            raise TypeError(f"point must be of type tuple, not {_hw.type_name(p)}")
        if len(p) != 2:
            raise ValueError("point length must be 2")
        x = _hw.int_range(_int(p[0], "x"), -32768, 32767, "x")
        y = _hw.int_range(_int(p[1], "y"), -32768, 32767, "y")
        out.append((x, y))
    return out


class Polygon(_Shape):
    """Represents a closed shape by ordered vertices."""

    def __init__(self, pixel_shader: Any, points: list, *, x: int = 0, y: int = 0,
                 color_index: int = 0) -> None:
        self._dio_points = _points(points)
        self._setup(pixel_shader, x, y, color_index)

    @property
    def points(self) -> list[tuple[int, int]]:
        """The vertices of the polygon."""
        return list(self._dio_points)

    @points.setter
    def points(self, value: list) -> None:
        self._dio_points = _points(value)
        changed()

    def _area(self) -> tuple[int, int, int, int]:
        if not self._dio_points:
            return 0, 0, 0, 0
        xs = [p[0] for p in self._dio_points]
        ys = [p[1] for p in self._dio_points]
        return min(xs), min(ys), max(xs) + 1, max(ys) + 1

    def _covers(self, xs: Any, ys: Any) -> Any:
        n = np()
        pts = self._dio_points
        xs, ys = n.broadcast_arrays(xs, ys)
        winding = n.zeros(xs.shape, dtype=n.int32)
        if not pts:
            return winding != 0
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
            side = (xs - x1) * (y2 - y1) - (ys - y1) * (x2 - x1)
            up = (y1 <= ys) & (y2 > ys) & (side < 0)
            down = (y1 > ys) & (y2 <= ys) & (side > 0)
            winding += up.astype(n.int32) - down.astype(n.int32)
        return winding != 0
