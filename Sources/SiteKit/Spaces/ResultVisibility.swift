import Foundation
import Model

/// Which counted results the pages show at the build's clock. A result counted while its form is still open
/// (a rehearsal, an interim count) would sit above a ballot people are still filling in, and could sway them:
/// it waits until the form's window closes, unless the form's space (its `_index`) or the survey says
/// `results_while_open: true`. A form without a closing time (a petition open until answered) shows its count, and
/// an opinion conversation shows its map as it goes, as Pol.is does: the groups are what participants react to.
enum ResultVisibility {
    /// The results to show, and the forms whose result waits for their window to close.
    static func split(_ results: [String: FormResult], forms: FormCatalog, site: ResolvedSite, spaces: SpaceIndex,
                      now: Date) -> (shown: [String: FormResult], held: Set<String>) {
        var pageOf: [String: ContentKey] = [:]
        for (page, ids) in forms.formsByPage { for id in ids { pageOf[id] = page } }
        var shown: [String: FormResult] = [:]
        var held: Set<String> = []
        for (id, result) in results {
            guard let form = forms.form(id), form.kind != .opinion, let closes = form.closes, now < closes,
                  !allowsWhileOpen(pageOf[id], site: site, spaces: spaces) else {
                shown[id] = result
                continue
            }
            held.insert(id)
        }
        return (shown, held)
    }

    private static func allowsWhileOpen(_ page: ContentKey?, site: ResolvedSite, spaces: SpaceIndex) -> Bool {
        guard let page else { return false }
        if site.instance(page, site.config.defaultLanguage.code)?.document.meta.survey?.resultsWhileOpen == true { return true }
        return spaces.space(of: page).flatMap { spaces.spaces[$0]?.resultsWhileOpen } ?? false
    }
}
