/// The small script `serve` adds to every page: it waits for the next build and reloads, or shows the
/// build's errors over the page.
enum LiveReloadScript {
    static let path = "__sitegen/live.js"

    static func inject(into html: String, basePath: String) -> String {
        let tag = "<script src=\"\(basePath)\(path)\" defer></script>"
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + tag }
        return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: tag)
    }

    static let source = """
    (function () {
      var base = document.currentScript.src.replace(/__sitegen\\/live\\.js.*$/, "");
      var version = null;
      function overlay(errors) {
        var box = document.getElementById("sitegen-errors");
        if (!errors.length) { if (box) box.remove(); return; }
        if (!box) {
          box = document.createElement("div");
          box.id = "sitegen-errors";
          box.setAttribute("role", "alert");
          box.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 monospace;padding:2rem;overflow:auto;white-space:pre-wrap";
          document.body.appendChild(box);
        }
        box.textContent = "sitegen: the last build failed\\n\\n" + errors.join("\\n");
      }
      function poll() {
        fetch(base + "__sitegen/events?v=" + encodeURIComponent(version === null ? "" : version), { cache: "no-store" })
          .then(function (r) { return r.json(); })
          .then(function (state) {
            if (version !== null && state.version !== version && state.errors.length === 0) { location.reload(); return; }
            version = state.version;
            overlay(state.errors);
            poll();
          })
          .catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    """
}
