from ._point import Point
from ._vector import norm

__all__ = ["Point", "norm"]
