"""The canonical ballot of docs/BALLOT.md and COUNTING.md 4.2 step 2: parsing, percent- and
base64url-decoding, time text, arrival times (4.3), text length and White_Space (4.4)."""
import base64

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
HEXU = b"0123456789ABCDEF"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
B64IDX = {c: i for i, c in enumerate(B64)}


class NotCanonical(Exception):
    pass


def percent_decode(b):
    """bytes -> str, or None when refused."""
    out = bytearray()
    i = 0
    while i < len(b):
        c = b[i]
        if c in UNRESERVED:
            out.append(c)
            i += 1
        elif c == 0x25:
            if i + 2 >= len(b):
                return None
            h1, h2 = b[i + 1], b[i + 2]
            if h1 not in HEXU or h2 not in HEXU:
                return None
            v = HEXU.index(h1) * 16 + HEXU.index(h2)
            if v in UNRESERVED:
                return None
            out.append(v)
            i += 3
        else:
            return None
    try:
        return out.decode("utf-8", "strict")
    except UnicodeDecodeError:
        return None


def b64url_encode(data):
    """bytes -> str, RFC 4648 section 5 without padding."""
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64url_decode(s):
    """str -> bytes, or None (RFC 4648 section 5, no padding, exactly one spelling)."""
    if not isinstance(s, str) or len(s) % 4 == 1:
        return None
    bits = 0
    nbits = 0
    out = bytearray()
    for ch in s:
        v = B64IDX.get(ch)
        if v is None:
            return None
        bits = (bits << 6) | v
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)
            bits &= (1 << nbits) - 1
    if bits != 0:          # unused low bits of the last character must be zero
        return None
    return bytes(out)


def _days_from_civil(y, m, d):
    y -= m <= 2
    era = (y if y >= 0 else y - 399) // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def parse_time_text(s):
    """'YYYY-MM-DDTHH:MM:SSZ' -> whole seconds since 1970 (int), or None."""
    if not isinstance(s, str) or len(s) != 20:
        return None
    if not s.isascii():
        return None
    if s[4] != "-" or s[7] != "-" or s[10] != "T" or s[13] != ":" or s[16] != ":" or s[19] != "Z":
        return None
    parts = (s[0:4], s[5:7], s[8:10], s[11:13], s[14:16], s[17:19])
    if not all(p.isdigit() and p.isascii() for p in parts):
        return None
    y, mo, d, h, mi, se = (int(p) for p in parts)
    if not 1 <= mo <= 12:
        return None
    mdays = [31, 29 if _leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]
    if not 1 <= d <= mdays or h >= 24 or mi >= 60 or se >= 60:
        return None
    return _days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se


def time_text(seconds):
    """whole seconds since 1970 -> time text."""
    days, rem = divmod(int(seconds), 86400)
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    y += m <= 2
    return "%04d-%02d-%02dT%02d:%02d:%02dZ" % (y, m, d, rem // 3600, rem // 60 % 60, rem % 60)


# Seconds from 1970-01-01 to 2001-01-01, where COUNTING.md 4.3's binary64 times start.
EPOCH_2001 = 978307200


def since_2001(seconds):
    """Whole seconds since 1970 -> binary64 seconds since 2001 (exact)."""
    return float(seconds - EPOCH_2001)


def parse_arrival(s):
    """A received_at / also_received entry -> binary64 seconds since 2001 as COUNTING.md 4.3 computes them, or None."""
    if not isinstance(s, str) or not s.isascii() or len(s) < 20 or s[-1] != "Z":
        return None
    base = parse_time_text(s[:19] + "Z")
    if base is None:
        return None
    if len(s) == 20:
        return since_2001(base)
    frac = s[20:-1]
    if s[19] != "." or not frac or not all(c in "0123456789" for c in frac):
        return None
    f, scale = 0.0, 0.1
    for digit in frac:
        f = f + int(digit) * scale
        scale = scale / 10
    return since_2001(base) + f


def parse_ballot(text):
    """Canonical ballot text -> (form id, items as lists of decoded parts, issued seconds, credential bytes or None).
    Raises NotCanonical."""
    b = text.encode("utf-8", "surrogatepass")
    if b.count(b"\n") not in (4, 5):
        raise NotCanonical("a ballot has 5 lines joined by \\n (6 with a credential), this one has %d" % (b.count(b"\n") + 1))
    l1, l2, l3, l4, l5, *l6 = b.split(b"\n")
    if l1 != b"ballot/v1":
        raise NotCanonical("line 1 is not ballot/v1")
    for line, pre in ((l2, b"form="), (l3, b"choices="), (l4, b"nonce="), (l5, b"issued=")):
        if not line.startswith(pre):
            raise NotCanonical("a line does not begin %s" % pre.decode())
    form = percent_decode(l2[5:])
    if not form:
        raise NotCanonical("the form id is empty or not percent-encoded")
    items = []
    raw = l3[8:]
    if raw:
        encoded = raw.split(b",")
        for i, enc in enumerate(encoded):
            if i and not encoded[i - 1] < enc:
                raise NotCanonical("the items are not sorted or repeat")
            parts = []
            for p in enc.split(b":"):
                d = percent_decode(p) if p else None
                if not d:
                    raise NotCanonical("an item part is empty or badly percent-encoded")
                parts.append(d)
            items.append(parts)
    try:
        nonce_text = l4[6:].decode("ascii")
    except UnicodeDecodeError:
        raise NotCanonical("the nonce is not base64url")
    nonce = b64url_decode(nonce_text)
    if nonce is None or len(nonce) != 16:
        raise NotCanonical("the nonce is not 16 bytes of base64url")
    try:
        issued_text = l5[7:].decode("ascii")
    except UnicodeDecodeError:
        raise NotCanonical("issued is not a time")
    issued = parse_time_text(issued_text)
    if issued is None:
        raise NotCanonical("issued is not a UTC second")
    credential = None
    if l6:
        if not l6[0].startswith(b"credential="):
            raise NotCanonical("line 6 does not begin credential=")
        try:
            credential = b64url_decode(l6[0][11:].decode("ascii"))
        except UnicodeDecodeError:
            credential = None
        if credential is None or len(credential) <= 32:
            raise NotCanonical("the credential is not 32 random bytes and a signature in base64url")
    return form, items, issued, credential


# --- text rules of 4.4 -------------------------------------------------------------------------

# Unicode White_Space (a stable property): not str.isspace, which also takes U+001C-U+001F.
WHITE_SPACE = frozenset([0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680] + list(range(0x2000, 0x200B))
                        + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])


def text_length(s):
    """A text's length against max_text_length / max_length: Unicode code points."""
    return len(s)


def all_white_space(s):
    """Blank: every code point is White_Space."""
    return all(ord(c) in WHITE_SPACE for c in s)
