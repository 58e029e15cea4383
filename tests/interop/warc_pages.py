"""A small web archive written with warcio for the tests: fictional pages, made up for kb."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WREN_URL = "https://valley-herald.example.net/2025/02/03/wren-aide-complaint"
ODELL_URL = "https://lakeside-post.example.org/news/odell-denies"
WREN_DATE = "2025-02-03T14:05:09Z"
ODELL_DATE = "2025-02-04T09:30:00Z"

WREN_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Former aide accuses developer Tobias Wren of harassment</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><article>
<h1>Former aide accuses developer Tobias Wren of harassment</h1>
<p>A former executive assistant, Lena Marsh, has accused property developer Tobias Wren of
sexually harassing her during the two years she worked for him, according to a complaint filed
Monday with the state civil rights office.</p>
<p>Marsh said Wren made repeated comments about her appearance and touched her without consent
at a company retreat in 2023. The complaint asks the office to investigate the company's
handling of her reports to its human resources department.</p>
<p>Wren denied the allegations on Monday. "These claims are false and I will fight them," he
said in a statement released by his lawyer.</p>
</article><footer>Copyright Valley Herald, a fictional newspaper.</footer></body></html>"""

ODELL_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Council member Rhea Odell denies bribery claim</title></head>
<body><article><h1>Council member Rhea Odell denies bribery claim</h1>
<p>City council member Rhea Odell on Tuesday denied accusations that she took payments from a
waste contractor, calling them baseless, after a former campaign treasurer, Gideon Pike,
accused her of accepting bribes in exchange for her vote on a hauling contract.</p>
<p>Pike made the accusation in a sworn statement filed with the county ethics board last week.
The board has not said whether it will open an inquiry into the vote or the contract.</p>
</article></body></html>"""


def _response(writer: WARCWriter, url: str, date: str, body: bytes, content_type: str,
              status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(body),
                                       http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def write_archive(path: Path) -> Path:
    """Two article pages, and records that are no articles: a request, an image, a 404."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        request = writer.create_warc_record(
            WREN_URL, "request", payload=BytesIO(b""),
            http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "valley-herald.example.net")],
                                          is_http_request=True))
        writer.write_record(request)
        _response(writer, WREN_URL, WREN_DATE, WREN_HTML.encode(), "text/html; charset=utf-8")
        _response(writer, "https://valley-herald.example.net/logo.png", WREN_DATE,
                  b"\x89PNG\r\n\x1a\n", "image/png")
        _response(writer, "https://valley-herald.example.net/gone", WREN_DATE,
                  b"<html><body>Not found</body></html>", "text/html", status="404 Not Found")
        _response(writer, ODELL_URL, ODELL_DATE, ODELL_HTML.encode(), "text/html")
    return path
