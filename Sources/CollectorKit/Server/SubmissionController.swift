import Hummingbird

/// `POST /v1/submissions`: a ballot signed by the page's script, as JSON; answers 201 with the receipt.
struct SubmissionController: Sendable {
    let services: CollectorServices

    func submit(_ request: Request, context: CollectorContext) async -> Response {
        let body: [UInt8]
        switch await BodyReader.read(request, mediaType: "application/json", limit: services.configuration.bodyLimit) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return services.refuse(refusal, request: request)
        }
        let input: SubmissionInput
        switch SubmissionBody.decode(body) {
        case .success(let decoded): input = decoded
        case .failure(let refusal): return services.refuse(refusal, request: request)
        }
        switch await services.intake.accept(input, clientAddress: context.remoteAddress) {
        case .success(let receipt): return Answers.receipt(receipt, status: .created)
        case .failure(let refusal): return services.refuse(refusal, request: request, form: services.form(input.form))
        }
    }
}
