"""Hostile files for the upload tests (T14): built in memory, each in well under a second.

The good files come from tests/permits/test_uploads.py; this module adds what an attacker
would send: executables and web pages in disguise, zip bombs, and names built to escape
the upload folder or to mislead whoever reads them.
"""

import io
import struct
import zipfile
import zlib
from functools import cache

from permits import uploads
from tests.permits.test_uploads import docx_bytes, jpeg_bytes, pdf_bytes, png_bytes, xlsx_bytes

__all__ = ["docx_bytes", "jpeg_bytes", "pdf_bytes", "png_bytes", "xlsx_bytes"]

GIB = 1024 * 1024 * 1024

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
HTML = b"<!DOCTYPE html><html><body><script>window.__xss=1</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1">'
    b"<script>window.__xss=1</script></svg>"
)
# A JPEG header followed by a web page: a browser that sniffed it would run the script.
JPEG_HTML_POLYGLOT = jpeg_bytes()[:-2] + HTML + b"\xff\xd9"


def padded_pdf(size: int) -> bytes:
    """Return a PDF of exactly ``size`` bytes (a comment fills the gap)."""
    start, end = b"%PDF-1.4\n%", b"\n%%EOF\n"
    return start + b"x" * (size - len(start) - len(end)) + end


@cache
def zip_bomb(main_part: str, content_type: str, inflated: int = GIB) -> bytes:
    """Return an Office package whose main part inflates to ``inflated`` zero bytes.

    The deflate stream is one compressed megabyte of zeros, full-flushed and repeated,
    so building a 1 GiB bomb costs a few hundred milliseconds; the CRC is the real one.
    """
    chunk = 1024 * 1024
    assert inflated % chunk == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\x00" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    zeros = b"\x00" * chunk
    for _ in range(inflated // chunk):
        crc = zlib.crc32(zeros, crc)
    data = block * (inflated // chunk) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(uploads.CONTENT_TYPES_PART, f"<Types>{content_type}.main+xml</Types>")
    head = buffer.getvalue()
    directory_at = head.rindex(b"PK\x01\x02")
    local, central = head[:directory_at], head[directory_at : head.rindex(b"PK\x05\x06")]
    name = main_part.encode()
    offset = len(local)
    local += _local_header(name, crc, len(data), inflated) + name + data
    central += _central_header(name, crc, len(data), inflated, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2, 2, len(central), len(local), 0)
    return local + central + end


def _local_header(name, crc, compressed, size):
    return struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, compressed, size, len(name), 0
    )


def _central_header(name, crc, compressed, size, offset):
    return struct.pack(
        "<IHHHHHHIIIHHHHHII",
        0x02014B50,
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        compressed,
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        offset,
    )


@cache
def many_entries(count: int = uploads.ZIP_MAX_ENTRIES + 1) -> bytes:
    """Return a Word package padded with ``count`` tiny entries in all."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as package,
        zipfile.ZipFile(io.BytesIO(docx_bytes())) as real,
    ):
        for item in real.infolist():
            package.writestr(item, real.read(item))
        for n in range(count - len(real.infolist())):
            package.writestr(f"padding/{n}.xml", b"")
    return buffer.getvalue()


def guest_list(rows: int) -> bytes:
    """Return a guest list workbook with ``rows`` one-cell rows (a few bytes each, packed)."""
    from tests.workflows.inbound_helpers import workbook

    row = '<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>TANAKA</t></is></c></row>'
    sheet = (
        '<?xml version="1.0"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(row.format(n=n) for n in range(2, rows + 2))
        + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(workbook([]), "r") as template,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package,
    ):
        for item in template.infolist():
            is_sheet = item.filename == "xl/worksheets/sheet1.xml"
            package.writestr(item, sheet if is_sheet else template.read(item))
    return buffer.getvalue()
