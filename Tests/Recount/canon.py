"""Canonical JSON (RFC 8785 / JCS) and the 'pretty' form of COUNTING.md section 2."""
import math


def es_number(x):
    """ECMAScript Number::toString of an int or a binary64 ('-0' is '0')."""
    if isinstance(x, bool):
        raise TypeError("bool is not a number")
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        raise ValueError("JSON has no NaN or infinity")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    r = repr(abs(x))                       # shortest round-trip digits
    if "e" in r:
        mant, exp = r.split("e")
        exp = int(exp)
    else:
        mant, exp = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    digits = (ip + fp).lstrip("0")
    lead_zeros = len(ip + fp) - len((ip + fp).lstrip("0"))
    n = len(ip) + exp - lead_zeros          # decimal point position relative to digits
    digits = digits.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        s = digits + "e" + es if k == 1 else digits[0] + "." + digits[1:] + "e" + es
    return sign + s


_NAMED = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def es_string(s):
    out = ['"']
    for ch in s:
        if ch in _NAMED:
            out.append(_NAMED[ch])
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _key(name):
    return name.encode("utf-16-be", "surrogatepass")


def compact(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return es_number(v)
    if isinstance(v, str):
        return es_string(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(compact(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(es_string(k) + ":" + compact(v[k]) for k in sorted(v, key=_key)) + "}"
    raise TypeError("cannot write %r" % type(v))


def _pretty(v, level, out):
    pad = "  " * (level + 1)
    if isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        out.append("{\n")
        keys = sorted(v, key=_key)
        for i, k in enumerate(keys):
            out.append(pad + es_string(k) + ": ")
            _pretty(v[k], level + 1, out)
            out.append(",\n" if i + 1 < len(keys) else "\n")
        out.append("  " * level + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        out.append("[\n")
        for i, x in enumerate(v):
            out.append(pad)
            _pretty(x, level + 1, out)
            out.append(",\n" if i + 1 < len(v) else "\n")
        out.append("  " * level + "]")
    else:
        if v is None:
            raise ValueError("a result file never contains null")
        out.append(compact(v))


def pretty(v):
    out = []
    _pretty(v, 0, out)
    out.append("\n")
    return "".join(out).encode("utf-8")
