import Hummingbird
import HTTPTypes
import NIOCore

/// The issuer's answers: JSON, refusals in the collector's shape (`{"error": {"code", "message", "field"}}`), and redirects; every one with the
/// collector's headers for data, and no referrer, so that neither the provider nor the site learns the issuer's
/// addresses with their codes and states.
enum IssuerAnswers {
    static let securityFields = SecurityHeaders.dataFields + [HTTPField(name: HTTPField.Name("Referrer-Policy")!, value: "no-referrer")]

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        Answers.jsonReply(value, status: status).response
    }

    static func refusal(_ refusal: IssuerRefusal) -> Reply {
        Answers.refusal(code: refusal.code, message: refusal.message, field: refusal.field, status: refusal.status)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func apply(to headers: inout HTTPFields) {
        for field in securityFields { headers[fields: field.name] = [field] }
    }
}
