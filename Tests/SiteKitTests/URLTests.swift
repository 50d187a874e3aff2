import Model
import XCTest
@testable import SiteKit

final class URLTests: XCTestCase {
    func testFileNamesGiveThePageAndTheLanguage() {
        let page = ContentFileName.parse(relativePath: "city/ward-1/about.fr.md")
        XCTAssertEqual(page?.key, ContentKey(directory: "city/ward-1", name: "about"))
        XCTAssertEqual(page?.language, "fr")
        XCTAssertEqual(ContentFileName.parse(relativePath: "_index.pt-BR.md")?.language, "pt-BR")
        XCTAssertEqual(ContentFileName.parse(relativePath: "_index.pt-BR.md")?.key.isSection, true)
        let dotted = ContentFileName.parse(relativePath: "notes/v1.2.md")
        XCTAssertEqual(dotted?.key.name, "v1.2")
        XCTAssertNil(dotted?.language)
        XCTAssertNil(ContentFileName.parse(relativePath: "map.png"))
    }

    func testRelativePathsResolveInsideContent() {
        XCTAssertEqual(ContentPath.resolve("../budget/_index.md", from: "city/ward-1"), "city/budget/_index.md")
        XCTAssertEqual(ContentPath.resolve("./a.md", from: ""), "a.md")
        XCTAssertEqual(ContentPath.resolve("/news/x.md", from: "deep/er"), "news/x.md")
        XCTAssertNil(ContentPath.resolve("../../x.md", from: "one"))
    }

    func testURLsUseEachLanguagesSlugsAndTheBasePath() throws {
        let meta = { (title: String, slug: String?) -> PageMeta in
            var meta = PageMeta(title: title)
            meta.slug = slug
            return meta
        }
        let section = ContentKey(directory: "city", name: "_index")
        let page = ContentKey(directory: "city", name: "about")
        let documents: [ContentKey: [String: Document]] = [
            section: ["fr": Document(key: section, language: "fr", file: "x", meta: meta("Ville", "ville"), body: "", bodyLine: 1)],
            page: ["fr": Document(key: page, language: "fr", file: "y", meta: meta("À propos", "a-propos"), body: "", bodyLine: 1)],
        ]
        XCTAssertEqual(SiteResolver.urlPath(page, language: "fr", byKey: documents), "fr/ville/a-propos/")
        XCTAssertEqual(SiteResolver.urlPath(page, language: "en", byKey: documents), "en/city/about/")
        XCTAssertEqual(SiteResolver.urlPath(.home, language: "ar", byKey: documents), "ar/")
        XCTAssertEqual(SiteResolver.basePath(of: "https://example.org/consult/"), "/consult/")
        XCTAssertEqual(SiteResolver.basePath(of: "https://example.org/"), "/")
        XCTAssertEqual(SiteResolver.basePath(of: "https://example.org"), "/")
    }

    func testSlugsKeepLettersOfEveryScript() {
        XCTAssertEqual(Slug.make("Ce que nous gardons !"), "ce-que-nous-gardons")
        XCTAssertEqual(Slug.make("Über   uns"), "über-uns")
        XCTAssertEqual(Slug.make("ميزانية المدينة"), "ميزانية-المدينة")
        XCTAssertTrue(Slug.isValid("a-propos"))
        XCTAssertFalse(Slug.isValid("a propos"))
    }

    func testLanguageTagsAreToldFromDottedNames() {
        XCTAssertTrue(Language.looksLikeTag("fr"))
        XCTAssertTrue(Language.looksLikeTag("zh-Hant"))
        XCTAssertFalse(Language.looksLikeTag("draft2"))
        XCTAssertFalse(Language.looksLikeTag("FR"))
        XCTAssertEqual(Language(code: "pt-BR", name: "Português", direction: .ltr).fallbackChain, ["pt-BR", "pt"])
    }
}
