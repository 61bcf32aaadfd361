# Type stubs for the native module (src/lib.rs). The documented interface is annals/__init__.py.
import os
from typing import Any, Optional, Sequence, Union

_Source = Union[str, os.PathLike[str], tuple[str, str]]

__version__: str

class AnnalsError(ValueError):
    """A document annals cannot read or a date it cannot parse."""

def tag_many(
    sources: Sequence[_Source],
    *,
    dct: Optional[str] = None,
    mode: Optional[str] = None,
    julian_until: Optional[str] = None,
    events: bool = False,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = ...,
    threads: Optional[int] = None,
) -> list[dict[str, Any]]: ...
def entities(
    source: _Source,
    *,
    authority: Optional[str] = None,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = ...,
) -> dict[str, Any]: ...
def timeline(
    sources: Sequence[_Source],
    *,
    dct: Optional[str] = None,
    mode: Optional[str] = None,
    julian_until: Optional[str] = None,
    authority: Optional[str] = None,
    date_from: Optional[str] = None,
    date_to: Optional[str] = None,
    who: Optional[str] = None,
    place: Optional[str] = None,
    min_confidence: float = 0.0,
    all: bool = False,
    format: str = "text",
    lossy: bool = False,
    max_bytes: int = ...,
    threads: Optional[int] = None,
) -> dict[str, Any]: ...
