/* ConsultQR: a QR code (ISO/IEC 18004, byte mode, error correction level M, versions 1 to 10) drawn as an SVG in the
   page, with no network: a kiosk shows a receipt's check address this way, for a phone to take away.
     svg(text, label) -> an <svg> element (role img, labelled), or null when the text is over 213 bytes. */
(function () {
  "use strict";

  // Level M, per version: error correction codewords per block, then the blocks as [count, data codewords].
  var BLOCKS = [null,
    [10, [[1, 16]]], [16, [[1, 28]]], [26, [[1, 44]]], [18, [[2, 32]]], [24, [[2, 43]]],
    [16, [[4, 27]]], [18, [[4, 31]]], [22, [[2, 38], [2, 39]]], [22, [[3, 36], [2, 37]]], [26, [[4, 43], [1, 44]]]];
  var ALIGNMENT = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]];

  // GF(256) with the polynomial x^8 + x^4 + x^3 + x^2 + 1.
  var EXP = new Array(512), LOG = new Array(256);
  (function () {
    var x = 1;
    for (var i = 0; i < 255; i++) { EXP[i] = x; LOG[x] = i; x <<= 1; if (x & 256) x ^= 0x11d; }
    for (var j = 255; j < 512; j++) EXP[j] = EXP[j - 255];
  })();
  function times(a, b) { return a && b ? EXP[LOG[a] + LOG[b]] : 0; }

  function reedSolomon(data, degree) {
    var generator = [1];
    for (var i = 0; i < degree; i++) {
      var next = new Array(generator.length + 1).fill(0);
      for (var j = 0; j < generator.length; j++) { next[j] ^= generator[j]; next[j + 1] ^= times(generator[j], EXP[i]); }
      generator = next;
    }
    var remainder = new Array(degree).fill(0);
    data.forEach(function (byte) {
      var factor = byte ^ remainder.shift();
      remainder.push(0);
      for (var k = 0; k < degree; k++) remainder[k] ^= times(generator[k + 1], factor);
    });
    return remainder;
  }

  function dataCapacity(version) {
    return BLOCKS[version][1].reduce(function (sum, group) { return sum + group[0] * group[1]; }, 0);
  }

  // The codewords in order: mode, length, bytes, terminator, padding; then split into blocks and interleaved.
  function codewords(bytes, version) {
    var bits = [];
    function put(value, length) { for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    var capacity = dataCapacity(version) * 8;
    put(4, 4);
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (byte) { put(byte, 8); });
    put(0, Math.min(4, capacity - bits.length));
    while (bits.length % 8) bits.push(0);
    for (var pad = 0xec; bits.length < capacity; pad ^= 0xec ^ 0x11) put(pad, 8);
    var data = [];
    for (var b = 0; b < bits.length; b += 8) data.push(parseInt(bits.slice(b, b + 8).join(""), 2));
    var degree = BLOCKS[version][0], blocks = [], at = 0;
    BLOCKS[version][1].forEach(function (group) {
      for (var n = 0; n < group[0]; n++) { blocks.push(data.slice(at, at + group[1])); at += group[1]; }
    });
    var ecc = blocks.map(function (block) { return reedSolomon(block, degree); });
    var out = [], longest = Math.max.apply(null, blocks.map(function (block) { return block.length; }));
    for (var i = 0; i < longest; i++) blocks.forEach(function (block) { if (i < block.length) out.push(block[i]); });
    for (var e = 0; e < degree; e++) ecc.forEach(function (block) { out.push(block[e]); });
    return out;
  }

  function bch(value, poly, bitsOfPoly) {
    var v = value << (bitsOfPoly - 1);
    for (var i = 31; i >= bitsOfPoly - 1; i--) if ((v >>> i) & 1) v ^= poly << (i - bitsOfPoly + 1);
    return (value << (bitsOfPoly - 1)) | v;
  }

  function matrix(version, words, mask) {
    var size = version * 4 + 17, modules = [], fixed = [];
    for (var r = 0; r < size; r++) { modules.push(new Array(size).fill(false)); fixed.push(new Array(size).fill(false)); }
    function set(row, col, dark) { modules[row][col] = dark; fixed[row][col] = true; }
    function finder(row, col) {
      for (var dr = -1; dr <= 7; dr++) for (var dc = -1; dc <= 7; dc++) {
        var y = row + dr, x = col + dc;
        if (y < 0 || x < 0 || y >= size || x >= size) continue;
        var ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
        set(y, x, ring !== 2 && ring !== 4);
      }
    }
    finder(0, 0); finder(0, size - 7); finder(size - 7, 0);
    for (var t = 8; t < size - 8; t++) { set(6, t, t % 2 === 0); set(t, 6, t % 2 === 0); }
    var centres = ALIGNMENT[version];
    centres.forEach(function (y) {
      centres.forEach(function (x) {
        if ((y === 6 && x === 6) || (y === 6 && x === centres[centres.length - 1]) || (x === 6 && y === centres[centres.length - 1])) return;
        for (var dy = -2; dy <= 2; dy++) for (var dx = -2; dx <= 2; dx++) set(y + dy, x + dx, Math.max(Math.abs(dy), Math.abs(dx)) !== 1);
      });
    });
    // Format information (level M is 00), twice, and the dark module.
    var format = bch(mask, 0x537, 11) ^ 0x5412;
    for (var i = 0; i < 15; i++) {
      var bit = ((format >>> i) & 1) === 1;
      // Beside the top-left finder: down column 8 (skipping the timing row), then left along row 8.
      if (i < 6) set(i, 8, bit); else if (i < 8) set(i + 1, 8, bit); else if (i === 8) set(8, 7, bit); else set(8, 14 - i, bit);
      // The copy: along row 8 under the top-right finder, then down column 8 beside the bottom-left one.
      if (i < 8) set(8, size - 1 - i, bit); else set(size - 15 + i, 8, bit);
    }
    set(size - 8, 8, true);
    if (version >= 7) {
      var info = bch(version, 0x1f25, 13);
      for (var v = 0; v < 18; v++) {
        var on = ((info >>> v) & 1) === 1, a = size - 11 + (v % 3), b = Math.floor(v / 3);
        set(a, b, on); set(b, a, on);
      }
    }
    // Data, in two-column strips from the right, upwards then downwards, skipping the timing column.
    var bitIndex = 0, total = words.length * 8;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (var step = 0; step < size; step++) {
        for (var c = 0; c < 2; c++) {
          var col = right - c, upward = ((right + 1) & 2) === 0, row = upward ? size - 1 - step : step;
          if (fixed[row][col]) continue;
          var dark = bitIndex < total && ((words[bitIndex >>> 3] >>> (7 - (bitIndex & 7))) & 1) === 1;
          bitIndex++;
          modules[row][col] = dark !== masked(mask, row, col);
        }
      }
    }
    return modules;
  }

  function masked(mask, r, c) {
    switch (mask) {
      case 0: return (r + c) % 2 === 0;
      case 1: return r % 2 === 0;
      case 2: return c % 3 === 0;
      case 3: return (r + c) % 3 === 0;
      case 4: return (Math.floor(r / 2) + Math.floor(c / 3)) % 2 === 0;
      case 5: return (r * c) % 2 + (r * c) % 3 === 0;
      case 6: return ((r * c) % 2 + (r * c) % 3) % 2 === 0;
      default: return ((r + c) % 2 + (r * c) % 3) % 2 === 0;
    }
  }

  // ISO/IEC 18004 section 7.8.3's penalty: runs, 2x2 blocks, finder-like patterns, and the dark share.
  function penalty(m) {
    var size = m.length, score = 0, dark = 0;
    function lines(get) {
      for (var i = 0; i < size; i++) {
        var run = 1, line = [];
        for (var j = 0; j < size; j++) {
          line.push(get(i, j));
          if (j > 0) { if (get(i, j) === get(i, j - 1)) { run++; if (run === 5) score += 3; else if (run > 5) score++; } else run = 1; }
        }
        var text = line.map(function (on) { return on ? "1" : "0"; }).join("");
        var patterns = [/(?=10111010000)/g, /(?=00001011101)/g];
        patterns.forEach(function (p) { score += 40 * (text.match(p) || []).length; });
      }
    }
    lines(function (i, j) { return m[i][j]; });
    lines(function (i, j) { return m[j][i]; });
    for (var r = 0; r < size; r++) {
      for (var c = 0; c < size; c++) {
        if (m[r][c]) dark++;
        if (r < size - 1 && c < size - 1 && m[r][c] === m[r + 1][c] && m[r][c] === m[r][c + 1] && m[r][c] === m[r + 1][c + 1]) score += 3;
      }
    }
    return score + Math.floor(Math.abs(dark * 20 - size * size * 10) / (size * size)) * 10;
  }

  function svg(text, label) {
    var bytes = Array.prototype.slice.call(new TextEncoder().encode(text));
    var version = 1;
    while (version <= 10 && dataCapacity(version) - (version < 10 ? 2 : 3) < bytes.length) version++;
    if (version > 10) return null;
    var words = codewords(bytes, version), best = null, bestScore = Infinity;
    for (var mask = 0; mask < 8; mask++) {
      var candidate = matrix(version, words, mask), score = penalty(candidate);
      if (score < bestScore) { best = candidate; bestScore = score; }
    }
    var size = best.length, quiet = 4, path = "";
    best.forEach(function (row, r) { row.forEach(function (on, c) { if (on) path += "M" + (c + quiet) + " " + (r + quiet) + "h1v1h-1z"; }); });
    var ns = "http://www.w3.org/2000/svg", out = document.createElementNS(ns, "svg");
    out.setAttribute("viewBox", "0 0 " + (size + quiet * 2) + " " + (size + quiet * 2));
    out.setAttribute("role", "img");
    out.setAttribute("aria-label", label);
    out.setAttribute("class", "qr-code");
    var background = document.createElementNS(ns, "rect");
    background.setAttribute("width", "100%"); background.setAttribute("height", "100%"); background.setAttribute("fill", "#fff");
    var modules = document.createElementNS(ns, "path");
    modules.setAttribute("d", path); modules.setAttribute("fill", "#000");
    out.appendChild(background); out.appendChild(modules);
    return out;
  }

  window.ConsultQR = { svg: svg };
})();
