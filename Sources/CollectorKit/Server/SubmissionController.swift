import Hummingbird
import HTTPTypes
import Model

/// `POST /v1/submissions`: a ballot signed by the page's script, as JSON; answers 201 with the receipt.
///
/// Live servers take this route in `SubmissionChannelHandler`, on the event loop; the router's handler below
/// serves in-process tests and requests pipelined behind another. Both go through `SubmissionEndpoint`.
struct SubmissionController: Sendable {
    let services: CollectorServices

    func submit(_ request: Request, context: CollectorContext) async -> Response {
        let endpoint = SubmissionEndpoint(services: services)
        let body: [UInt8]
        switch await BodyReader.read(request, mediaType: SubmissionEndpoint.mediaType, limit: services.configuration.bodyLimit) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return services.refuse(refusal, request: request)
        }
        let record: SubmissionRecord
        switch endpoint.record(body: body, clientAddress: services.clientAddress(request, context: context)) {
        case .success(let checked): record = checked
        case .failure(let refused): return services.refuse(refused.refusal, request: request, form: refused.form)
        }
        do {
            return endpoint.answer(receipt: record.receipt, form: record.form, outcome: try await services.store.store(record)).response
        } catch {
            return services.refuse(Refusal(.unavailable), request: request, form: services.form(record.form))
        }
    }
}

/// `POST /v1/submissions` on plain values, for the router and for the submission channel alike.
struct SubmissionEndpoint: Sendable {
    static let path = "/v1/submissions"
    static let mediaType = "application/json"

    /// A refusal and the form it is about, whose languages the answer may use.
    struct Refused: Error {
        let refusal: Refusal
        let form: FormSpec?
    }

    let services: CollectorServices

    /// The row to store for a posted body, or why not.
    func record(body: [UInt8], clientAddress: String?) -> Result<SubmissionRecord, Refused> {
        body.withUnsafeBufferPointer { record(body: $0, clientAddress: clientAddress) }
    }

    /// The same, reading the body where it lies.
    func record(body: UnsafeBufferPointer<UInt8>, clientAddress: String?) -> Result<SubmissionRecord, Refused> {
        let input: SubmissionInput
        switch SubmissionBody.decode(body) {
        case .success(let decoded): input = decoded
        case .failure(let refusal): return .failure(Refused(refusal: refusal, form: nil))
        }
        return services.intake.prepare(input, clientAddress: clientAddress).mapError { Refused(refusal: $0, form: services.form(input.form)) }
    }

    /// The 201 with the receipt, once the store holds the record.
    func answer(receipt: String, form: String, outcome: StoreOutcome) -> Reply {
        Answers.receipt(services.intake.stored(receipt: receipt, form: form, outcome), status: .created)
    }
}
